import { z } from 'zod';
import { ResultEnvelope } from '../shared/envelope.ts';

/** Which engine a sweep runs on: onnxruntime-web wasm (the volunteers' default) or the plain-TS reference. */
export const SweepEngine = z.enum(['ort', 'ref']);
export type SweepEngine = z.infer<typeof SweepEngine>;

/** Parent → child: run this workunit. */
export const ChildRequest = z.object({ id: z.number().int(), engine: SweepEngine, input: z.unknown() });
export type ChildRequest = z.infer<typeof ChildRequest>;

/** Child → parent. */
export const ChildReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: ResultEnvelope }),
  z.object({ type: z.literal('error'), id: z.number().int(), message: z.string() }),
]);
export type ChildReply = z.infer<typeof ChildReply>;

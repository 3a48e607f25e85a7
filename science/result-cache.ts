import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { canonicalJson } from '../shared/canonical-json.ts';
import { ResultEnvelope, type WorkunitInput } from '../shared/envelope.ts';
import type { SweepEngine } from './sweep-messages.ts';

/**
 * Finished workunits of science sweeps, so an interrupted sweep (the machine is shared, a full one takes many
 * minutes) resumes where it stopped. Kept under node_modules/.cache, which git ignores. A cached result is reused only
 * for the identical input on the same engine kind.
 */
const DIR = fileURLToPath(new URL('../node_modules/.cache/axiom-science/', import.meta.url));
const Entry = z.object({ input: z.unknown(), engine: z.string(), result: ResultEnvelope });

const fileOf = (input: WorkunitInput): string => join(DIR, `${input.wu_id}.json`);

export function loadCachedResult(input: WorkunitInput, engine: SweepEngine): ResultEnvelope | undefined {
  const file = fileOf(input);
  if (!existsSync(file)) return undefined;
  const entry = Entry.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!entry.success || entry.data.engine !== engine || canonicalJson(entry.data.input) !== canonicalJson(input)) return undefined;
  return entry.data.result;
}

export function storeCachedResult(input: WorkunitInput, engine: SweepEngine, result: ResultEnvelope): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(fileOf(input), JSON.stringify({ input, engine, result }));
}

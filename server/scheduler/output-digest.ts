import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';
import type { ResultEnvelope } from '../../shared/envelope.ts';

/**
 * SHA-256 (hex) of the canonical JSON of a result's science: fingerprints, canary, summary and curves. Timing, engine
 * and status are left out, so two honest uploads of the same computation have the same digest.
 */
export function outputDigest(output: ResultEnvelope): string {
  const science = { fingerprints: output.fingerprints, canary: output.canary, summary: output.summary, curves: output.curves };
  return createHash('sha256').update(canonicalJson(science)).digest('hex');
}

import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// Lints small snippets as if they were files in each folder, so the import-direction rules of DESIGN.md are proven
// to fire (and to stay quiet on allowed imports) with the project's real eslint.config.js.
// The snippets are not files on disk, so the type-aware parser gets a default project for them.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*/probe.ts'] } } } },
});

async function restrictedPathMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('import directions', () => {
  test.each([
    ['shared/probe.ts', "import { findExperiment } from '../experiments/registry.ts';\nexport const x = findExperiment;\n", 'shared/ is the vocabulary'],
    ['experiments/probe.ts', "import type { WorkerApi } from '../worker/api.ts';\nexport type X = WorkerApi;\n", 'Kernels run anywhere'],
    ['web/probe.ts', "import { findExperiment } from '../experiments/registry.ts';\nexport const x = findExperiment;\n", 'never computes'],
    ['web/probe.ts', "import { createOrtWasmEngine } from '../worker/backends/ort-wasm.ts';\nexport const x = createOrtWasmEngine;\n", 'typed API'],
    ['server/probe.ts', "import type { WorkerApi } from '../worker/api.ts';\nexport type X = WorkerApi;\n", 'server/ may import'],
  ])('rejects a wrong-way import in %s', async (file, code, reason) => {
    const messages = await restrictedPathMessages(file, code);
    expect(messages.length).toBe(1);
    expect(messages[0]).toContain(reason);
  });

  test.each([
    ['server/probe.ts', "import { findExperiment } from '../experiments/registry.ts';\nexport const x = findExperiment;\n"],
    ['worker/probe.ts', "import { findExperiment } from '../experiments/registry.ts';\nexport const x = findExperiment;\n"],
    ['web/probe.ts', "import type { WorkerApi } from '../worker/api.ts';\nexport type X = WorkerApi;\n"],
    ['experiments/probe.ts', "import { SPEC_ID } from '../shared/envelope.ts';\nexport const x = SPEC_ID;\n"],
  ])('allows the right-way import in %s', async (file, code) => {
    expect(await restrictedPathMessages(file, code)).toEqual([]);
  });
});

describe('kernel purity', () => {
  test.each([
    ['Math.random()', 'seeded streams'],
    ['Date.now()', 'ctx.nowMs()'],
    ['performance.now()', 'ctx.nowMs()'],
  ])('rejects %s in experiments/', async (expr, hint) => {
    const [result] = await eslint.lintText(`export const t = ${expr};\n`, { filePath: 'experiments/probe.ts' });
    const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-properties');
    expect(messages.map((m) => m.message).join('\n')).toContain(hint);
  });
});

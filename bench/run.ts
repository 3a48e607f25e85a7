/**
 * `npm run bench -- <name> [options]`: runs one benchmark. Each benchmark prints its ratio against the reference it
 * competes with, measured in the same run (DESIGN.md: speed is a benchmark's business, not a timed test's).
 */
import process from 'node:process';

const BENCHES = {
  browser: async (args: readonly string[]) => (await import('./browser-targets.ts')).runBrowserTargetsBench(args),
  lazy: async (args: readonly string[]) => (await import('./lazy.ts')).runLazyBench(args),
  server: async (args: readonly string[]) => (await import('./server.ts')).runServerBench(args),
} as const satisfies Record<string, (args: readonly string[]) => Promise<void>>;

function isBenchName(name: string): name is keyof typeof BENCHES {
  return Object.hasOwn(BENCHES, name);
}

const [benchName, ...args] = process.argv.slice(2);
if (benchName === undefined || !isBenchName(benchName)) {
  console.error(`usage: npm run bench -- <name> [options]; got ${JSON.stringify(benchName)}; available: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
} else {
  BENCHES[benchName](args).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

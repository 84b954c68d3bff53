import * as nodeModule from 'node:module';
import { join, resolve } from 'node:path';
import { USAGE, UsageError } from './args.ts';
import { EXIT, runDiagrams, type LoadFullRun } from './diagrams.ts';
import { consoleOutput } from './output.ts';

// Run by Node itself (`node src/cli/main.ts`, types stripped natively): everything this file imports
// up to the freshness check is plain Node, so a no-op run loads neither tfjs nor esbuild.
const root = resolve(import.meta.dirname, '..', '..');
const { registerHooks } = nodeModule as Partial<typeof nodeModule>;

const loadFullRun: LoadFullRun = async () => {
  // Node without in-thread hooks (before 22.15) can only run this under tsx, which compiles for us.
  if (typeof registerHooks === 'function') (await import('./typescript-hooks.ts')).registerTypeScriptHooks(join(root, 'src'));
  // tfjs greets Node users with advice to install tfjs-node (which needs a download); PROD silences it.
  (await import('@tensorflow/tfjs')).env().set('PROD', true);
  return import('./full-run.ts');
};

runDiagrams(process.argv.slice(2), root, consoleOutput, loadFullRun).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(`diagrams: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
    process.exit(EXIT.error);
  },
);

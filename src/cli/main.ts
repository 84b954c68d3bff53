import * as nodeModule from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { removeOwnTemps } from './debris.ts';
import { EXIT, runDiagrams, type LoadFullRun } from './diagrams.ts';
import { consoleOutput } from './output.ts';
import { fullRunInWorker, stopWorker } from './worker-run.ts';

// Run by Node itself (`node src/cli/main.ts`, types stripped natively): everything this file imports
// up to the freshness check is plain Node, so a no-op run loads neither tfjs nor esbuild.
const root = resolve(import.meta.dirname, '..', '..');
const argv = process.argv.slice(2);
// npm runs scripts in the project folder; a relative --out means the folder `npm run` was typed in.
const cwd = process.env.npm_lifecycle_event === 'diagrams' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
/** Where this run writes temp files: diagrams/, and the --out directory if one is given (a bad one writes nothing). */
const writtenDirs = [join(root, 'diagrams')];
try {
  const { out } = parseArgs(argv);
  if (out !== undefined) writtenDirs.push(resolve(cwd, out));
} catch {
  // runDiagrams reports it
}
const { registerHooks } = nodeModule as Partial<typeof nodeModule>;

// Node with in-thread hooks (22.15 and later) runs the full run in a worker thread that compiles the
// definitions itself (src/cli/work-thread.ts), so this thread stays free to obey a signal at once.
// Node without them can only run this under tsx, which compiles for us, in this thread.
const loadFullRun: LoadFullRun =
  typeof registerHooks === 'function'
    ? async () => fullRunInWorker(root)
    : async () => {
        // tfjs greets Node users with advice to install tfjs-node (which needs a download); PROD silences it.
        (await import('@tensorflow/tfjs')).env().set('PROD', true);
        return import('./full-run.ts');
      };

/**
 * Ctrl-C, SIGTERM (`timeout`, a CI runner) or a closed terminal stop the run at once: its worker thread
 * is terminated whatever it is doing, its temp files are removed, and exiting releases its lock
 * (src/cli/lock.ts releases on exit). A second signal during that kills the process outright.
 */
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
for (const [signal, number] of Object.entries(SIGNALS))
  process.once(signal, () => {
    void stopWorker().finally(() => {
      const removed = writtenDirs.flatMap((dir) => removeOwnTemps(dir));
      console.error(`diagrams: stopped by ${signal}${removed.length > 0 ? `; removed ${removed.join(', ')}` : ''}; nothing half-written is left`);
      process.exit(128 + number);
    });
  });

runDiagrams(argv, root, consoleOutput, loadFullRun, cwd).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(`diagrams: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
    process.exit(EXIT.error);
  },
);

import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { lockCheck } from './lock.ts';
import { consoleOutput, type Output } from './output.ts';
import type { WorkerJob, WorkerReply } from './worker-run.ts';

// The worker thread of a run (src/cli/worker-run.ts): compiles definitions like main.ts does, runs one
// job of the full run, and answers with its result or its error's message.
const { root, job } = workerData as { root: string; job: WorkerJob };
const reply = (message: WorkerReply) => parentPort!.postMessage(message);
// Lines go to the console as they are; what the run is doing goes to the main thread, which says so if it runs on.
const out: Output = { log: consoleOutput.log, status: (doing) => parentPort!.postMessage({ status: doing }) };

try {
  const { registerHooks } = nodeModule as Partial<typeof nodeModule>;
  if (typeof registerHooks === 'function') (await import('./typescript-hooks.ts')).registerTypeScriptHooks(join(root, 'src'));
  (await import('@tensorflow/tfjs')).env().set('PROD', true);
  const full = await import('./full-run.ts');
  if (job.method === 'checkFull') reply({ ok: true, value: await full.checkFull({ ...job.run, out }) });
  else if (job.method === 'writeOut') {
    const { elapsed, ...run } = job.run;
    reply({ ok: true, value: await full.writeOut({ ...run, out, started: performance.now() - elapsed }) });
  } else {
    const { lock, elapsed, ...run } = job.run;
    // This thread checks the lock the main thread holds (the same file, the same record); the main thread releases it.
    const held = { ...lock, assertHeld: lockCheck(lock.path, lock.text).assertHeld, release: async () => {} };
    reply({ ok: true, value: await full.writeFull({ ...run, out, lock: held, started: performance.now() - elapsed }) });
  }
} catch (error) {
  reply({ ok: false, message: (error as Error).message ?? String(error), usage: (error as Error).name === 'UsageError' });
}

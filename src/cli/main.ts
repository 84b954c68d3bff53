import * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import { USAGE, UsageError } from './args';
import { runDiagrams } from './diagrams';

// tfjs greets Node users with advice to install tfjs-node (which needs a download); PROD silences it.
tf.env().set('PROD', true);

runDiagrams(process.argv.slice(2), resolve(import.meta.dirname, '..', '..')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(`diagrams: ${(error as Error).message}${usage ? `\n\n${USAGE}` : ''}`);
    process.exit(usage ? 2 : 1);
  },
);

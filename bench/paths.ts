import { resolve } from 'node:path';

/** The project folder: the bench reads src/ and node_modules/ from it and runs its children there. */
export const BENCH_ROOT = resolve(import.meta.dirname, '..');

/**
 * How long-running training steps say how far they are, so a caller (the demo worker) can show it.
 * Reporting is synchronous and cheap; a function that takes an `OnProgress` works the same without one.
 */
export interface Progress {
  /** What is being done, named by the function that reports it: `drive`, `features`, `solve`, … */
  readonly phase: string;
  /** Units of work finished in this phase (time steps, rows, solver iterations), out of `total`. */
  readonly done: number;
  readonly total: number;
  /** The error so far, where the phase has one (e.g. the relative residual of an iterative solve). */
  readonly error?: number;
}

export type OnProgress = (progress: Progress) => void;

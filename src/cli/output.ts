/** Where the command's progress lines go: the console when run, a list in tests. */
export interface Output {
  log(line: string): void;
  /**
   * What the run is doing now ("building and tracing echo-state-network"), said before each long
   * step. Not printed by itself: the CLI reports it only when a step runs on (src/cli/worker-run.ts).
   */
  status?(doing: string): void;
}

export const consoleOutput: Output = { log: (line) => console.log(line) };

/** Progress lines put file names in one column this wide. */
export const columnWidth = (files: readonly string[]): number => Math.max(0, ...files.map((f) => f.length)) + 2;

export const pad = (text: string, width: number): string => text.padEnd(width);

/** A count with its noun, singular for one: `count(1, 'diagram')` is "1 diagram", `count(2, 'diagram')` "2 diagrams". */
export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;

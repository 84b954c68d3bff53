/**
 * Caption lines a group box can hold without growing wider than its cells need: a line longer than
 * `maxChars` breaks at the last point within the limit where a break reads well — a space, or just
 * after a hyphen ("2 probabilistic-" / "hidden cells"); a word longer than the limit stays whole.
 * The widths of the cells diagrams came mostly from long captions ("5 match-input-output cells")
 * widening every box.
 */
export function wrapLines(lines: readonly string[], maxChars: number): string[] {
  return lines.flatMap((line) => wrapLine(line, maxChars));
}

/** Characters a line may run over its limit rather than leave this few on a line of their own. */
const ORPHAN = 4;

function wrapLine(line: string, maxChars: number): string[] {
  if (line.length <= maxChars) return [line];
  // Where the line may break: [end of this line, start of the next].
  const breaks: [number, number][] = [];
  for (let i = 1; i < line.length; i++) {
    if (line[i] === ' ') breaks.push([i, i + 1]);
    else if (line[i - 1] === '-') breaks.push([i, i]);
  }
  // The last break within the limit; with none, the first after it (a long word stays whole).
  const chosen = breaks.filter(([end]) => end <= maxChars).at(-1) ?? breaks[0];
  if (!chosen) return [line];
  // A word or two left alone on a line ("in") reads worse than a line a little over the limit.
  if (line.length - chosen[1] <= ORPHAN && line.length <= maxChars + ORPHAN) return [line];
  return [line.slice(0, chosen[0]), ...wrapLine(line.slice(chosen[1]), maxChars)];
}

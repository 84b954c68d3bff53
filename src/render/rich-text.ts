import { Tspan, type Text } from '@svgdotjs/svg.js';

/** `W_f x + U_{h} h` → runs of plain text and subscripts (`_c` takes one character, `_{…}` a group). */
export function subscriptRuns(text: string): { text: string; sub: boolean }[] {
  const runs: { text: string; sub: boolean }[] = [];
  const pattern = /_\{([^}]*)\}|_(\S)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), sub: false });
    runs.push({ text: match[1] ?? match[2]!, sub: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), sub: false });
  return runs;
}

/**
 * Fills a text element with the runs of `text`, subscripts as smaller tspans shifted down by `dy`
 * (baseline-shift is not honoured everywhere; dy is).
 */
export function writeSubscripted(element: Text, text: string, size: number): void {
  const shift = Math.round(size * 0.3);
  element.clear();
  let lowered = false;
  for (const run of subscriptRuns(text)) {
    // Built detached and added: Text#tspan would replace the runs written so far.
    const span = new Tspan().plain(run.text);
    element.add(span);
    if (run.sub && !lowered) span.attr({ dy: shift });
    if (!run.sub && lowered) span.attr({ dy: -shift });
    if (run.sub) span.attr('font-size', Math.round(size * 0.75));
    lowered = run.sub;
  }
}

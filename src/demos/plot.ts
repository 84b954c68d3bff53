import { linearScale, logScale, position, type Scale } from './ticks';

/**
 * How a series is drawn. Each has its own shape, not only its colour: `band` a wide line (the
 * reference to compare against), `line` a thin solid line, `dashed` a thin dashed line drawn over
 * a band so both stay visible where they coincide, `dots` hollow circles, `thin` a hairline in a
 * quieter colour for the many parts of a whole (an RBF network's bumps). Colours come from
 * Demo.astro's stylesheet (rz-plot-<mark>), chosen for 3:1 contrast in light and dark themes.
 */
export type Mark = 'band' | 'line' | 'dashed' | 'dots' | 'thin';

type Points = readonly (readonly [number, number])[];

/**
 * One legend entry: a curve (`points`), or several curves drawn alike and named once (`curves`),
 * e.g. one bump per hidden unit.
 */
export type Series =
  | { readonly label: string; readonly mark: Mark; readonly points: Points }
  | { readonly label: string; readonly mark: Exclude<Mark, 'dots'>; readonly curves: readonly Points[] };

const curvesOf = (s: Series): readonly Points[] => ('curves' in s ? s.curves : [s.points]);

export interface PlotSpec {
  /** The accessible name: what the plot shows. */
  readonly title: string;
  /** The finding in words, for readers who cannot see the plot. */
  readonly description: string;
  readonly x: { readonly label: string };
  /** `log` axes draw values below `floor` (default 1e-8) at the floor: zero has no logarithm. */
  readonly y: { readonly label: string; readonly scale?: 'linear' | 'log'; readonly floor?: number };
  readonly series: readonly Series[];
}

const W = 520;
const H = 300;
const M = { top: 34, right: 16, bottom: 44, left: 64 };
const TICK = 5;
const FONT = 13;
/** Stroke shapes per mark, as attributes, so they survive without the stylesheet. */
const STROKE: Readonly<Record<Exclude<Mark, 'dots'>, string>> = {
  band: 'stroke-width="7" stroke-linecap="round" stroke-linejoin="round"',
  line: 'stroke-width="1.6"',
  dashed: 'stroke-width="1.6" stroke-dasharray="6 4"',
  thin: 'stroke-width="1"',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const round = (v: number) => v.toFixed(1);

/** A small chart as an SVG string (demo results only; diagrams go through the pipeline). */
export function plotSvg(spec: PlotSpec): string {
  const floor = spec.y.floor ?? 1e-8;
  const ys = (v: number) => (spec.y.scale === 'log' ? Math.max(v, floor) : v);
  const all = spec.series.flatMap((s) => curvesOf(s).flat());
  if (all.length === 0) throw new Error(`plot "${spec.title}": no points`);
  const xScale = linearScale(Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])));
  const [yLo, yHi] = [Math.min(...all.map((p) => ys(p[1]))), Math.max(...all.map((p) => ys(p[1])))];
  const yScale = spec.y.scale === 'log' ? logScale(yLo, yHi) : linearScale(yLo, yHi);
  const sx = (x: number) => M.left + position(xScale, x) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - position(yScale, ys(y)) * (H - M.top - M.bottom);

  const marks = spec.series.map((s) => {
    if (s.mark === 'dots')
      return `<g class="rz-plot-dots" fill="none" stroke="currentColor">${curvesOf(s)
        .flat()
        .map(([x, y]) => `<circle cx="${round(sx(x))}" cy="${round(sy(y))}" r="2.5"/>`)
        .join('')}</g>`;
    // Several curves of one series are subpaths of one path: one element, one legend entry.
    const d = curvesOf(s)
      .map((points) => points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${round(sx(x))} ${round(sy(y))}`).join(' '))
      .join(' ');
    return `<path class="rz-plot-${s.mark}" d="${d}" fill="none" stroke="currentColor" ${STROKE[s.mark]}/>`;
  });
  return (
    `<svg class="rz-plot" viewBox="0 0 ${W} ${H}" width="100%" role="img" font-size="${FONT}">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    axes(xScale, yScale, sx, sy) +
    marks.join('') +
    axisLabels(spec) +
    legend(spec.series) +
    `</svg>`
  );
}

/** Grid lines, the two axis lines, and ticks with their values on both axes. */
function axes(xScale: Scale, yScale: Scale, sx: (x: number) => number, sy: (y: number) => number): string {
  const bottom = H - M.bottom;
  const grid =
    xScale.ticks.map((t) => `M${round(sx(t))} ${M.top}V${bottom}`).join('') + yScale.ticks.map((t) => `M${M.left} ${round(sy(t))}H${W - M.right}`).join('');
  const ticks =
    xScale.ticks.map((t) => `M${round(sx(t))} ${bottom}v${TICK}`).join('') + yScale.ticks.map((t) => `M${M.left} ${round(sy(t))}h${-TICK}`).join('');
  const labels =
    xScale.ticks.map((t) => `<text x="${round(sx(t))}" y="${bottom + TICK + FONT + 1}" text-anchor="middle">${xScale.format(t)}</text>`).join('') +
    yScale.ticks.map((t) => `<text x="${M.left - TICK - 3}" y="${round(sy(t) + FONT / 3)}" text-anchor="end">${yScale.format(t)}</text>`).join('');
  return (
    `<path class="rz-plot-grid" d="${grid}" fill="none" stroke="currentColor" stroke-width="0.5" stroke-opacity="0.35"/>` +
    `<path class="rz-plot-axis" d="M${M.left} ${M.top}V${bottom}H${W - M.right}${ticks}" fill="none" stroke="currentColor"/>` +
    `<g class="rz-plot-tick" fill="currentColor">${labels}</g>`
  );
}

function axisLabels(spec: PlotSpec): string {
  const midY = (M.top + H - M.bottom) / 2;
  return (
    `<g class="rz-plot-label" fill="currentColor">` +
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">${escape(spec.x.label)}</text>` +
    `<text transform="translate(14 ${midY}) rotate(-90)" text-anchor="middle">${escape(spec.y.label)}</text>` +
    `</g>`
  );
}

/** One row above the plot: a sample of each series drawn exactly as its mark, then its label. */
function legend(series: readonly Series[]): string {
  let x = M.left;
  const y = 14;
  return series
    .map((s) => {
      const sample =
        s.mark === 'dots'
          ? `<circle class="rz-plot-dots" cx="${x + 12}" cy="${y}" r="3" fill="none" stroke="currentColor"/>`
          : `<path class="rz-plot-${s.mark}" d="M${x} ${y}h24" fill="none" stroke="currentColor" ${STROKE[s.mark]}/>`;
      const entry = `${sample}<text x="${x + 32}" y="${y + FONT / 3}" fill="currentColor">${escape(s.label)}</text>`;
      // Label width estimated from its length: the SVG is built without a DOM to measure text in.
      x += 32 + s.label.length * FONT * 0.56 + 22;
      return entry;
    })
    .join('');
}

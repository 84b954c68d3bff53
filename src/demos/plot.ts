import { textWidth, wrapText } from './text-width';
import { linearScale, linearScaleWithStep, logScale, position, type Scale } from './ticks';

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
  /**
   * `equal`: a unit is as long across as up (both axes linear), so shapes keep their proportions —
   * a circle is drawn round. The axes are widened around the data to make it so, share one tick
   * step, and the plot says so: a note in its legend, a sentence in its <desc>, `data-aspect="equal"`.
   */
  readonly aspect?: 'equal';
}

/** The canvas is 520 units wide (Demo.astro shows it at most 520 px wide); its height follows the legend. */
const W = 520;
/** Height of the area the data is drawn in; with an equal aspect, up to the taller height if the data is taller than wide. */
const PLOT_HEIGHT = 222;
const EQUAL_PLOT_HEIGHT = 330;
const BOTTOM = 44;
const TICK = 5;
const FONT = 13;
/** No text comes closer than this to the canvas's edge. */
const EDGE = 4;
/** Centre of the first legend row, the distance between rows, and from the last row to the plot area. */
const LEGEND_TOP = 14;
const LINE = 18;
const LEGEND_GAP = 20;
/** A legend sample's length, the gap before its label, and the gap between entries. */
const SAMPLE = 24;
const SAMPLE_GAP = 8;
const ENTRY_GAP = 18;
/** The y-axis label, turned a quarter, is centred this far from the left edge; tick values keep clear of it. */
const Y_LABEL_X = 14;
const Y_LABEL_CLEAR = 24;
const MIN_LEFT = 64;
const MIN_RIGHT = 16;
/** Room kept between neighbouring tick values on the x axis. */
const TICK_LABEL_GAP = 10;
const EQUAL_NOTE = 'x and y drawn to the same scale';
/** Stroke shapes per mark, as attributes, so they survive without the stylesheet. */
const STROKE: Readonly<Record<Exclude<Mark, 'dots'>, string>> = {
  band: 'stroke-width="7" stroke-linecap="round" stroke-linejoin="round"',
  line: 'stroke-width="1.6"',
  dashed: 'stroke-width="1.6" stroke-dasharray="6 4"',
  thin: 'stroke-width="1"',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const round = (v: number) => v.toFixed(1);

/** Where the plot area sits in the canvas. */
interface Frame {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly height: number;
}

/** A small chart as an SVG string (demo results only; diagrams go through the pipeline). */
export function plotSvg(spec: PlotSpec): string {
  const floor = spec.y.floor ?? 1e-8;
  const ys = (v: number) => (spec.y.scale === 'log' ? Math.max(v, floor) : v);
  const all = spec.series.flatMap((s) => curvesOf(s).flat());
  if (all.length === 0) throw new Error(`plot "${spec.title}": no points`);
  if (spec.aspect === 'equal' && spec.y.scale === 'log') throw new Error(`plot "${spec.title}": an equal aspect needs linear axes`);
  const xs = all.map((p) => p[0]);
  const yv = all.map((p) => ys(p[1]));
  const niceX = linearScale(Math.min(...xs), Math.max(...xs));
  const niceY = spec.y.scale === 'log' ? logScale(Math.min(...yv), Math.max(...yv)) : linearScale(Math.min(...yv), Math.max(...yv));

  // The margins depend on the tick values, and with an equal aspect the tick values on the margins:
  // widen the margins until every tick value fits (they only grow, so this ends).
  let [left, right, height] = [MIN_LEFT, MIN_RIGHT, PLOT_HEIGHT];
  let scales = { x: niceX, y: niceY };
  for (;;) {
    if (spec.aspect === 'equal') {
      const tall = ((W - left - right) * (niceY.domain[1] - niceY.domain[0])) / (niceX.domain[1] - niceX.domain[0]);
      height = Math.round(Math.min(EQUAL_PLOT_HEIGHT, Math.max(PLOT_HEIGHT, tall)));
      scales = equalAspect(niceX, niceY, W - left - right, height);
    }
    const needLeft = Math.max(left, Y_LABEL_CLEAR + Math.max(...scales.y.ticks.map((t) => textWidth(scales.y.format(t), FONT))) + TICK + 3);
    const lastX = scales.x.ticks.at(-1);
    const needRight = Math.max(right, lastX === undefined ? 0 : textWidth(scales.x.format(lastX), FONT) / 2 + EDGE);
    if (needLeft === left && needRight === right) break;
    [left, right] = [needLeft, needRight];
  }
  // The legend starts where the plot area does, and the plot area below its last row.
  const legend = legendLayout(spec, left);
  const frame: Frame = { left, right, top: LEGEND_TOP + (legend.lines - 1) * LINE + LEGEND_GAP, height };
  const H = frame.top + frame.height + BOTTOM;
  const width = W - frame.left - frame.right;
  const sx = (x: number) => frame.left + position(scales.x, x) * width;
  const sy = (y: number) => frame.top + frame.height - position(scales.y, ys(y)) * frame.height;

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
  const equal = spec.aspect === 'equal';
  const description = equal ? `${spec.description} Both axes are drawn to the same scale, so a circle in the data is drawn round.` : spec.description;
  return (
    `<svg class="rz-plot" viewBox="0 0 ${W} ${H}" width="100%" role="img" font-size="${FONT}"${equal ? ' data-aspect="equal"' : ''}>` +
    `<title>${escape(spec.title)}</title><desc>${escape(description)}</desc>` +
    axes(scales.x, scales.y, sx, sy, frame) +
    marks.join('') +
    axisLabels(spec, frame, H) +
    legend.svg +
    `</svg>`
  );
}

/**
 * Both axes stretched to one number of units per pixel, the larger of the two, each around the
 * middle of its round domain, and ticked at one step (the larger of their round steps), so a grid
 * cell is a square.
 */
function equalAspect(x: Scale, y: Scale, width: number, height: number): { x: Scale; y: Scale } {
  const span = (s: Scale) => s.domain[1] - s.domain[0];
  const unitsPerPixel = Math.max(span(x) / width, span(y) / height);
  const step = Math.max(stepOf(x), stepOf(y));
  const stretch = (s: Scale, pixels: number) => {
    const middle = (s.domain[0] + s.domain[1]) / 2;
    const half = (unitsPerPixel * pixels) / 2;
    return linearScaleWithStep(middle - half, middle + half, step);
  };
  return { x: stretch(x, width), y: stretch(y, height) };
}

const stepOf = (s: Scale) => (s.ticks.length > 1 ? s.ticks[1]! - s.ticks[0]! : s.domain[1] - s.domain[0]);

/** Grid lines, the two axis lines, and ticks with their values on both axes. */
function axes(xScale: Scale, yScale: Scale, sx: (x: number) => number, sy: (y: number) => number, frame: Frame): string {
  const [left, right, top, bottom] = [frame.left, W - frame.right, frame.top, frame.top + frame.height];
  const grid = xScale.ticks.map((t) => `M${round(sx(t))} ${top}V${bottom}`).join('') + yScale.ticks.map((t) => `M${left} ${round(sy(t))}H${right}`).join('');
  const ticks = xScale.ticks.map((t) => `M${round(sx(t))} ${bottom}v${TICK}`).join('') + yScale.ticks.map((t) => `M${left} ${round(sy(t))}h${-TICK}`).join('');
  // Every x tick gets its value unless neighbouring values would touch: then every second (third…) one.
  const widest = Math.max(0, ...xScale.ticks.map((t) => textWidth(xScale.format(t), FONT)));
  const pitch = xScale.ticks.length > 1 ? Math.abs(sx(xScale.ticks[1]!) - sx(xScale.ticks[0]!)) : Infinity;
  const every = Math.max(1, Math.ceil((widest + TICK_LABEL_GAP) / pitch));
  const labels =
    xScale.ticks
      .filter((_, k) => k % every === 0)
      .map((t) => `<text x="${round(sx(t))}" y="${bottom + TICK + FONT + 1}" text-anchor="middle">${xScale.format(t)}</text>`)
      .join('') + yScale.ticks.map((t) => `<text x="${left - TICK - 3}" y="${round(sy(t) + FONT / 3)}" text-anchor="end">${yScale.format(t)}</text>`).join('');
  return (
    `<path class="rz-plot-grid" d="${grid}" fill="none" stroke="currentColor" stroke-width="0.5" stroke-opacity="0.35"/>` +
    `<path class="rz-plot-axis" d="M${left} ${top}V${bottom}H${right}${ticks}" fill="none" stroke="currentColor"/>` +
    `<g class="rz-plot-tick" fill="currentColor">${labels}</g>`
  );
}

function axisLabels(spec: PlotSpec, frame: Frame, H: number): string {
  const midY = frame.top + frame.height / 2;
  return (
    `<g class="rz-plot-label" fill="currentColor">` +
    `<text x="${(frame.left + W - frame.right) / 2}" y="${H - 6}" text-anchor="middle">${escape(spec.x.label)}</text>` +
    `<text transform="translate(${Y_LABEL_X} ${midY}) rotate(-90)" text-anchor="middle">${escape(spec.y.label)}</text>` +
    `</g>`
  );
}

/** One legend entry as laid out: its label's lines, and its width. */
interface Entry {
  readonly series?: Series;
  readonly lines: readonly string[];
  readonly width: number;
}

/**
 * The legend above the plot: a sample of each series drawn exactly as its mark, then its label
 * (with an equal aspect, a note saying so after them), in rows that start at the plot area's left
 * edge and end inside the canvas. An entry that would cross the right edge starts a new row; a label
 * too long for a row of its own is wrapped onto several lines.
 */
function legendLayout(spec: PlotSpec, left: number): { svg: string; lines: number } {
  const room = W - EDGE - left;
  const entry = (label: string, series?: Series): Entry => {
    const indent = series ? SAMPLE + SAMPLE_GAP : 0;
    const lines = wrapText(label, FONT, room - indent);
    return { series, lines, width: indent + Math.max(...lines.map((l) => textWidth(l, FONT))) };
  };
  const entries = [...spec.series.map((s) => entry(s.label, s)), ...(spec.aspect === 'equal' ? [entry(EQUAL_NOTE)] : [])];
  const rows: Entry[][] = [];
  let x = left;
  for (const e of entries) {
    const row = rows.at(-1);
    if (!row || x + e.width > W - EDGE) {
      rows.push([e]);
      x = left + e.width + ENTRY_GAP;
    } else {
      row.push(e);
      x += e.width + ENTRY_GAP;
    }
  }
  let line = 0;
  const svg = rows
    .map((row) => {
      const y = LEGEND_TOP + line * LINE;
      line += Math.max(...row.map((e) => e.lines.length));
      let at = left;
      return row
        .map((e) => {
          const drawn = entrySvg(e, at, y);
          at += e.width + ENTRY_GAP;
          return drawn;
        })
        .join('');
    })
    .join('');
  return { svg, lines: Math.max(1, line) };
}

function entrySvg(e: Entry, x: number, y: number): string {
  const s = e.series;
  const sample = !s
    ? ''
    : s.mark === 'dots'
      ? `<circle class="rz-plot-dots" cx="${x + SAMPLE / 2}" cy="${y}" r="3" fill="none" stroke="currentColor"/>`
      : `<path class="rz-plot-${s.mark}" d="M${x} ${y}h${SAMPLE}" fill="none" stroke="currentColor" ${STROKE[s.mark]}/>`;
  const textX = x + (s ? SAMPLE + SAMPLE_GAP : 0);
  const lines = e.lines.map((l, k) => (k === 0 ? escape(l) : `<tspan x="${textX}" dy="${LINE}">${escape(l)}</tspan>`)).join('');
  return `${sample}<text${s ? '' : ' class="rz-plot-note" font-style="italic"'} x="${textX}" y="${y + FONT / 3}" fill="currentColor">${lines}</text>`;
}

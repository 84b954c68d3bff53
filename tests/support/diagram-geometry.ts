/**
 * Where a committed diagram's texts and lines are, read from the SVG file alone: every `<text>` as
 * the box its ink stays inside (src/layout/metrics.ts's width estimate and ascent/descent, at the
 * font size the file's own stylesheet gives it; a badge as its rect), every line that carries
 * metadata (`data-from`: connections, and an internals view's data flow) as a polyline, curves
 * sampled finely. Ancestors' translations are applied, so boxes and lines share one coordinate system.
 */
import sax from 'sax';
import { TEXT_ASCENT, TEXT_DESCENT, textWidth } from '../../src/layout/metrics';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedText {
  /** What it says, e.g. `"t−1"` or `"memory"`. */
  readonly text: string;
  /** Its kind, from its class: `rz-label`, `rz-caption`, `badge`, `rz-step-label`, …. */
  readonly role: string;
  readonly box: Box;
  /** In the legend (under the drawing), where no connection runs. */
  readonly legend: boolean;
}

export interface PlacedLine {
  /** `from → to (kind)`, to name it in a failure. */
  readonly name: string;
  /** Its subpaths (each M starts one), as points: nothing is drawn from one to the next. */
  readonly subpaths: readonly (readonly Point[])[];
  /** A connection (data-kind), not an internals view's data flow. */
  readonly connection: boolean;
  /** Drawn with curves (a loop), not straight segments. */
  readonly curved: boolean;
}

export interface DiagramGeometry {
  readonly texts: readonly PlacedText[];
  readonly lines: readonly PlacedLine[];
}

interface Font {
  readonly size: number;
  readonly bold: boolean;
}

type Selector = readonly (readonly string[])[];
interface FontRule {
  readonly selector: Selector;
  readonly specificity: number;
  readonly order: number;
  readonly size?: number;
  readonly bold?: boolean;
}

/** The plain rules of a diagram's stylesheet (those before `@supports`) that set a font size or weight. */
function fontRules(css: string): FontRule[] {
  const plain = css.slice(0, css.indexOf('@supports') < 0 ? css.length : css.indexOf('@supports'));
  const rules: FontRule[] = [];
  for (const [, selectors, body] of plain.matchAll(/([^{}@]+)\{([^}]*)\}/g)) {
    const size = /font-size:([\d.]+)px/.exec(body!)?.[1];
    const weight = /font-weight:(\w+)/.exec(body!)?.[1];
    if (size === undefined && weight === undefined) continue;
    for (const selector of selectors!.split(',')) {
      // `.rz-diagram .rz-badge text` → [['rz-badge'], ['text']]: compound parts per descendant step.
      const steps = selector.trim().split(/\s+/).slice(1).map((s) => s.split(/(?=\.)/));
      const specificity = steps.flat().reduce((n, p) => n + (p.startsWith('.') ? 1 : 0.01), 0);
      rules.push({
        selector: steps,
        specificity,
        order: rules.length,
        ...(size !== undefined ? { size: Number(size) } : {}),
        ...(weight !== undefined ? { bold: weight === '700' || weight === 'bold' } : {}),
      });
    }
  }
  return rules;
}

interface Open {
  readonly name: string;
  readonly classes: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly dx: number;
  readonly dy: number;
}

const matchesPart = (element: Open, part: string) => (part.startsWith('.') ? element.classes.includes(part.slice(1)) : element.name === part);
const matchesCompound = (element: Open, compound: readonly string[]) => compound.every((p) => matchesPart(element, p));

/** Does `selector` (descendant steps) match the last element of `path`? */
function matches(selector: Selector, path: readonly Open[]): boolean {
  if (!matchesCompound(path.at(-1)!, selector.at(-1)!)) return false;
  let i = path.length - 2;
  for (let s = selector.length - 2; s >= 0; s--) {
    while (i >= 0 && !matchesCompound(path[i]!, selector[s]!)) i--;
    if (i < 0) return false;
    i--;
  }
  return true;
}

function fontOf(rules: readonly FontRule[], path: readonly Open[], inherited: Font): Font {
  const applying = rules.filter((r) => matches(r.selector, path)).sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  let { size, bold } = inherited;
  for (const r of applying) {
    if (r.size !== undefined) size = r.size;
    if (r.bold !== undefined) bold = r.bold;
  }
  const attribute = path.at(-1)!.attributes['font-size'];
  if (attribute !== undefined) size = Number(attribute);
  return { size, bold };
}

const translation = (transform: string | undefined): Point => {
  if (!transform) return { x: 0, y: 0 };
  const m = /^matrix\(1,0,0,1,([-\d.e]+),([-\d.e]+)\)$/.exec(transform.replace(/\s+/g, ''));
  if (!m) throw new Error(`unexpected transform: ${transform} (expected a translation)`);
  return { x: Number(m[1]), y: Number(m[2]) };
};

/** A path's data as points, one list per subpath: lines as they are, cubic curves sampled at 32 points each. */
export function pathPoints(d: string): Point[][] {
  const tokens = d.match(/[MLCHVZmlchvz]|-?\d*\.?\d+(?:e[-+]?\d+)?/g) ?? [];
  const subpaths: Point[][] = [];
  let points: Point[] = [];
  let i = 0;
  let command = '';
  let current: Point = { x: 0, y: 0 };
  let start: Point = current;
  const number = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    if (command !== command.toUpperCase()) throw new Error(`relative path commands are not expected: ${d}`);
    switch (command) {
      case 'M':
        current = start = { x: number(), y: number() };
        points = [current];
        subpaths.push(points);
        command = 'L';
        break;
      case 'L':
        current = { x: number(), y: number() };
        points.push(current);
        break;
      case 'H':
        current = { x: number(), y: current.y };
        points.push(current);
        break;
      case 'V':
        current = { x: current.x, y: number() };
        points.push(current);
        break;
      case 'C': {
        const [p0, p1, p2] = [current, { x: number(), y: number() }, { x: number(), y: number() }];
        const p3 = { x: number(), y: number() };
        for (let k = 1; k <= 32; k++) {
          const t = k / 32;
          const u = 1 - t;
          points.push({
            x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
            y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
          });
        }
        current = p3;
        break;
      }
      case 'Z':
        current = start;
        points.push(current);
        break;
      default:
        throw new Error(`unexpected path command ${command} in ${d}`);
    }
  }
  return subpaths;
}

const shift = (subpaths: readonly (readonly Point[])[], by: Point) => subpaths.map((points) => points.map((p) => ({ x: p.x + by.x, y: p.y + by.y })));

/** Reads the texts and lines of one diagram file. */
export function diagramGeometry(svg: string): DiagramGeometry {
  const css = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
  const rules = fontRules(css);
  const texts: PlacedText[] = [];
  const lines: PlacedLine[] = [];
  const parser = sax.parser(true, {});
  const open: Open[] = [];
  /** The text being read: its runs (each with its font and baseline shift) and where it starts. */
  let reading: { x: number; y: number; anchor: string; runs: { text: string; font: Font; dy: number }[]; role: string; legend: boolean } | undefined;
  let badgeRect: Box | undefined;
  let fonts: Font[] = [{ size: 16, bold: false }];
  let baselineShift = 0;

  parser.onopentag = (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    const parent = open.at(-1);
    const own = translation(attributes.transform);
    const element: Open = {
      name: tag.name,
      classes: (attributes.class ?? '').split(' ').filter(Boolean),
      attributes,
      dx: (parent?.dx ?? 0) + own.x,
      dy: (parent?.dy ?? 0) + own.y,
    };
    open.push(element);
    fonts.push(fontOf(rules, open, fonts.at(-1)!));
    const inside = (name: string) => open.some((e) => e.name === name);
    if (inside('defs') || inside('title') || inside('desc') || inside('style')) return;
    const legend = open.some((e) => e.classes.includes('rz-legend'));
    const badge = open.some((e) => e.classes.includes('rz-badge'));
    if (tag.name === 'rect' && badge)
      badgeRect = { x: Number(attributes.x) + element.dx, y: Number(attributes.y) + element.dy, width: Number(attributes.width), height: Number(attributes.height) };
    if (tag.name === 'text') {
      baselineShift = 0;
      reading = {
        x: Number(attributes.x ?? 0) + element.dx,
        y: Number(attributes.y ?? 0) + element.dy,
        anchor: attributes['text-anchor'] ?? 'start',
        runs: [],
        role: badge ? 'badge' : (element.classes[0] ?? 'text'),
        legend,
      };
    }
    if (tag.name === 'tspan' && attributes.dy !== undefined) baselineShift += Number(attributes.dy);
    if (tag.name === 'path' && 'data-from' in attributes && !legend) {
      const name = `${attributes['data-from']} → ${attributes['data-to']}${attributes['data-kind'] ? ` (${attributes['data-kind']})` : ''}`;
      lines.push({
        name,
        subpaths: shift(pathPoints(attributes.d ?? ''), { x: element.dx, y: element.dy }),
        connection: 'data-kind' in attributes,
        curved: /C/i.test(attributes.d ?? ''),
      });
    }
  };
  parser.ontext = (text) => {
    if (reading && text.length > 0) reading.runs.push({ text, font: fonts.at(-1)!, dy: baselineShift });
  };
  parser.onclosetag = (name) => {
    open.pop();
    fonts = fonts.slice(0, -1);
    if (name === 'text' && reading) {
      const { runs, x, y, anchor, role, legend } = reading;
      const width = runs.reduce((w, r) => w + textWidth(r.text, r.font.size, r.font.bold ? 'bold' : 'regular'), 0);
      const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
      const top = Math.min(...runs.map((r) => y + r.dy - TEXT_ASCENT * r.font.size));
      const bottom = Math.max(...runs.map((r) => y + r.dy + TEXT_DESCENT * r.font.size));
      const text = runs.map((r) => r.text).join('');
      const box = role === 'badge' && badgeRect ? badgeRect : { x: left, y: top, width, height: bottom - top };
      if (text.trim().length > 0) texts.push({ text, role, box, legend });
      reading = undefined;
      badgeRect = role === 'badge' ? undefined : badgeRect;
    }
  };
  parser.write(svg).close();
  return { texts, lines };
}

/** The box with `margin` taken off every side. */
export const inset = (box: Box, margin: number): Box => ({ x: box.x + margin, y: box.y + margin, width: box.width - 2 * margin, height: box.height - 2 * margin });

export const boxesOverlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Does the segment a–b pass through the inside of `box` (Liang–Barsky clipping)? */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  let [t0, t1] = [0, 1];
  const d = { x: b.x - a.x, y: b.y - a.y };
  const edges: [number, number][] = [
    [-d.x, a.x - box.x],
    [d.x, box.x + box.width - a.x],
    [-d.y, a.y - box.y],
    [d.y, box.y + box.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

/** Does the line pass through the inside of `box`? */
export const lineCrossesBox = (line: PlacedLine, box: Box): boolean =>
  line.subpaths.some((points) => points.slice(1).some((p, i) => segmentCrossesBox(points[i]!, p, box)));

/**
 * The length over which two polylines run along each other (collinear, within `tolerance` px, and
 * overlapping): two connections drawn there would read as one line.
 */
export function sharedLength(a: PlacedLine, b: PlacedLine, tolerance = 1): number {
  let shared = 0;
  for (const p of a.subpaths)
    for (const q of b.subpaths)
      for (let i = 1; i < p.length; i++) for (let j = 1; j < q.length; j++) shared += segmentOverlap(p[i - 1]!, p[i]!, q[j - 1]!, q[j]!, tolerance);
  return shared;
}

/** sin of the largest angle (about 2.5°) at which two lines still read as one where they meet. */
const PARALLEL = 0.045;

function segmentOverlap(p: Point, q: Point, r: Point, s: Point, tolerance: number): number {
  const length = Math.hypot(q.x - p.x, q.y - p.y);
  if (length === 0) return 0;
  const u = { x: (q.x - p.x) / length, y: (q.y - p.y) / length };
  // Lines that cross at an angle are only close near the crossing: only near-parallel ones merge.
  const other = Math.hypot(s.x - r.x, s.y - r.y);
  if (other === 0 || Math.abs((s.x - r.x) * u.y - (s.y - r.y) * u.x) / other > PARALLEL) return 0;
  // Signed distance from the line through p–q, and position along it, of a point of r–s.
  const off = (t: Point) => (t.x - p.x) * u.y - (t.y - p.y) * u.x;
  const along = (t: Point) => (t.x - p.x) * u.x + (t.y - p.y) * u.y;
  // The part of r–s (as parameters 0…1) within `tolerance` of that line: distance is linear along it.
  const [dr, ds] = [off(r), off(s)];
  let [lo, hi] = [0, 1];
  if (dr === ds) {
    if (Math.abs(dr) > tolerance) return 0;
  } else {
    const [a, b] = [(-tolerance - dr) / (ds - dr), (tolerance - dr) / (ds - dr)];
    [lo, hi] = [Math.max(0, Math.min(a, b)), Math.min(1, Math.max(a, b))];
    if (lo >= hi) return 0;
  }
  const at = (k: number) => along(r) + (along(s) - along(r)) * k;
  const [from, to] = [Math.min(at(lo), at(hi)), Math.max(at(lo), at(hi))];
  return Math.max(0, Math.min(length, to) - Math.max(0, from));
}

/*
 * No line through a text, no text on a text: in every committed diagram, no connection (nor an
 * internals view's data flow) passes through the box of any label, caption, badge, step label or
 * legend text, and no two of those boxes overlap. Boxes come from the file alone (its own font sizes,
 * the layout's text-width estimate, which never underestimates DejaVu Sans: tests/layout/metrics.test.ts);
 * curves are sampled. A line may graze a box by up to TOUCH px (a stroke's half-width).
 */
const TOUCH = 0.75;
/**
 * Lines may meet and cross, and lines into one cell converge; running together (within 1 px, within
 * 2.5°) for longer than this, about a cell's width, they merge into one.
 */
const SHARED = 20;

const describeText = (t: PlacedText) => `${t.role} "${t.text}" at ${Math.round(t.box.x)},${Math.round(t.box.y)}`;

/** Every line through a text and every pair of overlapping texts in one diagram file, in words. */
export function legibilityProblems(svg: string): string[] {
  const { texts, lines } = diagramGeometry(svg);
  const problems: string[] = [];
  for (const text of texts) {
    const box = inset(text.box, TOUCH);
    for (const line of lines) if (lineCrossesBox(line, box)) problems.push(`${line.name} runs through ${describeText(text)}`);
  }
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) if (boxesOverlap(inset(a.box, TOUCH), inset(b.box, TOUCH))) problems.push(`${describeText(a)} overlaps ${describeText(b)}`);
  });
  // Two straight connections along one stretch would read as one line. (An internals view's data flow
  // shares its trunks on purpose: it is one value going to several operations.)
  const straight = lines.filter((l) => l.connection && !l.curved);
  straight.forEach((a, i) => {
    for (const b of straight.slice(i + 1)) {
      const shared = sharedLength(a, b);
      if (shared > SHARED) problems.push(`${a.name} and ${b.name} run along each other for ${Math.round(shared)} px`);
    }
  });
  return problems;
}


/**
 * The parameters a reader can change in a demo. A schema lives in a tiny module per demo
 * (`architectures/<id>.params.ts`): Demo.astro renders it as a form at build time, and the demo
 * worker parses the submitted form with it. Neither side trusts the other.
 */

export interface ParamSpec {
  /** A slider (the default kind; see PixelsSpec for the other). */
  readonly kind?: 'slider';
  /** Form field name and key of the parsed values. */
  readonly name: string;
  /** Label next to the slider, in words. */
  readonly label: string;
  /** One sentence on what the parameter does, shown under the slider. */
  readonly hint: string;
  /**
   * `linear`: the slider's value is the parameter. `log10`: the slider moves the exponent, and the
   * parameter is 10^value; `min`, `max`, `step` and `value` are then exponents.
   */
  readonly scale: 'linear' | 'log10';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The default, on the slider's scale. */
  readonly value: number;
}

/**
 * A small picture the reader draws: a grid of `rows` × `columns` pixels, each on or off, rendered as
 * toggle buttons (Demo.astro). The form submits it as one string of `rows × columns` characters,
 * `1` on and `0` off, row by row; it parses to that many 0/1 numbers, row by row.
 */
export interface PixelsSpec {
  readonly kind: 'pixels';
  readonly name: string;
  readonly label: string;
  /** One sentence on what the drawing is for, shown under the grid. */
  readonly hint: string;
  readonly rows: number;
  readonly columns: number;
  /** The default drawing, one string per row: `#` on, `.` off. Used unless `fill` is given. */
  readonly value: readonly string[];
  /**
   * A drawing computed from the schema's sliders (say, a stored picture with noise): the default
   * when the form sends no drawing, and what the page draws on the button labelled `label`. Runs in
   * the page (its params module loads when the reader presses that button), so it must not need tfjs.
   */
  readonly fill?: {
    readonly label: string;
    from(sliders: Readonly<Record<string, number>>): readonly number[];
  };
}

export type ParamSchema = readonly (ParamSpec | PixelsSpec)[];

/** Parsed parameter values by name: a slider's on its own scale (10^exponent for log10), a drawing's as 0/1 pixels row by row. */
export type ParamValues<S extends ParamSchema> = { readonly [P in S[number] as P['name']]: P extends PixelsSpec ? readonly number[] : number };

export const isPixels = (spec: ParamSpec | PixelsSpec): spec is PixelsSpec => spec.kind === 'pixels';

/** A drawing written as rows of `#` (on) and `.` (off), as 0/1 pixels row by row. */
export const pixelsOf = (rows: readonly string[]): number[] => [...rows.join('')].map((c) => (c === '#' ? 1 : 0));

/** 0/1 pixels as the form sends them: one `1` or `0` per pixel, row by row (anything above 0 is on). */
export const pixelsText = (pixels: readonly number[]): string => pixels.map((v) => (v > 0 ? '1' : '0')).join('');

/** `invalid <label>: …`, or undefined when `text` is a drawing of the spec's size (`1` on, `0` off). */
function pixelProblem(spec: PixelsSpec, text: string): string | undefined {
  const size = spec.rows * spec.columns;
  if (text.length === size && /^[01]*$/.test(text)) return undefined;
  const got = /^[01]*$/.test(text) ? `${text.length} pixels` : `a character other than 0 or 1`;
  return `invalid ${spec.label.toLowerCase()}: got ${got} (expected ${size} pixels, ${spec.rows} rows of ${spec.columns}, each 0 or 1)`;
}

/** Checks a drawing spec where it is written (defineParams). */
function checkPixels(spec: PixelsSpec): void {
  if (!(Number.isInteger(spec.rows) && spec.rows > 0 && Number.isInteger(spec.columns) && spec.columns > 0)) {
    throw new Error(`parameter ${spec.name}: invalid size: ${spec.rows} rows of ${spec.columns} pixels`);
  }
  if (spec.value.length !== spec.rows || spec.value.some((row) => row.length !== spec.columns || !/^[#.]*$/.test(row))) {
    throw new Error(`parameter ${spec.name}: default drawing must be ${spec.rows} rows of ${spec.columns} characters, each # or .`);
  }
}

/** Steps within this share of a step from the grid still count as on it (decimal steps round). */
const STEP_TOLERANCE = 1e-6;

const onGrid = (spec: ParamSpec, value: number) => {
  const steps = (value - spec.min) / spec.step;
  return Math.abs(steps - Math.round(steps)) < STEP_TOLERANCE;
};

/** `invalid <label>: <value> (expected …)`, or undefined when the slider value is allowed. */
function problemWith(spec: ParamSpec, value: number): string | undefined {
  if (Number.isFinite(value) && value >= spec.min && value <= spec.max && onGrid(spec, value)) return undefined;
  const range = `${formatParam(spec, spec.min)} to ${formatParam(spec, spec.max)}`;
  return `invalid ${spec.label.toLowerCase()}: ${formatParam(spec, value)} (expected ${range} in steps of ${spec.step}${spec.scale === 'log10' ? ' in the exponent' : ''})`;
}

/** Checks a schema where it is written: a bad one fails the build that renders it, naming the field. */
export function defineParams<const S extends ParamSchema>(schema: S): S {
  const seen = new Set<string>();
  for (const spec of schema) {
    if (seen.has(spec.name)) throw new Error(`parameter ${spec.name}: duplicate name`);
    seen.add(spec.name);
    if (!/^[a-z][A-Za-z0-9]*$/.test(spec.name)) throw new Error(`parameter ${spec.name}: invalid name (expected camelCase letters and digits)`);
    if (isPixels(spec)) {
      checkPixels(spec);
      continue;
    }
    if (!(spec.min < spec.max && spec.step > 0)) throw new Error(`parameter ${spec.name}: invalid range: min ${spec.min}, max ${spec.max}, step ${spec.step}`);
    const problem = problemWith(spec, spec.value);
    if (problem) throw new Error(`parameter ${spec.name}: default ${problem}`);
  }
  return schema;
}

/**
 * Parses submitted values (strings from a form, or numbers) into parameter values. Missing fields
 * take their default (a missing drawing: its `fill` from the sliders, else its `value`); every
 * invalid field is reported, together, in one error.
 */
export function parseParams<S extends ParamSchema>(schema: S, raw: Readonly<Record<string, unknown>>): ParamValues<S> {
  const problems: string[] = [];
  const values: Record<string, number | readonly number[]> = {};
  const sliders: Record<string, number> = {};
  for (const spec of schema) {
    if (isPixels(spec)) continue;
    const given = raw[spec.name];
    const value = given === undefined || given === '' ? spec.value : typeof given === 'string' || typeof given === 'number' ? Number(given) : NaN;
    const problem = problemWith(spec, value);
    if (problem) problems.push(problem);
    values[spec.name] = sliders[spec.name] = spec.scale === 'log10' ? 10 ** value : value;
  }
  for (const spec of schema) {
    if (!isPixels(spec)) continue;
    const given = raw[spec.name];
    if (given === undefined || given === '') {
      // A fill needs valid sliders; with bad ones, their problems are reported already.
      const pixels = spec.fill && problems.length === 0 ? spec.fill.from(sliders) : pixelsOf(spec.value);
      const problem = pixelProblem(spec, pixelsText(pixels));
      if (problem) throw new Error(`parameter ${spec.name}: its fill drew something else: ${problem}`);
      values[spec.name] = [...pixels];
      continue;
    }
    const problem = typeof given === 'string' ? pixelProblem(spec, given) : `invalid ${spec.label.toLowerCase()}: got a ${typeof given}, not a string of 0s and 1s`;
    if (problem) problems.push(problem);
    else values[spec.name] = [...(given as string)].map(Number);
  }
  const unknown = Object.keys(raw).filter((name) => !schema.some((spec) => spec.name === name));
  if (unknown.length > 0) problems.push(`unknown parameter: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return values as ParamValues<S>;
}

/**
 * A slider value as the reader sees it: the number itself, or `1e<exponent>` on a log10 scale.
 * Demo.astro's inline script shows values the same way while the reader drags.
 */
export function formatParam(spec: ParamSpec, sliderValue: number): string {
  return spec.scale === 'log10' ? `1e${sliderValue}` : String(sliderValue);
}

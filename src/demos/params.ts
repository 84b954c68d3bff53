/**
 * The parameters a reader can change in a demo. A schema lives in a tiny module per demo
 * (`architectures/<id>.params.ts`): Demo.astro renders it as a form at build time, and the demo
 * worker parses the submitted form with it. Neither side trusts the other.
 */

export interface ParamSpec {
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

export type ParamSchema = readonly ParamSpec[];

/** Parsed parameter values by name, on the parameter's own scale (10^exponent for log10). */
export type ParamValues<S extends ParamSchema> = { readonly [P in S[number] as P['name']]: number };

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
    if (!(spec.min < spec.max && spec.step > 0)) throw new Error(`parameter ${spec.name}: invalid range: min ${spec.min}, max ${spec.max}, step ${spec.step}`);
    const problem = problemWith(spec, spec.value);
    if (problem) throw new Error(`parameter ${spec.name}: default ${problem}`);
  }
  return schema;
}

/**
 * Parses submitted slider values (strings from a form, or numbers) into parameter values. Missing
 * fields take their default; every invalid field is reported, together, in one error.
 */
export function parseParams<S extends ParamSchema>(schema: S, raw: Readonly<Record<string, unknown>>): ParamValues<S> {
  const problems: string[] = [];
  const values: Record<string, number> = {};
  for (const spec of schema) {
    const given = raw[spec.name];
    const value = given === undefined || given === '' ? spec.value : typeof given === 'string' || typeof given === 'number' ? Number(given) : NaN;
    const problem = problemWith(spec, value);
    if (problem) problems.push(problem);
    values[spec.name] = spec.scale === 'log10' ? 10 ** value : value;
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

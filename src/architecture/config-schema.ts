import * as z from 'zod/mini';

/**
 * The fields a definition's config is made of, each with the message a wrong value gets. A
 * definition states its config once, as a schema built from these (`fields({ units: count(), … })`),
 * and takes its Config type from it (`ConfigOf<typeof schema>`).
 *
 * zod/mini rather than zod: the browser demos import the definitions, and the mini build
 * tree-shakes to a few kilobytes where the full one brings its whole method chain.
 */

const POSITIVE_INTEGER = 'expected a positive integer';

/** A whole config: exactly these fields, so a misspelt one is named rather than ignored. */
export const fields = <Shape extends z.core.$ZodLooseShape>(shape: Shape) => z.strictObject(shape, { error: 'expected a config object' });

/** A number of cells, units, steps…: 1, 2, 3… */
export const count = () => z.int({ error: POSITIVE_INTEGER }).check(z.positive({ error: POSITIVE_INTEGER }));

/** One count per layer, at least one layer. */
export const counts = () =>
  z.array(count(), { error: 'expected a non-empty list of positive integers' }).check(z.minLength(1, { error: 'expected a non-empty list of positive integers' }));

/** A seed for seeded randomness: any safe integer, never NaN or a fraction. */
export const seed = () => z.int({ error: 'expected an integer' });

/** A finite number above zero (a scale, a spectral radius). */
export const positive = () => z.number({ error: 'expected a finite number > 0' }).check(z.gt(0, { error: 'expected a finite number > 0' }));

/** A share of something that must not be empty: 0 < value ≤ 1. */
export const fraction = () =>
  z.number({ error: 'expected a number with 0 < value ≤ 1' }).check(z.gt(0, { error: 'expected a number with 0 < value ≤ 1' }), z.lte(1, { error: 'expected a number with 0 < value ≤ 1' }));

/** What a definition's `configSchema` is: a zod schema whose output is its Config. */
export type ConfigSchema<Config> = z.ZodMiniType<Config>;

/** The config type a schema describes. */
export type ConfigOf<Schema extends z.ZodMiniType> = Readonly<z.infer<Schema>>;

const SHOWN_LENGTH = 80;

function literal(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // circular: no literal to show
  }
}

/** Shows a value in a message as a reader would type it: strings quoted, NaN and -1 as they are, long ones cut. */
export function showValue(value: unknown): string {
  const text = literal(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');

/**
 * Every problem of one config, one line each, named from `where` down to the field:
 * `configs.diagram.hidden[0]: expected a positive integer, but got -1`.
 */
export function configProblems(schema: ConfigSchema<unknown>, config: unknown, where: string): string[] {
  const result = schema.safeParse(config, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const at = `${where}${pathText(issue.path)}`;
    if (issue.code === 'unrecognized_keys') return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    const got = 'input' in issue ? `, but got ${showValue(issue.input)}` : '';
    return `${at}: ${issue.message}${got}`;
  });
}

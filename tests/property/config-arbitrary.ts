import fc from 'fast-check';
import * as z from 'zod/mini';
import type { ConfigSchema } from '../../src/architecture/config-schema';

/**
 * fast-check arbitraries read off a definition's own config schema (through zod's JSON Schema
 * export), so every architecture is tested with the configs its schema admits, without a list here
 * to keep in step. Sizes are capped so a run stays fast: the properties are about shape, not scale.
 */

const SIZE_SPAN = 5; // sizes 1–5 (a positive-integer field)
const SEED_LIMIT = 2 ** 31; // seeds anywhere in ±2^31
const NUMBER_LIMIT = 4; // real-valued fields up to 4 (scales, radii)
const MAX_ITEMS = 3; // lists of up to 3 layers
const GRID = 1000; // real-valued fields mostly in steps of a thousandth of their range

interface JsonSchema {
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: JsonSchema;
  /** A tuple's positions, each with its own schema. */
  readonly prefixItems?: readonly JsonSchema[];
  /** A choice among fixed values ('valid' | 'same'). */
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
}

function arbitraryOf(schema: JsonSchema, where: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : Math.max(schema.minimum ?? -SEED_LIMIT, -SEED_LIMIT);
      const max = Math.min(schema.maximum ?? Infinity, schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Infinity, min >= 0 ? min + SIZE_SPAN - 1 : SEED_LIMIT);
      return fc.integer({ min, max });
    }
    case 'number': {
      const min = schema.exclusiveMinimum ?? schema.minimum ?? -NUMBER_LIMIT;
      const max = Math.min(schema.maximum ?? schema.exclusiveMaximum ?? NUMBER_LIMIT, NUMBER_LIMIT);
      const edges = fc.double({ min, max, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined, noNaN: true });
      // fc.double favours the extremes (subnormals, the bounds): keep them, but mostly draw from
      // a grid over the range, where real configs live.
      const grid = fc.integer({ min: 1, max: GRID }).map((k) => min + ((max - min) * k) / GRID);
      return fc.oneof({ weight: 3, arbitrary: grid }, { weight: 1, arbitrary: edges });
    }
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((item, i) => arbitraryOf(item, `${where}[${i}]`)));
      if (!schema.items) throw new Error(`${where}: a list without an item schema`);
      const minLength = schema.minItems ?? 0;
      return fc.array(arbitraryOf(schema.items, `${where}[]`), { minLength, maxLength: Math.min(schema.maxItems ?? MAX_ITEMS, Math.max(minLength, MAX_ITEMS)) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, field]) => [key, arbitraryOf(field, `${where}.${key}`)]));
      return fc.record(shape, { requiredKeys: [...(schema.required ?? [])] });
    }
    default:
      // A new kind of field: teach this converter, rather than let the property quietly skip it.
      throw new Error(`${where}: no arbitrary for JSON Schema type ${String(schema.type)}`);
  }
}

/** Configs the schema accepts, at modest sizes. */
export function validConfigs(schema: ConfigSchema<unknown>): fc.Arbitrary<unknown> {
  return arbitraryOf(z.toJSONSchema(schema) as JsonSchema, 'config');
}

/** Values no field of ours accepts: each in place of a valid one. */
const junk = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, -0.5, Number.NaN, Infinity, -Infinity, 2 ** 60 + 0.5, null, undefined, '3', true, [], {}),
  fc.double({ noDefaultInfinity: false }).filter((x) => !Number.isInteger(x)),
);

/**
 * Configs with one field made wrong: a valid config with a junk value put in at one of its fields
 * (or inside one of its lists). Some junk happens to be valid for some fields (0.5 for a fraction);
 * the property checks what the schema says, not what this generator meant.
 */
export function brokenConfigs(schema: ConfigSchema<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return validConfigs(schema).chain((config) => {
    const fields = Object.keys(config as object);
    return fc.tuple(fc.constantFrom(...fields), junk, fc.nat()).map(([field, value, index]) => {
      const broken: Record<string, unknown> = { ...(config as Record<string, unknown>) };
      const current = broken[field];
      if (Array.isArray(current) && current.length > 0) broken[field] = current.map((v, i) => (i === index % current.length ? value : v));
      else broken[field] = value;
      return broken;
    });
  });
}

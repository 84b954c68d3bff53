/** Custom property declarations (`--name: value;`) in a block of CSS text, by name without the dashes. */
export function customProperties(css: string): Record<string, string> {
  return Object.fromEntries([...css.matchAll(/--([\w-]+)\s*:\s*([^;{}]+?)\s*(?:;|}|$)/g)].map((m) => [m[1]!, m[2]!]));
}

/** The body of the first block whose prelude matches `prelude` (braces balanced, so nested blocks stay inside). */
export function blockAfter(css: string, prelude: RegExp): string {
  const match = prelude.exec(css);
  if (!match) throw new Error(`missing: a block matching ${prelude}`);
  const open = css.indexOf('{', match.index + match[0].length - 1);
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after ${prelude}`);
}

/**
 * Substitutes every `var(--name[, fallback])` in `value` from `properties` (names without dashes),
 * recursively, as a browser computes it. An undefined property without a fallback is an error.
 */
export function resolveVars(value: string, properties: Readonly<Record<string, string>>, seen: readonly string[] = []): string {
  const start = value.indexOf('var(');
  if (start < 0) return value;
  let depth = 0;
  let comma = -1;
  let end = start + 3;
  for (; end < value.length; end++) {
    const c = value[end];
    if (c === '(') depth++;
    else if (c === ',' && depth === 1 && comma < 0) comma = end;
    else if (c === ')' && --depth === 0) break;
  }
  const name = value.slice(start + 4, comma < 0 ? end : comma).trim().replace(/^--/, '');
  if (seen.includes(name)) throw new Error(`cycle: --${[...seen, name].join(' → --')}`);
  const fallback = comma < 0 ? undefined : value.slice(comma + 1, end).trim();
  const replacement = properties[name] ?? fallback;
  if (replacement === undefined) throw new Error(`missing: --${name}`);
  const resolved = resolveVars(replacement, properties, properties[name] === undefined ? seen : [...seen, name]);
  return resolveVars(value.slice(0, start) + resolved + value.slice(end + 1), properties, seen);
}

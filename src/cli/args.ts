import { VIEWS, type View } from '../architecture/types.ts';

/** Which way a layers view runs: `down` (top to bottom, what diagrams/ holds) or `right` (left to right). */
export type Direction = 'down' | 'right';
const DIRECTIONS: readonly Direction[] = ['down', 'right'];

export interface DiagramsArgs {
  readonly ids: readonly string[];
  readonly force: boolean;
  readonly check: boolean;
  readonly png: boolean;
  readonly help: boolean;
  /** Only these views of the selected architectures; empty for all of them. */
  readonly views: readonly View[];
  readonly direction: Direction;
  /** The --out directory as given (resolved against the working directory by the command), or undefined for diagrams/. */
  readonly out: string | undefined;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: npm run diagrams [-- <id…>] [--force] [--check] [--png] [--view <view>]
                       [--out <dir>] [--direction down|right]

Regenerates diagrams/<id>.<view>.svg for the given architectures (all when none is named).
Only stale files are rewritten unless --force is given.

  --force        regenerate and rewrite every selected diagram
  --check        write nothing; list stale diagrams and temp files left by an interrupted run
  --png          also write diagrams/<id>.<view>.png (2× scale, white background, DejaVu fonts)
                 for every selected diagram, fresh or regenerated; PNGs are not committed
  --view <view>  only this view (${VIEWS.join(', ')}) of each
                 selected architecture that has it; repeat it, or separate views by commas
  --out <dir>    write the selected diagrams (and PNGs, with --png) into <dir> instead, always
                 regenerated; diagrams/ and its manifest are not touched; <dir> is created
  --direction down|right
                 the way layers and layers-expanded views run: down (top to bottom, the default,
                 what diagrams/ holds) or right (left to right, for papers and slides); anything
                 but down needs --out. Other views keep their own orientation
  --help         show this help

Exit status: 0 done (or, with --check, all fresh); 1 --check found stale diagrams or leftover temp
files; 2 the command failed (bad arguments, a broken definition, an error while generating).`;

const OPTIONS = '--force, --check, --png, --view, --out, --direction or --help';

const quoted = (value: string): string => JSON.stringify(value);

/** `--name value` or `--name=value`: the value, and how many arguments it took. */
function valueOf(argv: readonly string[], i: number, name: string, expected: string): { value: string; used: number } {
  const arg = argv[i]!;
  const inline = arg.startsWith(`${name}=`);
  const value = inline ? arg.slice(name.length + 1) : argv[i + 1];
  // A missing value, or the next option taken for one (`--out --png`), is an omission, not a value.
  if (value === undefined || value === '' || (!inline && value.startsWith('-')))
    throw new UsageError(`${name}: expected ${expected}, but got nothing${!inline && value ? ` (${value} is an option)` : ''}`);
  return { value, used: inline ? 1 : 2 };
}

const isOption = (arg: string, name: string): boolean => arg === name || arg.startsWith(`${name}=`);

/** Parses argv (without node and script). Rejects anything it does not know, before any work starts. */
export function parseArgs(argv: readonly string[]): DiagramsArgs {
  const ids: string[] = [];
  const views: View[] = [];
  let force = false;
  let check = false;
  let png = false;
  let help = false;
  let direction: Direction | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--force') force = true;
    else if (arg === '--check') check = true;
    else if (arg === '--png') png = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (isOption(arg, '--view')) {
      const expected = `a view (${VIEWS.join(', ')})`;
      const { value, used } = valueOf(argv, i, '--view', expected);
      for (const name of value.split(',').map((v) => v.trim())) {
        if (!(VIEWS as readonly string[]).includes(name)) throw new UsageError(`--view: expected one of ${VIEWS.join(', ')}, but got ${quoted(name)}`);
        if (!views.includes(name as View)) views.push(name as View);
      }
      i += used - 1;
    } else if (isOption(arg, '--direction')) {
      const { value, used } = valueOf(argv, i, '--direction', DIRECTIONS.join(' or '));
      if (!(DIRECTIONS as readonly string[]).includes(value)) throw new UsageError(`--direction: expected ${DIRECTIONS.join(' or ')}, but got ${quoted(value)}`);
      if (direction !== undefined && direction !== value) throw new UsageError(`--direction: given twice, as ${direction} and ${value}; expected one`);
      direction = value as Direction;
      i += used - 1;
    } else if (isOption(arg, '--out')) {
      const { value, used } = valueOf(argv, i, '--out', 'a directory');
      if (out !== undefined && out !== value) throw new UsageError(`--out: given twice, as ${quoted(out)} and ${quoted(value)}; expected one directory`);
      out = value;
      i += used - 1;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option: ${arg} (expected ${OPTIONS})`);
    else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(arg)) throw new UsageError(`invalid architecture id: "${arg}" (expected kebab-case, e.g. echo-state-network)`);
    else if (!ids.includes(arg)) ids.push(arg);
  }
  if (force && check) throw new UsageError('--force and --check cannot be combined: --check never writes');
  if (png && check) throw new UsageError('--png and --check cannot be combined: --check never writes');
  if (out !== undefined && check) throw new UsageError('--out and --check cannot be combined: --check is about diagrams/, --out never touches it');
  if (direction !== undefined && check) throw new UsageError('--direction and --check cannot be combined: --check is about diagrams/, which is drawn down');
  if (direction !== undefined && direction !== 'down' && out === undefined)
    throw new UsageError(`--direction ${direction} needs --out <dir>: diagrams/ holds the committed diagrams, drawn down`);
  return { ids, force, check, png, help, views, direction: direction ?? 'down', out };
}

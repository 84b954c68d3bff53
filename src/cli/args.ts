export interface DiagramsArgs {
  readonly ids: readonly string[];
  readonly force: boolean;
  readonly check: boolean;
  readonly png: boolean;
  readonly help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: npm run diagrams [-- <id…>] [--force] [--check] [--png]

Regenerates diagrams/<id>.<view>.svg for the given architectures (all when none is named).
Only stale files are rewritten unless --force is given.

  --force   regenerate and rewrite every selected diagram
  --check   write nothing; list stale diagrams and temp files left by an interrupted run
  --png     also write diagrams/<id>.<view>.png (2× scale, white background, DejaVu fonts) for every
            selected diagram, fresh or regenerated; PNGs are not committed
  --help    show this help

Exit status: 0 done (or, with --check, all fresh); 1 --check found stale diagrams or leftover temp
files; 2 the command failed (bad arguments, a broken definition, an error while generating).`;

/** Parses argv (without node and script). Rejects anything it does not know, before any work starts. */
export function parseArgs(argv: readonly string[]): DiagramsArgs {
  const ids: string[] = [];
  let force = false;
  let check = false;
  let png = false;
  let help = false;
  for (const arg of argv) {
    if (arg === '--force') force = true;
    else if (arg === '--check') check = true;
    else if (arg === '--png') png = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option: ${arg} (expected --force, --check, --png or --help)`);
    else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(arg)) throw new UsageError(`invalid architecture id: "${arg}" (expected kebab-case, e.g. echo-state-network)`);
    else if (!ids.includes(arg)) ids.push(arg);
  }
  if (force && check) throw new UsageError('--force and --check cannot be combined: --check never writes');
  if (png && check) throw new UsageError('--png and --check cannot be combined: --check never writes');
  return { ids, force, check, png, help };
}

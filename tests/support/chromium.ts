/**
 * Launch a headless Chromium for browser tests, without downloading anything.
 *
 * Resolution order for the executable:
 *   1. `CHROMIUM_PATH` (an explicit choice: if it is set but unusable we fail
 *      instead of silently testing a different browser; `packaged` means 3.),
 *   2. `/usr/bin/chromium`, `/usr/bin/chromium-browser`, `/usr/bin/google-chrome`,
 *   3. the Chromium bundled in the `@sparticuz/chromium` devDependency. Its
 *      `executablePath()` unpacks a brotli-compressed `chrome-headless-shell`
 *      build into `os.tmpdir()` (`/tmp/chromium`, plus fonts and SwiftShader
 *      libraries next to it) the first time, and reuses it afterwards.
 *
 * Test files run in parallel worker processes, so the unpacking is done under a lock shared by every
 * process of the machine (`<tmpdir>/runnable-zoo-chromium.lock`), and the unpacked binary must
 * print its version before anyone launches it.
 *
 * Playwright (`playwright-core`) always creates a fresh temporary profile
 * (`--user-data-dir`) for `chromium.launch()` and deletes it on close; it
 * refuses a user-supplied `--user-data-dir`, so we rely on that.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const execFileAsync = promisify(execFile);

/** System locations checked (in order) after `CHROMIUM_PATH`. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Flags passed on every launch, whatever the executable. */
export const BASE_CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ChromiumSource = 'env' | 'system' | 'sparticuz';

export interface ResolvedChromium {
  executablePath: string;
  source: ChromiumSource;
  /** Extra flags specific to this executable (appended after BASE_CHROMIUM_ARGS). */
  extraArgs: string[];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which of `@sparticuz/chromium`'s recommended flags we keep.
 *
 * The package is tuned for AWS Lambda; some of its flags are wrong for a test
 * run on a normal Linux host:
 * - `--headless='shell'`: meant for a shell; spawned without one, Chromium gets
 *   the literal value `'shell'` (quotes included). We pass plain `--headless`
 *   (the bundled binary is chrome-headless-shell, which is always headless).
 * - `--single-process`: only needed on Lambda (prctl(PR_SET_NO_NEW_PRIVS)
 *   fails there). Multi-process works here and is far more stable when a test
 *   opens several pages/contexts.
 * - `--disable-features=…` / `--enable-features=…`: Chromium keeps only the
 *   last occurrence of a switch, so these would silently replace the feature
 *   lists Playwright itself passes.
 * - `--disable-web-security`, `--allow-running-insecure-content`: would hide
 *   CORS / mixed-content bugs that real visitors would hit.
 * Everything else (SwiftShader WebGL via ANGLE, disk-cache size, no pings, …)
 * is kept: it is what makes WebGL (TensorFlow.js's `webgl` backend) available
 * without a GPU.
 */
export function filterSparticuzArgs(args: readonly string[]): string[] {
  const dropped = [
    /^--headless(=|$)/,
    /^--single-process$/,
    /^--(disable|enable)-features=/,
    /^--disable-web-security$/,
    /^--allow-running-insecure-content$/,
  ];
  return args.filter((arg) => !dropped.some((re) => re.test(arg)));
}

type SparticuzChromium = (typeof import('@sparticuz/chromium'))['default'];

let sparticuzModule: Promise<SparticuzChromium> | undefined;
function loadSparticuz(): Promise<SparticuzChromium> {
  // Imported lazily: machines with a system Chromium never need to unpack ~200 MB into /tmp.
  sparticuzModule ??= import('@sparticuz/chromium').then((m) => m.default);
  return sparticuzModule;
}

let sparticuzPath: Promise<string> | undefined;
function sparticuzExecutablePath(): Promise<string> {
  // Memoised so concurrent launches in one process do not unpack the binary twice.
  sparticuzPath ??= unpackSparticuz();
  sparticuzPath.catch(() => (sparticuzPath = undefined));
  return sparticuzPath;
}

/**
 * `@sparticuz/chromium` unpacks non-atomically and then trusts any existing `/tmp/chromium`: two
 * processes unpacking at once, or an interrupted first run, leave a truncated binary that would
 * fail forever. So unpack under a machine-wide lock, and if the binary does not even print its
 * version, delete it and unpack again (once; a binary that still does not run is left for
 * `launchChromium` to explain).
 */
async function unpackSparticuz(): Promise<string> {
  const sparticuz = await loadSparticuz();
  const release = await lockfile.lock(tmpdir(), {
    lockfilePath: join(tmpdir(), 'runnable-zoo-chromium.lock'),
    realpath: false,
    stale: 30_000,
    retries: { retries: 600, minTimeout: 200, maxTimeout: 500 },
  });
  try {
    const path = await sparticuz.executablePath();
    if (await binaryRuns(path)) return path;
    await rm(path, { force: true });
    return await sparticuz.executablePath();
  } finally {
    await release();
  }
}

/** Pick the Chromium executable (see the module comment for the order). */
export async function resolveChromium(): Promise<ResolvedChromium> {
  const fromEnv = process.env['CHROMIUM_PATH']?.trim();
  // `packaged` skips a system Chromium, so a machine that has one can still test the other path.
  if (fromEnv && fromEnv !== 'packaged') {
    if (!isExecutable(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but that is not an executable file.`);
    }
    return { executablePath: fromEnv, source: 'env', extraArgs: [] };
  }
  for (const candidate of fromEnv === 'packaged' ? [] : SYSTEM_CHROMIUM_PATHS) {
    if (isExecutable(candidate)) return { executablePath: candidate, source: 'system', extraArgs: [] };
  }
  const sparticuz = await loadSparticuz();
  return {
    executablePath: await sparticuzExecutablePath(),
    source: 'sparticuz',
    extraArgs: filterSparticuzArgs(sparticuz.args),
  };
}

/**
 * Environment for the browser process.
 *
 * `@sparticuz/chromium` only configures its environment itself when it detects
 * Amazon Linux (Lambda, CodeBuild, Vercel). Elsewhere we add what it would:
 * - FONTCONFIG_PATH: the bundled binary reads the system fontconfig
 *   (`/etc/fonts/fonts.conf`). If the host has none, text would render without
 *   any font (zero-width glyphs, broken layout and bounding boxes), so point it
 *   at the config + Open Sans that `executablePath()` unpacked into
 *   `<tmpdir>/fonts`.
 * No LD_LIBRARY_PATH is needed on Debian/Ubuntu hosts that have libnss3 and
 * libnspr4 (the only non-libc libraries the binary links); see the hint in
 * `launchChromium`'s error for hosts that lack them.
 */
function browserEnv(resolved: ResolvedChromium): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (resolved.source === 'sparticuz' && !env['FONTCONFIG_PATH'] && !existsSync('/etc/fonts/fonts.conf')) {
    const bundledFonts = join(tmpdir(), 'fonts');
    if (existsSync(join(bundledFonts, 'fonts.conf'))) env['FONTCONFIG_PATH'] = bundledFonts;
  }
  return env;
}

function launchOptions(resolved: ResolvedChromium): LaunchOptions {
  return {
    executablePath: resolved.executablePath,
    headless: true,
    // Sandboxing needs user namespaces or a setuid helper; containers/CI often have neither.
    chromiumSandbox: false,
    args: [...BASE_CHROMIUM_ARGS, ...resolved.extraArgs],
    env: browserEnv(resolved),
    timeout: 60_000,
  };
}

/** Does the binary start at all? Used to detect a truncated `/tmp/chromium`. */
async function binaryRuns(path: string): Promise<boolean> {
  try {
    await execFileAsync(path, ['--version'], { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

function explain(resolved: ResolvedChromium, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(
    `Could not launch Chromium from ${resolved.executablePath} (${resolved.source}).\n` +
      `Set CHROMIUM_PATH to a working Chromium/Chrome, or install one at ${SYSTEM_CHROMIUM_PATHS.join(', ')}.\n` +
      (resolved.source === 'sparticuz'
        ? `For the bundled @sparticuz/chromium: check missing shared libraries with \`ldd ${resolved.executablePath} | grep "not found"\` ` +
          `(it needs libnss3 and libnspr4).\n`
        : '') +
      `Original error: ${message}`,
    { cause: error },
  );
}

/** Launch headless Chromium with the flags the browser tests rely on. */
export async function launchChromium(): Promise<Browser> {
  const resolved = await resolveChromium();
  try {
    return await chromium.launch(launchOptions(resolved));
  } catch (error) {
    throw explain(resolved, error);
  }
}

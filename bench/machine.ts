import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_ROOT } from './paths';
import type { NativeDot } from './graphviz-native';

/** The packages whose speed the figures depend on. */
const PACKAGES = ['@tensorflow/tfjs', 'elkjs', '@svgdotjs/svg.js', 'svgdom', '@hpcc-js/wasm-graphviz', 'ts-graphviz', 'tsx'] as const;

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memory: string;
  readonly os: string;
  readonly node: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly nativeGraphviz: string;
  readonly wasmGraphviz: string;
  readonly commit: string;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    return `${pretty ?? process.platform}, kernel ${release()}`;
  } catch {
    return `${process.platform}, kernel ${release()}`;
  }
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: BENCH_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(BENCH_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** `nativeDot` as found, or why it is not used. */
export async function describeMachine(nativeDot: NativeDot | string | undefined): Promise<Machine> {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: osName(),
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
    nativeGraphviz: typeof nativeDot === 'string' ? nativeDot : (nativeDot?.version ?? 'not installed'),
    wasmGraphviz: `Graphviz ${(await Graphviz.load()).version()} (in @hpcc-js/wasm-graphviz)`,
    commit: commit(),
  };
}

/** The 1-minute load average: on a shared machine, how busy it was besides the bench. */
export const loadAverage = (): string => loadavg()[0]!.toFixed(2);

import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { transformSync } from 'rolldown/utils';

/** Imports inside src/ are written as TypeScript's "Bundler" resolution allows: `./layout`, `./tracers` (an index.ts). */
const CANDIDATES = ['.ts', '/index.ts'];

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');
const hasExtension = (specifier: string) => /\.[cm]?[jt]s$/.test(specifier);

interface CompileError {
  readonly message: string;
  readonly loc?: { readonly line: number; readonly column: number };
}

/**
 * oxc's errors as plain text, the file named once: oxc colours its report (escape codes around every
 * character, even in a pipe or under NO_COLOR) and frames it with the path again, relative to the
 * working directory. Here each error is `file:line:column: message`, then its line and a caret.
 */
function syntaxErrorMessage(file: string, source: string, errors: readonly CompileError[]): string {
  const lines = source.split(/\r?\n/);
  return errors
    .map((error) => {
      const text = stripVTControlCharacters(error.message).split('\n')[0]!.replace(/^\[[A-Z_]+\]\s*/, '').trim();
      if (error.loc === undefined) return `${file}: ${text}`;
      const { line, column } = error.loc;
      const code = stripVTControlCharacters(lines[line - 1] ?? '').replace(/\t/g, ' ');
      const gutter = String(line);
      return `${file}:${line}:${column + 1}: ${text}\n  ${gutter} | ${code}\n  ${' '.repeat(gutter.length)} | ${' '.repeat(column)}^`;
    })
    .join('\n');
}

/**
 * Lets this Node process import the project's TypeScript under `sourceDir` as the full run needs it
 * (definitions, tfjs pipeline). Node 24 strips types itself, but only where every import names its
 * `.ts` file and no TypeScript-only syntax (parameter properties, enums) appears, which the pipeline
 * does not promise; so these in-thread hooks (node:module registerHooks) resolve extensionless
 * imports and compile each file with oxc, through rolldown (Vite's bundler, already installed with
 * it). Packages load as Node loads them: unlike tsx, nothing is routed through a loader thread and no
 * source maps are parsed for them, which was most of what tsx cost (tfjs's alone ~15 % of a run).
 *
 * Why oxc and not esbuild (which tsx uses): esbuild's synchronous transform runs its compiler as a
 * child process of a worker thread, and that child outlives the CLI as a zombie (`[esbuild]
 * <defunct>` under PID 1 after every run); oxc compiles in-process.
 */
export function registerTypeScriptHooks(sourceDir: string): void {
  const inside = pathToFileURL(sourceDir + sep).href;
  const projectRoot = dirname(sourceDir);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent?.startsWith(inside) && isRelative(specifier) && !hasExtension(specifier))
        for (const suffix of CANDIDATES) {
          const url = new URL(specifier + suffix, parent);
          if (existsSync(url)) return nextResolve(url.href, context);
        }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.startsWith(inside) || !url.endsWith('.ts')) return nextLoad(url, context);
      const path = fileURLToPath(url);
      const source = readFileSync(path, 'utf8');
      const { code, errors } = transformSync(path, source, { lang: 'ts', sourceType: 'module', target: 'es2022' });
      if (errors.length > 0) throw new Error(syntaxErrorMessage(relative(projectRoot, path).split(sep).join('/'), source, errors));
      return { format: 'module', source: code, shortCircuit: true };
    },
  });
}

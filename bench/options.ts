import { parseArgs } from 'node:util';

export const USAGE = `npm run bench [-- options]

  --runs N        counted runs per tool and graph (default 15)
  --budget S      no new run of a tool on a graph once S seconds went into it (default 60)
  --timeout S     a run taking longer is stopped and reported as not finished (default 120)
  --only TEXT     only graphs whose name contains TEXT (repeatable), e.g. --only "300 units"
  --set NAME      committed | scaled | all (default all)
  --no-native     leave native Graphviz out even where it is installed (as on a fresh machine)
  --no-cli        leave out the whole-command timings
  --no-demos      leave out the demos in the browser (bench/demo-pace.ts)
  --demo-runs N   fresh-page runs of every demo (default 3)
  --report FILE   where to write the markdown report (default bench/REPORT.md for a full run;
                  a partial run writes none unless given one)
  --note TEXT     a line for the report, e.g. what else the machine was doing`;

export interface BenchOptions {
  readonly runs: number;
  readonly budgetMs: number;
  readonly runMs: number;
  readonly only: readonly string[];
  readonly set: 'committed' | 'scaled' | 'all';
  readonly native: boolean;
  readonly cli: boolean;
  readonly demos: boolean;
  readonly demoRuns: number;
  readonly report?: string;
  readonly note?: string;
  readonly help: boolean;
}

function positive(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new Error(`invalid --${name}: ${text} (expected a positive ${integer ? 'integer' : 'number'})`);
  return value;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '15' },
      budget: { type: 'string', default: '60' },
      timeout: { type: 'string', default: '120' },
      only: { type: 'string', multiple: true, default: [] },
      set: { type: 'string', default: 'all' },
      'no-native': { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
      'no-demos': { type: 'boolean', default: false },
      'demo-runs': { type: 'string', default: '3' },
      report: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const set = values.set;
  if (set !== 'committed' && set !== 'scaled' && set !== 'all') throw new Error(`invalid --set: ${set} (expected committed, scaled or all)`);
  return {
    runs: positive('runs', values.runs, true),
    budgetMs: positive('budget', values.budget, false) * 1000,
    runMs: positive('timeout', values.timeout, false) * 1000,
    only: values.only,
    set,
    native: !values['no-native'],
    cli: !values['no-cli'],
    demos: !values['no-demos'],
    demoRuns: positive('demo-runs', values['demo-runs'], true),
    ...(values.report ? { report: values.report } : {}),
    ...(values.note ? { note: values.note } : {}),
    help: values.help,
  };
}

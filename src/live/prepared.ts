import type { ParamSchema } from '../demos/params';
import { parseParams } from '../demos/params';
import type { AnyArchitecture } from '../architecture/types';
import type { DemoDefinition } from '../demos/types';
import { traceNetwork } from '../graph/trace';
import { drawLiving } from './draw';
import { specSignature } from './signature';
import { livingSpecs, type LivingView } from './views';

/** One living view the site prepares: drawn for the demo's default parameters, with its signature. */
export interface PreparedView {
  readonly view: LivingView;
  readonly signature: string;
  readonly svg: string;
}

// Build time only (Demo.astro and src/pages/live/): each demo module, with its data and tfjs.
const demos = import.meta.glob<DemoDefinition>(['../demos/architectures/*.ts', '!../demos/architectures/*.params.ts'], { import: 'default', eager: true });
const prepared = new Map<string, readonly PreparedView[]>();

/** The demos that show a living diagram (DemoDefinition.living), by id. */
export const livingDemoIds = (): string[] =>
  Object.entries(demos)
    .filter(([, demo]) => demo.living)
    .map(([path]) => path.replace(/^.*\//, '').replace(/\.ts$/, ''))
    .sort();

/**
 * The network an architecture's page shows by default: its demo's own (`living.config` at the default
 * parameters) where the demo declares one, else the definition's demo config, else its diagram config.
 */
export function defaultNetwork(architecture: AnyArchitecture): { config: unknown; configName: string } {
  const demo = demos[`../demos/architectures/${architecture.id}.ts`];
  if (demo?.living) return { config: demo.living.config(parseParams(demo.params as ParamSchema, {}) as never), configName: 'the demo’s default parameters' };
  if (architecture.configs.demo) return { config: architecture.configs.demo, configName: 'configs.demo' };
  return { config: architecture.configs.diagram, configName: 'configs.diagram' };
}

/**
 * The living views of demo `id` at its default parameters, drawn by the build's pipeline from the
 * network its `living` declaration builds — what the page shows at once when the running network's
 * drawing has the same signature (src/live/living-diagram.ts). Memoised: the page and the SVG files
 * come from one drawing.
 */
export function preparedViews(id: string): readonly PreparedView[] {
  const cached = prepared.get(id);
  if (cached) return cached;
  const demo = demos[`../demos/architectures/${id}.ts`];
  if (!demo?.living) return [];
  const { architecture, config } = demo.living;
  const model = architecture.build(config(parseParams(demo.params as ParamSchema, {}) as never));
  try {
    // Architectures drawn as layers alone have no cell graph to trace (too many cells).
    const traced = architecture.views.includes('cells') ? traceNetwork(model, architecture.id) : undefined;
    const views = livingSpecs(architecture, traced, model).map((living) => ({
      view: living.view,
      signature: specSignature(living.spec),
      svg: drawLiving(living),
    }));
    prepared.set(id, views);
    return views;
  } finally {
    model.dispose();
  }
}

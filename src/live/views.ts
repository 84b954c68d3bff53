import type { AnyArchitecture, View } from '../architecture/types';
import type { TracedNetwork } from '../graph/trace';
import { cellsView } from '../views/cells';
import type { DiagramSpec } from '../views/types';
import { unrolledView } from '../views/unrolled';

/** The views a living diagram shows, in this order: those of the architecture's views drawn from its cell graph. */
export const LIVING_VIEWS = ['cells', 'unrolled'] as const satisfies readonly View[];
export type LivingView = (typeof LIVING_VIEWS)[number];

const BUILDERS: Readonly<Record<LivingView, (traced: TracedNetwork, architecture: AnyArchitecture) => DiagramSpec>> = {
  cells: (traced, architecture) => cellsView(traced.graph, architecture),
  unrolled: (traced, architecture) => unrolledView(traced.graph, architecture),
};

/** The living views of `architecture` with their specs, drawn from a traced network (the build's own view code). */
export function livingSpecs(architecture: AnyArchitecture, traced: TracedNetwork): { view: LivingView; spec: DiagramSpec }[] {
  return LIVING_VIEWS.filter((view) => architecture.views.includes(view)).map((view) => ({ view, spec: BUILDERS[view](traced, architecture) }));
}

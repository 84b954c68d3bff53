import type * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { DELAYED_KINDS, type ConnectionKind } from '../../src/graph/types';
import { weightCopies } from '../../src/network/layers/weight-copy';
import { measureDependencies, type Dependency } from '../support/dependencies';
import { expandEdges, parseSvg, type ExpandedEdge } from '../support/svg-metadata';

const readDiagram = (id: string, view: string) => readFileSync(new URL(`../../diagrams/${id}.${view}.svg`, import.meta.url), 'utf8');

/** The step a drawn line reaches across, by the contract: delayed kinds one step (data-delay="-1": from the next), others none. */
const offsetOf = (e: ExpandedEdge): -1 | 0 | 1 => (DELAYED_KINDS.has(e.kind as ConnectionKind) ? (e.delay === -1 ? -1 : 1) : 0);
const at = (offset: number) => (offset === 0 ? '' : offset === 1 ? ' (from t−1)' : ' (from t+1)');

/**
 * What the drawing gets wrong about the running network's dependencies: one it depends on but no line
 * draws, one with no weight behind it drawn only as weights (or the reverse), a weightless line for
 * which the network computes nothing, and a cell that feeds nothing though it is no output.
 */
function dependencyProblems(model: tf.LayersModel, dependencies: readonly Dependency[], outputs: ReadonlySet<string>, svg: ReturnType<typeof parseSvg>): string[] {
  const drawn = expandEdges(svg);
  // An undirected line (one symmetric weight) joins its two cells both ways.
  const joining = (from: string, to: string, offset: number) =>
    drawn.filter((e) => ((e.from === from && e.to === to) || (!e.directed && e.from === to && e.to === from)) && offsetOf(e) === offset);
  const problems: string[] = [];
  for (const d of dependencies) {
    const lines = joining(d.from, d.to, d.offset);
    const where = `${d.from} → ${d.to}${at(d.offset)}`;
    if (lines.length === 0) problems.push(`${where}: the network depends on it${d.weightless ? ' (with no weight)' : ''}, but no line joins them`);
    else if (d.weightless && lines.every((e) => e.trainable !== undefined)) problems.push(`${where}: no weight carries it, but it is drawn only as a weight (${lines.map((e) => e.kind).join(', ')})`);
    else if (!d.weightless && lines.every((e) => e.trainable === undefined)) problems.push(`${where}: a weight carries it, but it is drawn only as weightless (${lines.map((e) => e.kind).join(', ')})`);
  }
  const measured = new Set(dependencies.map((d) => `${d.from}|${d.to}|${d.offset}`));
  // A copy joins the cells whose incoming weights it copies, not values: checked against the model's declared copies instead.
  for (const e of drawn.filter((e) => e.trainable === undefined && e.kind !== 'copy'))
    if (!measured.has(`${e.from}|${e.to}|${offsetOf(e)}`) && (e.directed || !measured.has(`${e.to}|${e.from}|${offsetOf(e)}`))) problems.push(`${e.from} → ${e.to}${at(offsetOf(e))}: drawn as ${e.kind}, but the network's value does not depend on it`);
  problems.push(...copyProblems(model, drawn));
  const feeding = new Set(drawn.flatMap((e) => (e.directed ? [e.from] : [e.from, e.to])));
  for (const node of svg.nodes) {
    const { 'data-node': id, 'data-group': group } = node.attributes;
    if (!outputs.has(group!) && !feeding.has(id!)) problems.push(`${id}: feeds nothing, though ${group} holds no output of the network`);
  }
  return problems;
}

/**
 * What the drawing gets wrong about the weights the model copies (a DQN's target network, WeightCopy
 * markers): each cell k of a layer holding a copy gets one `copy` line from cell k of the layer it
 * copies, and no other copy line is drawn.
 */
function copyProblems(model: tf.LayersModel, drawn: readonly ExpandedEdge[]): string[] {
  const declared = new Set<string>();
  for (const { copy, of } of weightCopies(model)) {
    const units = (copy.outputShape as number[]).at(-1)!;
    for (let k = 0; k < units; k++) declared.add(`${of.name}.${k} → ${copy.name}.${k}`);
  }
  const lines = new Set(drawn.filter((e) => e.kind === 'copy').map((e) => `${e.from} → ${e.to}`));
  return [
    ...[...declared].filter((c) => !lines.has(c)).map((c) => `${c}: the model copies these weights, but no copy line joins them`),
    ...[...lines].filter((c) => !declared.has(c)).map((c) => `${c}: drawn as a copy, but the model copies no weights there`),
  ];
}

// Architectures drawn only as layers (LeNet-5 and the other classics) have no cells diagram to check.
describe.each(registry.architectures.filter((a) => a.views.includes('cells')).map((a) => [a.id, a] as const))('%s', (id, architecture) => {
  it('draws, in its cells diagram, every dependency of its running network, weights and weightless ones each in their own kind, and only outputs feed nothing', () => {
    const svg = parseSvg(readDiagram(id, 'cells'));
    const groups = new Map<string, number>();
    for (const node of svg.nodes) groups.set(node.attributes['data-group']!, (groups.get(node.attributes['data-group']!) ?? 0) + 1);
    const model = architecture.build(architecture.configs.diagram);
    try {
      const { dependencies, outputs } = measureDependencies(model, groups);
      expect(dependencies.length).toBeGreaterThan(0);
      expect(dependencyProblems(model, dependencies, outputs, svg)).toEqual([]);
    } finally {
      model.dispose();
    }
  });
});

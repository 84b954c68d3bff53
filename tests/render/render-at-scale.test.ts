import { describe, expect, it } from 'vitest';
import { traceModel } from '../../src/graph/trace';
import { layoutDiagram } from '../../src/layout/layout';
import { renderSvg } from '../../src/render/render';
import { cellsView } from '../../src/views/cells';
import { NO_ELISION } from '../../src/views/elision';
import feedForward from '../../src/zoo/feed-forward';
import { accountOf, drawnAccount, parseSvg } from '../support/svg-metadata';

describe('render at scale', () => {
  it('draws all 26,624 connections of a 64-128-128-16 network drawn whole, each with its own intact cell ids', async () => {
    const model = feedForward.build({ ...feedForward.configs.diagram, inputs: 64, hidden: [128, 128], outputs: 16 });
    const graph = traceModel(model, feedForward.id);
    model.dispose();
    const svg = parseSvg(renderSvg(await layoutDiagram(cellsView(graph, feedForward, NO_ELISION))));
    expect(svg.ellipses).toEqual([]);
    expect(svg.nodes).toHaveLength(336);
    expect(svg.edges).toHaveLength(26_624);
    expect(svg.edges.at(-1)!.attributes).toMatchObject({ 'data-from': 'hidden-2.127', 'data-to': 'output.15' });
    expect(drawnAccount(svg)).toEqual(accountOf(svg, graph.connections));
    // About 15 s on a quiet 2-core machine, but over 100 s with the machine busy: the limit only
    // catches a hang, and must not fail a correct drawing on a loaded machine.
  }, 300_000);
});

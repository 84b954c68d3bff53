import { describe, expect, it } from 'vitest';
import { CELL_TYPES, CONNECTION_KINDS } from '../../src/graph/types';
import { drawCellGlyph } from '../../src/render/cell-glyph';
import { renderFullLegendSvg } from '../../src/render/legend-svg';
import { DIAGRAM_CSS } from '../../src/render/style';
import { createCanvas } from '../../src/render/svg-canvas';
import { CELL_LABELS, KIND_LABELS } from '../../src/render/vocabulary';
import { parseSvg } from '../support/svg-metadata';

describe('visual language', () => {
  it('tells every cell type apart by shape or mark, with colour removed', () => {
    const shapes = CELL_TYPES.map((type) => {
      const canvas = createCanvas();
      drawCellGlyph(canvas.group(), type, 14);
      // Colour comes only from classes; without them, what is left is geometry.
      return canvas.svg().replace(/ class="[^"]*"/g, '').replace(/<svg[^>]*>/, '');
    });
    expect(new Set(shapes).size).toBe(CELL_TYPES.length);
  });

  it('gives every connection kind its own stroke (dash pattern or width), not just a colour', () => {
    const stroke = (kind: string) => {
      const rule = new RegExp(`\\.rz-kind-${kind}\\{([^}]*)\\}`).exec(DIAGRAM_CSS)?.[1] ?? '';
      const dash = /stroke-dasharray:([^;]+)/.exec(rule)?.[1] ?? 'solid';
      const width = /stroke-width:([^;]+)/.exec(rule)?.[1] ?? 'default';
      return `${dash}|${width}`;
    };
    const strokes = CONNECTION_KINDS.map(stroke);
    expect(new Set(strokes).size).toBe(CONNECTION_KINDS.length);
  });
});

describe('full legend', () => {
  it('shows every cell type, every connection kind and every marker, each once', () => {
    const svg = parseSvg(renderFullLegendSvg());
    const texts = svg.elements.filter((e) => e.name === 'text').map((e) => e.text);
    for (const label of [...Object.values(CELL_LABELS), ...Object.values(KIND_LABELS)]) expect(texts.filter((t) => t === label)).toHaveLength(1);
    expect(texts).toEqual(expect.arrayContaining(['fixed weight: never trained; set once, or changed only by a copy', 'undirected: one symmetric weight, both ways', 't−1', 't+1', 'cells not drawn; captions give each group’s size']));
    expect(svg.root.role).toBe('img');
    // A key, not a diagram: it claims no cells and no connections.
    expect(svg.nodes).toHaveLength(0);
    expect(svg.edges).toHaveLength(0);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import lstm from '../../src/zoo/lstm';
import { parseSvg } from '../support/svg-metadata';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const guide = read('content/guides/reading-diagrams.mdx');
const home = read('content/index.mdx');

/** The kinds of line that carry a weight; every other kind is a weightless dependency. */
const WEIGHT_KINDS = new Set(['dense', 'complete', 'local', 'sparse', 'recurrent']);

describe('the reading-diagrams guide', () => {
  it('counts the LSTM cells view’s lines against the model’s parameters with the real numbers', () => {
    const svg = parseSvg(read('diagrams/lstm.cells.svg'));
    const config = lstm.configs.diagram;
    const model = lstm.build(config);
    const lines = svg.edges.filter((e) => WEIGHT_KINDS.has(e.attributes['data-kind']!));
    const block = (e: (typeof lines)[number]) => {
      const [rows, cols] = (e.attributes['data-weights'] ?? '1×1').split('×').map(Number);
      return rows! * cols!;
    };
    const gated = lines.filter((e) => e.attributes['data-weights'] === '1×4');
    const drawnWeights = lines.reduce((sum, e) => sum + block(e), 0);
    const biases = model.weights.filter((w) => w.originalName.endsWith('/bias')).reduce((sum, w) => sum + w.shape.reduce((a, b) => a! * b!, 1)!, 0);
    const parameters = model.countParams();
    model.dispose();

    expect([lines.length, gated.length, drawnWeights, biases, parameters]).toEqual([21, 15, 66, 14, 80]);
    expect(drawnWeights + biases).toBe(parameters);
    expect(biases).toBe(4 * config.units + config.outputs);
    // Weightless carries add no weight: one per memory cell.
    const carries = svg.edges.filter((e) => e.attributes['data-kind'] === 'carry');
    expect(carries.length).toBe(config.units);
    for (const carry of carries) expect(carry.attributes['data-trainable']).toBeUndefined();

    for (const claim of [
      '**21 weight lines**',
      '`6 × 4 + 9 × 4 + 6 × 1 = 66` weights',
      '**80 parameters**',
      '**14 are biases**',
      '`66 + 14 = 80`',
      `**${config.units} carry** loops`,
    ])
      expect(guide).toContain(claim);
  });

  it('no longer promises that every line is a weight and every weight is drawn, and neither does the home page', () => {
    for (const text of [guide, home]) {
      expect(text).not.toMatch(/every line drawn is a real weight/i);
      expect(text).not.toMatch(/every (nonzero )?weight is drawn/i);
      expect(text).toContain('dependency');
    }
  });

  it('lists every cell type of the visual language, and says which are not used yet', () => {
    const table = guide.slice(guide.indexOf('| Cell type |'), guide.indexOf('Where a cell computes'));
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Cell type'));
    expect(rows).toHaveLength(14);
    const diagrams = ['attention-network', 'autoencoder', 'capsule-network', 'convolutional-network', 'dcign', 'denoising-autoencoder', 'gan', 'gru', 'kohonen-network', 'lstm', 'variational-autoencoder']
      .map((id) => read(`diagrams/${id}.cells.svg`))
      .join('');
    for (const [type, label] of [['backfed-input', 'Backfed input'], ['spiking-hidden', 'Spiking hidden']] as const) {
      expect(diagrams).not.toContain(`data-cell="${type}"`);
      expect(rows.find((r) => r.startsWith(`| ${label} |`))).toContain('not yet used');
    }
  });

  it('credits the Neural Network Zoo poster, as the home page does', () => {
    for (const text of [guide, home]) expect(text).toMatch(/Fjodor\s+van\s+Veen[\s\S]{0,120}Asimov\s+Institute[\s\S]{0,60}2016/);
  });
});

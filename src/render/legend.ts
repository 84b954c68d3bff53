import { G } from '@svgdotjs/svg.js';
import { DELAYED_KINDS, isDelayed, isWeight, type CellType, type ConnectionKind } from '../graph/types';
import { METRICS, badgeBoxWidth, textWidth } from '../layout/metrics';
import type { PositionedDiagram } from '../layout/types';
import { drawCellGlyph } from './cell-glyph';
import type { MarkerIds } from './markers';
import { isOneToOne } from '../graph/one-to-one';
import { CELL_LABELS, KIND_LABELS, SPARSE_ONE_TO_ONE, scaledLabel } from './vocabulary';

interface Entry {
  readonly width: number;
  readonly draw: (g: G) => void;
}

const ROW = 24;
const GAP = 18;
const SAMPLE = 36;
const TEXT = 10;

const textEntry = (label: string, sampleWidth: number, sample: (g: G) => void): Entry => ({
  width: sampleWidth + 8 + textWidth(label, TEXT),
  draw: (g) => {
    sample(g);
    g.plain(label).addClass('rz-legend-text').attr({ x: sampleWidth + 8, y: 4 });
  },
});

function cellEntry(type: CellType): Entry {
  return textEntry(CELL_LABELS[type], 20, (g) => drawCellGlyph(g.group().translate(10, 0).addClass(`rz-cell rz-cell-${type}`), type, 9));
}

/** Labels of a delayed kind's entry for a chain running backward in time (data-delay="-1"), drawn with its backward stroke. */
const BACKWARD_LABELS: Readonly<Partial<Record<ConnectionKind, string>>> = {
  recurrent: 'recurrent, backward in time: state from t+1 feeds t',
  carry: 'carry, backward in time: the state kept from t+1, no weight',
};
/** Where every weight is trained, the plain dense arrow says so too: one entry, not the same arrow twice. */
const DENSE_ALL_TRAINED = 'dense (layer to layer); every weight is trained';

/** A connection kind's entry: its stroke, with the badge its loops carry where the diagram draws loops with badges. */
function kindEntry(kind: ConnectionKind, markerArrow: string, contents: LegendContents, backward = false, badgeText?: string): Entry {
  const label = backward
    ? (BACKWARD_LABELS[kind] ?? KIND_LABELS[kind])
    : kind === 'sparse' && contents.sparseOneToOne
      ? SPARSE_ONE_TO_ONE
      : kind === 'dense' && contents.allTrained
        ? DENSE_ALL_TRAINED
        : KIND_LABELS[kind];
  const badgeWidth = badgeText ? badgeBoxWidth(badgeText) + 6 : 0;
  return textEntry(label, SAMPLE + badgeWidth, (g) => {
    const d = `M0 0 L${SAMPLE / 2} 0 L${SAMPLE - 2} 0`;
    g.path(d).addClass(`rz-edge rz-kind-${kind}${backward ? ' rz-delay-backward' : ''}`).attr('marker-end', `url(#${markerArrow})`);
    if (kind === 'residual') g.path(d).addClass('rz-kind-residual-core');
    if (badgeText) g.add(badge({ x: SAMPLE + badgeWidth / 2 + 2, y: 0 }, badgeText));
  });
}

/** A weight as diagrams draw it: an arrow, with a ◇ at its middle when the weight is fixed, plain when trained. */
function weightSample(g: G, ids: MarkerIds, fixed: boolean): void {
  const line = g.path(`M0 0 L${SAMPLE / 2} 0 L${SAMPLE - 2} 0`).addClass('rz-edge').attr('marker-end', `url(#${ids.arrow})`);
  if (fixed) line.attr('marker-mid', `url(#${ids.fixed})`);
}

/** What a legend explains: the cell types and connection kinds present, and which markers appear. */
export interface LegendContents {
  readonly cellTypes: readonly CellType[];
  readonly kinds: readonly ConnectionKind[];
  /** Every sparse connection drawn ties cell i to cell i (a sampling layer), not some other pattern. */
  readonly sparseOneToOne: boolean;
  /** Some weight is fixed (never trained). Weightless dependencies are no weights: they never count here. */
  readonly fixed: boolean;
  /** The fixed weights drawn are copies (a DQN's target network): changed only by the copy, not set once. */
  readonly fixedByCopy: boolean;
  /** The coefficients, computed for each input, that scale some drawn lines (Connection.scaledBy). */
  readonly scaledBy: readonly string[];
  readonly undirected: boolean;
  readonly allTrained: boolean;
  readonly delay: boolean;
  /** Some delayed connection is drawn as a loop with a "t+1" badge: a chain running backward in time. */
  readonly backwardDelay: boolean;
  /** The delayed kinds with connections running forward in time (t−1 → t), drawn as loops or not. */
  readonly forwardInTime: readonly ConnectionKind[];
  /** The delayed kinds with connections running backward in time (t+1 → t), drawn as loops or not. */
  readonly backwardInTime: readonly ConnectionKind[];
  readonly bundle: boolean;
  readonly elided: boolean;
  readonly lattice: boolean;
}

/** The legend of one diagram lists only what that diagram uses. */
export function legendContents(diagram: PositionedDiagram): LegendContents {
  return {
    cellTypes: [...new Set(diagram.nodes.filter((n) => !n.elided).map((n) => n.cellType))],
    kinds: [...new Set(diagram.edges.map((e) => e.kind))],
    // A bundle's ends are group ids, never index-aligned cells: one among the sparse edges makes this false.
    sparseOneToOne: isOneToOne(diagram.edges.filter((e) => e.kind === 'sparse')),
    fixed: diagram.edges.some((e) => e.trainable === false),
    fixedByCopy: diagram.edges.some((e) => e.kind === 'copy'),
    scaledBy: [...new Set(diagram.edges.flatMap((e) => (e.scaledBy ? [e.scaledBy] : [])))],
    undirected: diagram.edges.some((e) => !e.directed),
    allTrained: diagram.edges.some(isWeight) && diagram.edges.filter(isWeight).every((e) => e.trainable),
    delay: diagram.edges.some((e) => e.delayBadge && e.delay !== -1),
    backwardDelay: diagram.edges.some((e) => e.delayBadge && e.delay === -1),
    forwardInTime: [...new Set(diagram.edges.filter((e) => isDelayed(e) && e.delay !== -1).map((e) => e.kind))],
    backwardInTime: [...new Set(diagram.edges.filter((e) => isDelayed(e) && e.delay === -1).map((e) => e.kind))],
    bundle: diagram.edges.some((e) => e.bundle),
    elided: diagram.nodes.some((n) => n.elided),
    lattice: diagram.groups.some((g) => g.orientation === 'grid'),
  };
}

/**
 * Draws a legend: cell types, connection kinds, then the markers (fixed weights, undirected weights,
 * one-step delay, bundles, elided cells) and the lattice. Entries flow in rows to `width`; returns
 * the height used. Legend samples carry no data-* attributes, so readers of the metadata never mistake
 * them for cells.
 */
export function drawLegend(root: G, contents: LegendContents, width: number, ids: MarkerIds): number {
  // A delayed kind (recurrent weights, carried state) gets an entry per direction of time it runs in.
  const kindEntries = contents.kinds.flatMap((k) =>
    !DELAYED_KINDS.has(k)
      ? [kindEntry(k, ids.arrow, contents)]
      : [
          ...(contents.forwardInTime.includes(k) ? [kindEntry(k, ids.arrow, contents, false, contents.delay ? 't−1' : undefined)] : []),
          ...(contents.backwardInTime.includes(k) ? [kindEntry(k, ids.arrow, contents, true, contents.backwardDelay ? 't+1' : undefined)] : []),
        ],
  );
  const entries: Entry[] = [...contents.cellTypes.map(cellEntry), ...kindEntries];
  // Where weights are copies (a DQN's target network), fixed means "changed only by the copy", not "set once".
  const fixedLabel = contents.fixedByCopy ? 'fixed weight: never trained, changed only by the copy' : 'fixed weight: set once, never trained';
  if (contents.fixed) entries.push(textEntry(fixedLabel, SAMPLE, (g) => weightSample(g, ids, true)));
  for (const coefficient of contents.scaledBy)
    entries.push(textEntry(scaledLabel(coefficient), SAMPLE, (g) =>
      g.path(`M0 0 L${SAMPLE / 2} 0 L${SAMPLE - 2} 0`).addClass('rz-edge').attr({ 'marker-mid': `url(#${ids.scaled})`, 'marker-end': `url(#${ids.arrow})` })));
  if (contents.undirected)
    entries.push(textEntry('undirected: one symmetric weight, both ways', SAMPLE, (g) =>
      g.path(`M3 0 L${SAMPLE / 2} 0 L${SAMPLE - 3} 0`).addClass('rz-edge').attr({ 'marker-start': `url(#${ids.undirected})`, 'marker-end': `url(#${ids.undirected})` })));
  // Said by the dense entry where there is one (the same plain arrow), else on its own.
  if (contents.allTrained && !contents.kinds.includes('dense')) entries.push(textEntry('every weight is trained', SAMPLE, (g) => weightSample(g, ids, false)));
  // A badge on its own, where no recurrent entry carries it (a legend of the whole language lists them apart).
  if (contents.delay && contents.forwardInTime.length === 0)
    entries.push(textEntry('one-step delay: state from t−1 feeds t', 24, (g) => g.add(badge({ x: 12, y: 0 }, 't−1'))));
  if (contents.backwardDelay && contents.backwardInTime.length === 0)
    entries.push(textEntry('backward in time: state from t+1 feeds t', 24, (g) => g.add(badge({ x: 12, y: 0 }, 't+1'))));
  if (contents.bundle)
    entries.push(textEntry('bundle m×n: every cell of one group to every cell of the other', SAMPLE, (g) =>
      g.path(`M0 0 L${SAMPLE - 2} 0`).addClass('rz-edge rz-bundle')));
  if (contents.elided)
    entries.push(textEntry('cells not drawn; captions give each group’s size', 20, (g) => {
      const dots = g.group().translate(10, 0).addClass('rz-ellipsis');
      for (const y of [-6, 0, 6]) dots.circle(4).center(0, y).addClass('rz-marker-solid');
    }));

  if (contents.lattice)
    entries.push(textEntry('lattice: which cells are neighbours on the map, not a weight', SAMPLE, (g) =>
      g.path(`M0 -5 H${SAMPLE} M0 5 H${SAMPLE} M${SAMPLE / 2 - 9} -9 V9 M${SAMPLE / 2 + 9} -9 V9`).addClass('rz-lattice')));

  const legend = root.group().addClass('rz-legend');
  legend.plain('Legend').addClass('rz-legend-title').attr({ x: 0, y: 0 });
  let x = 0;
  let y = ROW;
  for (const entry of entries) {
    if (x > 0 && x + entry.width > width) {
      x = 0;
      y += ROW;
    }
    entry.draw(legend.group().translate(x, y));
    x += entry.width + GAP;
  }
  return y + ROW / 2;
}

/** A small tag — "t−1" on a time-delayed connection, "m×n" on a bundle — built detached. */
export function badge(at: { x: number; y: number }, text: string): G {
  const w = badgeBoxWidth(text);
  const h = METRICS.badgeSize + 5;
  const tag = new G().addClass('rz-badge');
  tag.rect(w, h).move(at.x - w / 2, at.y - h / 2).radius(3);
  tag.plain(text).attr({ x: at.x, y: at.y + 3, 'text-anchor': 'middle' });
  return tag;
}

import { diagramCss, type Rule } from './style';

/**
 * What the internals view draws beyond the shared stylesheet: operation glyphs, terminals and
 * data-flow lines. Colours come from the same palette and land in the same plain / @supports split,
 * so a standalone file renders anywhere. Ops differ by shape and symbol, state lines by width and
 * dash, never by colour alone.
 */
const OP_RULES: readonly Rule[] = [
  // An op without a fill of its own (×, +, 1−, tanh) is drawn like text on the page: ink on paper, in
  // both schemes. Gates and weight boxes keep a pastel fill in both schemes, so their outline and
  // writing stay cell ink, as on cells.
  { selector: '.rz-op-body', paint: { fill: 'paper', stroke: 'ink' }, other: 'stroke-width:1.5' },
  { selector: '.rz-op-gate .rz-op-body', paint: { fill: 'cell-recurrent', stroke: 'cell-ink' } },
  { selector: '.rz-op-matmul .rz-op-body', paint: { fill: 'cell-kernel', stroke: 'cell-ink' } },
  { selector: '.rz-op-symbol', paint: { fill: 'ink' }, other: 'font-size:13px;font-weight:700' },
  { selector: '.rz-op-gate .rz-op-symbol', paint: { fill: 'cell-ink' } },
  { selector: '.rz-op-symbol-small', other: 'font-size:8.5px;font-weight:400' },
  { selector: '.rz-op-box-text', paint: { fill: 'cell-ink' }, other: 'font-size:10px' },
  { selector: '.rz-terminal-body', paint: { fill: 'cell-input', stroke: 'cell-ink' }, other: 'stroke-width:1.2' },
  { selector: '.rz-terminal-text', paint: { fill: 'cell-ink' }, other: 'font-size:11px;font-weight:700' },
  { selector: '.rz-flow', paint: { stroke: 'edge' }, other: 'fill:none;stroke-width:1.3' },
  { selector: '.rz-flow-h', paint: { stroke: 'ink' }, other: 'stroke-width:2.4' },
  { selector: '.rz-flow-c', paint: { stroke: 'delay' }, other: 'stroke-width:3.2;stroke-dasharray:10 3' },
];

export const OP_DIAGRAM_CSS = diagramCss(OP_RULES);

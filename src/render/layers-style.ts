import { diagramCss, type Rule } from './style';

/** A layer's family, which sets its box's fill; its class name is always written too, so colour is never the only cue. */
export function layerStyle(className: string): 'input' | 'convolution' | 'dense' | 'pool' | 'plain' {
  if (className === 'InputLayer') return 'input';
  if (/Conv/.test(className)) return 'convolution';
  if (/^(Dense|EuclideanRbf|RadialBasis)/.test(className)) return 'dense';
  if (/Pool|Subsampling/.test(className)) return 'pool';
  return 'plain';
}

/**
 * What the layers view draws beyond the shared stylesheet: layer boxes, frames, tensor lines and
 * shape labels, from the same palette. Filled boxes keep pastel fills and cell ink in both schemes;
 * plain boxes (normalisation, activation, merges) are ink on paper like the page.
 */
const LAYERS_RULES: readonly Rule[] = [
  { selector: '.rz-layer-body', paint: { fill: 'paper', stroke: 'ink' }, other: 'stroke-width:1.3' },
  { selector: '.rz-layer-name', paint: { fill: 'ink' }, other: 'font-size:11px;font-weight:700' },
  { selector: '.rz-layer-detail', paint: { fill: 'ink' }, other: 'font-size:9.5px' },
  { selector: '.rz-layer-input .rz-layer-body', paint: { fill: 'cell-input', stroke: 'cell-ink' } },
  { selector: '.rz-layer-convolution .rz-layer-body', paint: { fill: 'cell-convolution', stroke: 'cell-ink' } },
  { selector: '.rz-layer-dense .rz-layer-body', paint: { fill: 'cell-hidden', stroke: 'cell-ink' } },
  { selector: '.rz-layer-pool .rz-layer-body', paint: { fill: 'cell-kernel', stroke: 'cell-ink' } },
  {
    selector: '.rz-layer-input text,.rz-layer-convolution text,.rz-layer-dense text,.rz-layer-pool text',
    paint: { fill: 'cell-ink' },
  },
  { selector: '.rz-frame-body', paint: { fill: 'group', stroke: 'group-line' }, other: 'stroke-width:1.2' },
  { selector: '.rz-frame-repeat .rz-frame-body,.rz-frame-body.rz-frame-repeat', paint: { stroke: 'ink' }, other: 'stroke-width:1.4;stroke-dasharray:6 3' },
  { selector: '.rz-frame-title', paint: { fill: 'ink' }, other: 'font-size:11px;font-weight:700' },
  { selector: '.rz-tensor', paint: { stroke: 'edge' }, other: 'fill:none;stroke-width:1.3' },
  { selector: '.rz-shape-label text', paint: { fill: 'muted' }, other: 'font-size:9px' },
];

export const LAYERS_DIAGRAM_CSS = diagramCss(LAYERS_RULES);

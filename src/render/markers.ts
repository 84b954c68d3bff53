import type { G } from '@svgdotjs/svg.js';

/** Marker ids are prefixed per diagram: several SVGs inlined in one page must not share ids. */
export interface MarkerIds {
  readonly arrow: string;
  readonly fixed: string;
  readonly undirected: string;
  readonly scaled: string;
}

export function defineMarkers(defs: G, ids: MarkerIds): void {
  // userSpaceOnUse keeps markers the same size whatever the stroke width of the edge.
  defs
    .marker(7, 7, (m) => m.path('M0 0 L7 3.5 L0 7 Z').addClass('rz-marker-solid'))
    .id(ids.arrow)
    .attr({ refX: 6.5, refY: 3.5, orient: 'auto', markerUnits: 'userSpaceOnUse' });
  defs
    .marker(10, 10, (m) => m.path('M5 0.8 L9.2 5 L5 9.2 L0.8 5 Z').addClass('rz-marker-line'))
    .id(ids.fixed)
    .attr({ refX: 5, refY: 5, orient: 'auto', markerUnits: 'userSpaceOnUse' });
  // A symmetric weight has no direction: a dot at each end instead of an arrowhead.
  defs
    .marker(6, 6, (m) => m.circle(5).center(3, 3).addClass('rz-marker-solid'))
    .id(ids.undirected)
    .attr({ refX: 3, refY: 3, markerUnits: 'userSpaceOnUse' });
  // A line scaled by a coefficient computed for each input: ⊗, a circle with a cross, at its middle.
  defs
    .marker(11, 11, (m) => {
      m.circle(9).center(5.5, 5.5).addClass('rz-marker-line');
      m.path('M2.3 2.3 L8.7 8.7 M8.7 2.3 L2.3 8.7').addClass('rz-marker-cross');
    })
    .id(ids.scaled)
    .attr({ refX: 5.5, refY: 5.5, markerUnits: 'userSpaceOnUse' });
}

export const markerIds = (prefix: string): MarkerIds => ({
  arrow: `${prefix}-arrow`,
  fixed: `${prefix}-fixed`,
  undirected: `${prefix}-undirected`,
  scaled: `${prefix}-scaled`,
});

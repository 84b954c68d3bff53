import type { G } from '@svgdotjs/svg.js';

/** Marker ids are prefixed per diagram: several SVGs inlined in one page must not share ids. */
export interface MarkerIds {
  readonly arrow: string;
  readonly fixed: string;
  readonly undirected: string;
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
}

export const markerIds = (prefix: string): MarkerIds => ({
  arrow: `${prefix}-arrow`,
  fixed: `${prefix}-fixed`,
  undirected: `${prefix}-undirected`,
});

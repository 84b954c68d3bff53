/**
 * Lattices of colour as one SVG: each map a grid of squares, one per unit, filled with the colour
 * the unit stands for (a self-organising map's RGB prototypes), side by side with a label under
 * each. Demo results only; diagrams go through the pipeline.
 */
export interface ColourMap {
  readonly label: string;
  readonly rows: number;
  readonly columns: number;
  /** One RGB triple in [0, 1] per unit, row by row. */
  readonly colours: readonly (readonly number[])[];
}

export interface ColourGridSpec {
  readonly title: string;
  readonly description: string;
  readonly maps: readonly ColourMap[];
  /** Side of each map in the SVG's units. */
  readonly size?: number;
}

const GAP = 16;
const LABEL = 26;
const FONT = 15;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const channel = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
const hex = (rgb: readonly number[]) => `#${rgb.map((v) => channel(v).toString(16).padStart(2, '0')).join('')}`;
const round = (v: number) => Math.round(v * 100) / 100;

export function colourGridSvg(spec: ColourGridSpec): string {
  const size = spec.size ?? 120;
  if (spec.maps.length === 0) throw new Error(`colour grid "${spec.title}": no maps`);
  const width = spec.maps.length * size + (spec.maps.length - 1) * GAP;
  const maps = spec.maps.map((map, m) => {
    if (map.colours.length !== map.rows * map.columns)
      throw new Error(`colour grid "${spec.title}": map "${map.label}" has ${map.colours.length} colours for ${map.rows}×${map.columns} units`);
    const x0 = m * (size + GAP);
    const cell = size / Math.max(map.rows, map.columns);
    const squares = map.colours
      .map((rgb, k) => `<rect x="${round(x0 + (k % map.columns) * cell)}" y="${round(Math.floor(k / map.columns) * cell)}" width="${round(cell)}" height="${round(cell)}" fill="${hex(rgb)}"/>`)
      .join('');
    return `<g class="rz-colour-map">${squares}</g><text x="${x0 + size / 2}" y="${size + LABEL - 6}" text-anchor="middle" fill="currentColor">${escape(map.label)}</text>`;
  });
  return (
    // Never wider than drawn: a single map stays a picture, not a wall of colour.
    `<svg class="rz-plot rz-colour-grid" viewBox="0 0 ${width} ${size + LABEL}" width="100%" style="max-width:${width}px" role="img" font-size="${FONT}" shape-rendering="crispEdges">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    maps.join('') +
    `</svg>`
  );
}

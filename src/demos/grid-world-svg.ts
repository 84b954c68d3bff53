import type { GridWorld } from '../network/environments/grid-world';

/**
 * A grid world as one SVG: walls filled, the start and the goal marked, and an agent's episode as a
 * numbered path, with a dot that steps along it move by move (a repeated CSS animation). Demo results
 * only; diagrams go through the pipeline.
 */
export interface GridWorldSpec {
  readonly title: string;
  readonly description: string;
  readonly world: GridWorld;
  /** The cells the agent visited, start first. */
  readonly path: readonly number[];
  /** Under the grid, e.g. "greedy episode: 8 moves, return 0.65". */
  readonly caption: string;
}

const CELL = 56;
const CAPTION = 28;
const FONT = 14;
/** Seconds the dot stays on each cell it visits. */
const MOVE_SECONDS = 0.35;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function gridWorldSvg(spec: GridWorldSpec): string {
  const { world, path } = spec;
  const width = world.columns * CELL;
  const height = world.rows * CELL;
  const centre = (cell: number) => [(cell % world.columns) * CELL + CELL / 2, Math.floor(cell / world.columns) * CELL + CELL / 2] as const;
  const squares = world.walls
    .map((wall, k) => {
      const [x, y] = [(k % world.columns) * CELL, Math.floor(k / world.columns) * CELL];
      return `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="currentColor" fill-opacity="${wall ? 0.75 : 0.04}" stroke="currentColor" stroke-opacity="0.3"/>`;
    })
    .join('');
  const mark = (cell: number, letter: string) => {
    const [x, y] = centre(cell);
    return `<text x="${x - CELL / 2 + 4}" y="${y - CELL / 2 + 14}" font-size="12" font-weight="700" fill="currentColor">${letter}</text>`;
  };
  const points = path.map((c) => centre(c).join(',')).join(' ');
  // Each move's number, at the cell it reaches (a cell revisited shows its last number).
  const numbers = new Map<number, number>();
  path.slice(1).forEach((c, i) => numbers.set(c, i + 1));
  const labels = [...numbers].map(([c, n]) => {
    const [x, y] = centre(c);
    return `<text x="${x + 8}" y="${y + 16}" font-size="11" fill="currentColor">${n}</text>`;
  });
  // The dot stands on the start (where a renderer without animation leaves it) and jumps, move by move, by
  // each visited cell's offset from there: a CSS animation (SMIL did not run in our headless Chromium),
  // named after the path so that two grids on a page keep their own, and still for readers who ask for less motion.
  const [sx, sy] = centre(path[0]!);
  const name = `rz-walk-${path.join('-')}`;
  const frames = path.map((c, i) => `${((100 * i) / path.length).toFixed(3)}%{transform:translate(${centre(c)[0] - sx}px,${centre(c)[1] - sy}px)}`);
  const style =
    `<style>@keyframes ${name}{${frames.join('')}100%{transform:translate(${centre(path.at(-1)!)[0] - sx}px,${centre(path.at(-1)!)[1] - sy}px)}}` +
    `.${name}{animation:${name} ${(path.length * MOVE_SECONDS).toFixed(2)}s step-end infinite}` +
    `@media (prefers-reduced-motion: reduce){.${name}{animation:none}}</style>`;
  return (
    `<svg class="rz-plot rz-grid-world" viewBox="0 0 ${width} ${height + CAPTION}" width="100%" style="max-width:${width * 1.5}px" role="img" font-size="${FONT}">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    style +
    squares +
    mark(world.start, 'S') +
    mark(world.goal, 'G') +
    `<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" stroke-opacity="0.6"/>` +
    labels.join('') +
    `<circle class="${name}" cx="${sx}" cy="${sy}" r="8" fill="#d1242f"/>` +
    `<text x="${width / 2}" y="${height + CAPTION - 8}" text-anchor="middle" fill="currentColor">${escape(spec.caption)}</text>` +
    `</svg>`
  );
}

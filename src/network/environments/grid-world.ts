/**
 * A small deterministic grid world for reinforcement learning, in plain JavaScript: an agent starts in
 * one cell and must reach the goal. Moves are up, right, down, left; a move into a wall or off the grid
 * leaves the agent where it is. Every move costs `stepReward`; reaching the goal pays `goalReward` and
 * ends the episode (a terminal state); an episode that runs out of moves is cut off there (not
 * terminal: the state it stopped in still has a future). The state the agent sees is its cell, one-hot.
 */
export interface GridWorld {
  readonly rows: number;
  readonly columns: number;
  /** Walls, row by row: `walls[r * columns + c]`. */
  readonly walls: readonly boolean[];
  readonly start: number;
  readonly goal: number;
  readonly stepReward: number;
  readonly goalReward: number;
  /** Moves before an episode is cut off. */
  readonly maxSteps: number;
}

/** Up, right, down, left: the action's index into these. */
export const MOVES: readonly (readonly [number, number])[] = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];
export const ACTION_NAMES = ['up', 'right', 'down', 'left'] as const;

/** A grid world from a map, one string per row: `S` start, `G` goal, `#` wall, `.` open. */
export function gridWorld(map: readonly string[], options: { stepReward: number; goalReward: number; maxSteps: number }): GridWorld {
  const rows = map.length;
  const columns = map[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || map.some((row) => row.length !== columns)) throw new Error(`invalid map: expected rows of one length, but got ${JSON.stringify(map)}`);
  const cells = map.join('');
  if (/[^SG#.]/.test(cells)) throw new Error(`invalid map: expected only S, G, # and ., but got ${JSON.stringify(map)}`);
  const start = cells.indexOf('S');
  const goal = cells.indexOf('G');
  if (start < 0 || goal < 0) throw new Error(`invalid map: expected one S and one G, but got ${JSON.stringify(map)}`);
  return { rows, columns, walls: [...cells].map((c) => c === '#'), start, goal, ...options };
}

/** The demo's world: 5×5, start top left, goal bottom right, eight moves apart by the shortest path. */
export const DEMO_WORLD = gridWorld(['S....', '.##..', '...#.', '.#...', '...#G'], { stepReward: -0.05, goalReward: 1, maxSteps: 30 });

export interface Step {
  readonly next: number;
  readonly reward: number;
  /** The episode ended in its terminal state (the goal). */
  readonly done: boolean;
}

/** One move from `cell`. */
export function step(world: GridWorld, cell: number, action: number): Step {
  const [dr, dc] = MOVES[action]!;
  const r = Math.floor(cell / world.columns) + dr;
  const c = (cell % world.columns) + dc;
  const blocked = r < 0 || r >= world.rows || c < 0 || c >= world.columns || world.walls[r * world.columns + c];
  const next = blocked ? cell : r * world.columns + c;
  return next === world.goal ? { next, reward: world.goalReward, done: true } : { next, reward: world.stepReward, done: false };
}

/** The state the agent sees: its cell, one-hot over every cell of the grid. */
export function observe(world: GridWorld, cell: number): Float32Array {
  const x = new Float32Array(world.rows * world.columns);
  x[cell] = 1;
  return x;
}

/** An episode from the start under `policy`: the cells visited (start included), and the return (rewards summed, undiscounted). */
export function runEpisode(world: GridWorld, policy: (cell: number) => number): { cells: number[]; return: number; reachedGoal: boolean } {
  const cells = [world.start];
  let total = 0;
  let cell = world.start;
  for (let t = 0; t < world.maxSteps; t++) {
    const s = step(world, cell, policy(cell));
    total += s.reward;
    cell = s.next;
    cells.push(cell);
    if (s.done) return { cells, return: total, reachedGoal: true };
  }
  return { cells, return: total, reachedGoal: false };
}

/** The best return there is: the goal by a shortest path (breadth-first search). */
export function bestReturn(world: GridWorld): number {
  const distance = new Map([[world.start, 0]]);
  const queue = [world.start];
  while (queue.length > 0) {
    const cell = queue.shift()!;
    if (cell === world.goal) break;
    for (let a = 0; a < MOVES.length; a++) {
      const { next } = step(world, cell, a);
      if (!distance.has(next)) {
        distance.set(next, distance.get(cell)! + 1);
        queue.push(next);
      }
    }
  }
  const moves = distance.get(world.goal);
  if (moves === undefined) throw new Error('invalid map: the goal cannot be reached from the start');
  return (moves - 1) * world.stepReward + world.goalReward;
}

import type { Random } from '../numerics/random';

export interface Ring {
  readonly centre: readonly [number, number];
  readonly radius: number;
  /** Standard deviation of the radial jitter. */
  readonly width: number;
}

/** A thin ring off the origin: a 2-D distribution a small GAN can learn, and whose shape is easy to see. */
export const DEFAULT_RING: Ring = { centre: [1.5, 1], radius: 1, width: 0.08 };

/** `count` points of the ring, as rows [x, y]: uniform angle, Gaussian jitter across the ring. */
export function ringSamples(ring: Ring, count: number, random: Random): Float32Array {
  const out = new Float32Array(2 * count);
  for (let k = 0; k < count; k++) {
    const angle = random.uniform(0, 2 * Math.PI);
    const r = ring.radius + ring.width * random.normal();
    out[2 * k] = ring.centre[0] + r * Math.cos(angle);
    out[2 * k + 1] = ring.centre[1] + r * Math.sin(angle);
  }
  return out;
}

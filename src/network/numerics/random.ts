/**
 * Seeded pseudo-random numbers for reproducible weight initialisation and
 * test data.
 *
 * The core generator is mulberry32: a 32-bit state advanced with integer-only
 * operations (`Math.imul`, shifts, xors). Those are exactly specified by
 * ECMAScript, so the stream of `next()` / `uniform()` values is bit-identical
 * on every engine and platform. It is not cryptographically secure and its
 * period is 2^32 draws, which is plenty for initialising networks and for tests.
 *
 * All state lives in the closure returned by `createRandom`; there is no
 * module-level mutable state, so independent generators never interfere.
 *
 * Why not seedrandom (installed with tfjs, and already in the demo bundle
 * through tfjs-core, so it would cost no bytes)? The generator core here is
 * the dozen lines of nextUint32; around it, uniform(), normal() and the seed
 * checks would stay either way. Switching would redraw every seeded weight:
 * the echo-state reservoir's sparsity pattern, hence the committed diagrams
 * and what the articles say about them ("10 of 36 possible" recurrent
 * weights). seedrandom's default ARC4 is also about 3× slower per draw here,
 * and its faster alea takes string seeds, where ours validates integers.
 */

export interface Random {
  /** Uniform float64 in [0, 1) with 53 bits of resolution. */
  next(): number;
  /**
   * Uniform float64 in [lo, hi). Requires finite `lo <= hi` with a finite
   * width `hi - lo`; `uniform(x, x)` returns `x`.
   */
  uniform(lo: number, hi: number): number;
  /** Standard normal deviate (mean 0, variance 1), via Box–Muller. */
  normal(): number;
}

const TWO_POW_26 = 67108864; // 2^26
const TWO_POW_32 = 4294967296; // 2^32
const TWO_POW_53 = 9007199254740992; // 2^53
/** murmur3's 32-bit finaliser: a bijective avalanche mix with mix32(0) = 0. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * Reduce an integer seed to the 32-bit generator state.
 *
 * `seed | 0` alone keeps only the low 32 bits, so `1` and `2^32 + 1` would
 * collide. The high word (two's complement, so -1 has high word -1) is folded
 * in through a non-linear mix, which keeps structured seeds (small negatives,
 * multiples of 2^32, …) apart. Because mix32(0) = 0, seeds in [0, 2^32) map to
 * themselves and reproduce the reference mulberry32 stream exactly.
 */
function seedToState(seed: number): number {
  const low = seed | 0; // ToInt32: seed modulo 2^32, exact for integers
  const high = Math.floor(seed / TWO_POW_32) | 0;
  return (low ^ mix32(high)) | 0;
}

export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) {
    // Number.isInteger is false for NaN, ±Infinity and non-integral values.
    throw new Error(`invalid seed: ${String(seed)} (expected a finite integer)`);
  }

  let state = seedToState(seed);

  /** One mulberry32 step: a uniformly distributed unsigned 32-bit integer. */
  function nextUint32(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  function next(): number {
    // Combine 27 + 26 bits from two draws into a 53-bit integer so every
    // float64 multiple of 2^-53 in [0, 1) is reachable (a single 32-bit draw
    // would leave most of the mantissa empty and cap normal() tails at ~6.7σ).
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  function uniform(lo: number, hi: number): number {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) {
      throw new Error(`invalid uniform range: [${String(lo)}, ${String(hi)}) (expected finite lo <= hi)`);
    }
    const width = hi - lo;
    if (!Number.isFinite(width)) {
      throw new Error(`invalid uniform range: [${String(lo)}, ${String(hi)}) (width overflows float64)`);
    }
    if (width === 0) return lo;
    // lo + width * u can round up to exactly hi; redraw in that (rare) case
    // rather than clamping, so the distribution stays unbiased and half-open.
    for (;;) {
      const value = lo + width * next();
      if (value < hi) return value;
    }
  }

  // Box–Muller yields deviates in pairs; the second is kept for the next call
  // so no randomness is wasted. It is per-generator closure state.
  let spareNormal: number | null = null;

  function normal(): number {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    // Note: Math.log/cos/sin are implementation-approximated in ECMAScript, so
    // normal() is bit-identical across platforms of one engine (V8 uses a
    // fixed fdlibm port) but may differ in the last ulp between engines.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  return { next, uniform, normal };
}

/** Dense uniform random weights in [−scale, scale], row-major rows×cols. */
export function uniformMatrix(rows: number, cols: number, scale: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: rows * cols }, () => random.uniform(-scale, scale));
}

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/network/numerics/random';

const SAMPLES = 200_000;

function take(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

/** The widely published reference mulberry32, returning raw uint32 draws. */
function referenceMulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('createRandom', () => {
  it('produces the same sequence for the same seed', () => {
    const a = createRandom(1234);
    const b = createRandom(1234);
    const drawAll = (r: ReturnType<typeof createRandom>): number[] => [
      ...take(50, () => r.next()),
      ...take(50, () => r.uniform(-3, 5)),
      ...take(51, () => r.normal()),
    ];
    expect(drawAll(a)).toEqual(drawAll(b));
  });

  it('produces different sequences for different seeds', () => {
    const seeds = [0, 1, 2, -1, -2, 42, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, -(2 ** 32) + 1, 2 ** 40, 2 ** 53 - 1];
    const firstDraws = seeds.map((seed) => {
      const r = createRandom(seed);
      return take(8, () => r.next()).join(',');
    });
    expect(new Set(firstDraws).size).toBe(seeds.length);
  });

  it('keeps independent generators from interfering with each other', () => {
    const alone = createRandom(7);
    const expected = take(20, () => alone.next());

    const interleaved = createRandom(7);
    const other = createRandom(8);
    const actual = take(20, () => {
      other.normal();
      other.next();
      return interleaved.next();
    });
    expect(actual).toEqual(expected);
  });

  it('builds next() from the reference mulberry32 stream for seeds in [0, 2^32), two draws per value', () => {
    for (const seed of [0, 1, 42, 123456789, 2 ** 32 - 1]) {
      const r = createRandom(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 100; i++) {
        const value = r.next();
        const high = reference() >>> 5;
        const low = reference() >>> 6;
        expect(value).toBe((high * 2 ** 26 + low) / 2 ** 53);
      }
    }
  });

  it('reproduces pinned values for seed 42 so stored results stay reproducible', () => {
    const r = createRandom(42);
    expect(take(4, () => r.next())).toEqual([
      0.6011037487409305, 0.8524657984803172, 0.17481390034103794, 0.2732279943283249,
    ]);
  });

  it('rejects seeds that are not finite integers with a descriptive message', () => {
    expect(() => createRandom(Number.NaN)).toThrow('invalid seed: NaN (expected a finite integer)');
    expect(() => createRandom(Infinity)).toThrow('invalid seed: Infinity (expected a finite integer)');
    expect(() => createRandom(-Infinity)).toThrow('invalid seed: -Infinity (expected a finite integer)');
    expect(() => createRandom(1.5)).toThrow('invalid seed: 1.5 (expected a finite integer)');
  });

  describe('next', () => {
    it('stays within [0, 1)', () => {
      const r = createRandom(99);
      for (const v of take(SAMPLES, () => r.next())) {
        expect(v >= 0 && v < 1).toBe(true);
      }
    });

    it('has mean 1/2 and variance 1/12 over many samples', () => {
      const r = createRandom(2024);
      const { mean, variance } = meanAndVariance(take(SAMPLES, () => r.next()));
      // Standard errors are ~6.5e-4 (mean) and ~1.9e-4 (variance); allow ~5σ.
      expect(Math.abs(mean - 0.5)).toBeLessThan(3.5e-3);
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(1e-3);
    });

    it('fills equal-width bins evenly (chi-square test with 20 bins)', () => {
      const r = createRandom(31337);
      const bins = new Array<number>(20).fill(0);
      for (let i = 0; i < SAMPLES; i++) {
        const bin = Math.floor(r.next() * bins.length);
        bins[bin] = (bins[bin] ?? 0) + 1;
      }
      const expected = SAMPLES / bins.length;
      const chiSquare = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
      // 99.9th percentile of chi-square with 19 degrees of freedom is 43.8.
      expect(chiSquare).toBeLessThan(43.8);
    });

    it('uses more than 32 bits of resolution', () => {
      const r = createRandom(5);
      const usesLowBits = take(1000, () => r.next()).some((v) => (v * 2 ** 32) % 1 !== 0);
      expect(usesLowBits).toBe(true);
    });
  });

  describe('uniform', () => {
    it('stays within [lo, hi) and has mean (lo+hi)/2 and variance (hi-lo)²/12', () => {
      const r = createRandom(8);
      const lo = -2.5;
      const hi = 7.5;
      const values = take(SAMPLES, () => r.uniform(lo, hi));
      for (const v of values) expect(v >= lo && v < hi).toBe(true);
      const { mean, variance } = meanAndVariance(values);
      expect(Math.abs(mean - (lo + hi) / 2)).toBeLessThan(0.035);
      expect(Math.abs(variance - (hi - lo) ** 2 / 12)).toBeLessThan(0.1);
    });

    it('returns lo when the range is empty', () => {
      expect(createRandom(1).uniform(3, 3)).toBe(3);
    });

    it('never returns hi even for a range one ulp wide', () => {
      const r = createRandom(11);
      const lo = 1;
      const hi = 1 + Number.EPSILON;
      for (const v of take(1000, () => r.uniform(lo, hi))) expect(v).toBe(lo);
    });

    it('rejects reversed, non-finite or overflowing ranges', () => {
      const r = createRandom(1);
      expect(() => r.uniform(2, 1)).toThrow(/invalid uniform range/);
      expect(() => r.uniform(Number.NaN, 1)).toThrow(/invalid uniform range/);
      expect(() => r.uniform(0, Infinity)).toThrow(/invalid uniform range/);
      expect(() => r.uniform(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(/width overflows/);
    });
  });

  describe('normal', () => {
    it('has mean 0 and variance 1 over many samples', () => {
      const r = createRandom(77);
      const values = take(SAMPLES, () => r.normal());
      const { mean, variance } = meanAndVariance(values);
      // Standard errors are ~2.2e-3 (mean) and ~3.2e-3 (variance); allow ~5σ.
      expect(Math.abs(mean)).toBeLessThan(0.011);
      expect(Math.abs(variance - 1)).toBeLessThan(0.016);
    });

    it('puts about 68.27% of samples within one standard deviation and 95.45% within two', () => {
      const r = createRandom(78);
      const values = take(SAMPLES, () => r.normal());
      const within = (k: number): number => values.filter((v) => Math.abs(v) < k).length / values.length;
      expect(within(1)).toBeCloseTo(0.6827, 2);
      expect(within(2)).toBeCloseTo(0.9545, 2);
    });

    it('returns only finite values', () => {
      const r = createRandom(79);
      for (const v of take(SAMPLES, () => r.normal())) expect(Number.isFinite(v)).toBe(true);
    });
  });
});

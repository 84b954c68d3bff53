import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { solveSpd } from '../../../src/network/numerics/cholesky';
import { createRandom, type Random } from '../../../src/network/numerics/random';

function randomMatrix(random: Random, rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => random.normal());
}

/** A random SPD matrix GᵀG + n·I (well conditioned), row-major. */
function randomSpd(random: Random, n: number): Float64Array {
  const g = randomMatrix(random, n, n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = i === j ? n : 0;
      for (let k = 0; k < n; k++) sum += g[k * n + i]! * g[k * n + j]!;
      a[i * n + j] = sum;
      a[j * n + i] = sum;
    }
  }
  return a;
}

function toMatrix(values: Float64Array, rows: number, cols: number): Matrix {
  return Matrix.from1DArray(rows, cols, Array.from(values));
}

function maxAbsDifference(x: Float64Array, y: Float64Array): number {
  expect(x.length).toBe(y.length);
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  return max;
}

function maxAbs(x: Float64Array): number {
  return x.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}

describe('solveSpd', () => {
  it('matches ml-matrix solve on random SPD systems with one right-hand side', () => {
    const random = createRandom(101);
    for (const n of [1, 2, 3, 5, 10, 25, 60]) {
      const a = randomSpd(random, n);
      const b = randomMatrix(random, n, 1);
      const x = solveSpd(a, n, b, 1);
      const reference = Float64Array.from(solve(toMatrix(a, n, n), toMatrix(b, n, 1)).to1DArray());
      expect(maxAbsDifference(x, reference)).toBeLessThan(1e-12 * Math.max(1, maxAbs(reference)));
    }
  });

  it('matches ml-matrix solve on random SPD systems with several right-hand sides at once', () => {
    const random = createRandom(202);
    for (const [n, m] of [
      [4, 3],
      [12, 7],
      [40, 10],
      [7, 1],
      [3, 20],
    ] as const) {
      const a = randomSpd(random, n);
      const b = randomMatrix(random, n, m);
      const x = solveSpd(a, n, b, m);
      const reference = Float64Array.from(solve(toMatrix(a, n, n), toMatrix(b, n, m)).to1DArray());
      expect(maxAbsDifference(x, reference)).toBeLessThan(1e-12 * Math.max(1, maxAbs(reference)));
    }
  });

  it('solves each right-hand side exactly as if it were solved on its own', () => {
    const random = createRandom(303);
    const n = 9;
    const m = 4;
    const a = randomSpd(random, n);
    const b = randomMatrix(random, n, m);
    const together = solveSpd(a, n, b, m);
    for (let c = 0; c < m; c++) {
      const column = Float64Array.from({ length: n }, (_, i) => b[i * m + c]!);
      const alone = solveSpd(a, n, column, 1);
      for (let i = 0; i < n; i++) expect(together[i * m + c]).toBe(alone[i]);
    }
  });

  it('leaves a small residual A X - B relative to the scale of the problem', () => {
    const random = createRandom(404);
    const n = 30;
    const m = 5;
    const a = randomSpd(random, n);
    const b = randomMatrix(random, n, m);
    const x = solveSpd(a, n, b, m);
    const residual = toMatrix(a, n, n).mmul(toMatrix(x, n, m)).sub(toMatrix(b, n, m));
    expect(residual.abs().max()).toBeLessThan(1e-11);
  });

  it('solves a hand-checked 2×2 system', () => {
    // [[4, 2], [2, 3]] x = [2, 1]  →  x = [0.5, 0]
    const x = solveSpd(Float64Array.of(4, 2, 2, 3), 2, Float64Array.of(2, 1), 1);
    expect(x[0]).toBeCloseTo(0.5, 15);
    expect(x[1]).toBeCloseTo(0, 15);
  });

  it('does not modify its inputs', () => {
    const random = createRandom(505);
    const a = randomSpd(random, 6);
    const b = randomMatrix(random, 6, 2);
    const aBefore = Float64Array.from(a);
    const bBefore = Float64Array.from(b);
    solveSpd(a, 6, b, 2);
    expect(a).toEqual(aBefore);
    expect(b).toEqual(bBefore);
  });

  it('reads only the lower triangle of A', () => {
    const random = createRandom(606);
    const n = 8;
    const a = randomSpd(random, n);
    const lowerOnly = Float64Array.from(a);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lowerOnly[i * n + j] = Number.NaN;
    const b = randomMatrix(random, n, 2);
    expect(solveSpd(lowerOnly, n, b, 2)).toEqual(solveSpd(a, n, b, 2));
  });

  it('returns an empty solution for an empty system', () => {
    expect(solveSpd(new Float64Array(0), 0, new Float64Array(0), 3)).toEqual(new Float64Array(0));
  });

  it('rejects an indefinite matrix, naming the failing pivot', () => {
    // Eigenvalues 3 and -1: symmetric but indefinite. Pivot 1 is 1 - 2²/1 = -3.
    expect(() => solveSpd(Float64Array.of(1, 2, 2, 1), 2, Float64Array.of(1, 1), 1)).toThrow(
      'matrix is not positive definite (pivot 1 = -3)',
    );
  });

  it('rejects a matrix with a non-positive leading entry', () => {
    expect(() => solveSpd(Float64Array.of(0, 0, 0, 1), 2, Float64Array.of(1, 1), 1)).toThrow(
      'matrix is not positive definite (pivot 0 = 0)',
    );
    expect(() => solveSpd(Float64Array.of(-2), 1, Float64Array.of(1), 1)).toThrow(
      'matrix is not positive definite (pivot 0 = -2)',
    );
  });

  it('rejects a singular positive semi-definite matrix', () => {
    // [[1, 1], [1, 1]] has eigenvalues 2 and 0: the second pivot is exactly 0.
    expect(() => solveSpd(Float64Array.of(1, 1, 1, 1), 2, Float64Array.of(1, 1), 1)).toThrow(
      'matrix is not positive definite (pivot 1 = 0)',
    );
  });

  it('rejects a matrix containing NaN instead of returning NaNs', () => {
    expect(() => solveSpd(Float64Array.of(Number.NaN), 1, Float64Array.of(1), 1)).toThrow(
      'matrix is not positive definite (pivot 0 = NaN)',
    );
  });

  it('rejects inputs whose sizes do not match n and m', () => {
    const a = Float64Array.of(2, 0, 0, 2);
    expect(() => solveSpd(a, 3, new Float64Array(3), 1)).toThrow(
      'matrix size mismatch: a has length 4, expected n*n = 9',
    );
    expect(() => solveSpd(a, 2, new Float64Array(3), 2)).toThrow(
      'right-hand side size mismatch: b has length 3, expected n*m = 4',
    );
    expect(() => solveSpd(a, 2, new Float64Array(2), -1)).toThrow(/invalid m: -1/);
    expect(() => solveSpd(a, 1.5, new Float64Array(2), 1)).toThrow(/invalid n: 1.5/);
  });
});

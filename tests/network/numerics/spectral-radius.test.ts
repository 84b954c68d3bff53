import { EigenvalueDecomposition, inverse, Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../src/network/numerics/random';
import { spectralRadius } from '../../../src/network/numerics/spectral-radius';

function toMatrix(values: Float64Array, n: number): Matrix {
  return Matrix.from1DArray(n, n, Array.from(values));
}

function fromMatrix(matrix: Matrix): Float64Array {
  return Float64Array.from(matrix.to1DArray());
}

/** Independent reference: all eigenvalues from ml-matrix, then max modulus. */
function referenceDominant(values: Float64Array, n: number): { radius: number; isComplex: boolean } {
  const evd = new EigenvalueDecomposition(toMatrix(values, n), { assumeSymmetric: false });
  let radius = 0;
  let isComplex = false;
  evd.realEigenvalues.forEach((re, i) => {
    const im = evd.imaginaryEigenvalues[i] ?? 0;
    const modulus = Math.hypot(re, im);
    if (modulus > radius) {
      radius = modulus;
      isComplex = im !== 0;
    }
  });
  return { radius, isComplex };
}

function randomDense(random: Random, n: number): Float64Array {
  return Float64Array.from({ length: n * n }, () => random.normal());
}

function randomSparse(random: Random, n: number, density: number): Float64Array {
  return Float64Array.from({ length: n * n }, () => (random.next() < density ? random.normal() : 0));
}

/** S B S⁻¹ for a random (well-conditioned enough) S: same eigenvalues as B, but dense. */
function similar(random: Random, b: Float64Array, n: number): Float64Array {
  const s = toMatrix(randomDense(random, n), n).add(Matrix.eye(n, n).mul(2 * Math.sqrt(n)));
  return fromMatrix(s.mmul(toMatrix(b, n)).mmul(inverse(s)));
}

/** True when Aⁿ is exactly zero, i.e. the sparsity graph of A has no cycle. */
function isStructurallyNilpotent(values: Float64Array, n: number): boolean {
  const a = toMatrix(values, n);
  let power = a.clone();
  for (let k = 1; k < n; k++) power = power.mmul(a);
  return power.to1DArray().every((v) => v === 0);
}

function rotation(radius: number, angle: number): Float64Array {
  const c = radius * Math.cos(angle);
  const s = radius * Math.sin(angle);
  return Float64Array.of(c, -s, s, c);
}

/** Block-diagonal matrix from square row-major blocks. */
function blockDiagonal(blocks: readonly Float64Array[]): { values: Float64Array; n: number } {
  const sizes = blocks.map((block) => Math.round(Math.sqrt(block.length)));
  const n = sizes.reduce((sum, size) => sum + size, 0);
  const values = new Float64Array(n * n);
  let offset = 0;
  blocks.forEach((block, index) => {
    const size = sizes[index]!;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) values[(offset + i) * n + offset + j] = block[i * size + j]!;
    }
    offset += size;
  });
  return { values, n };
}

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('spectralRadius', () => {
  it('matches ml-matrix on random dense non-symmetric matrices of every size from 1 to 60', () => {
    const random = createRandom(1);
    let complexDominantCases = 0;
    for (let n = 1; n <= 60; n++) {
      const a = randomDense(random, n);
      const reference = referenceDominant(a, n);
      if (reference.isComplex) complexDominantCases++;
      expectRelativelyClose(spectralRadius(a, n), reference.radius, 1e-10);
    }
    // The sweep must actually exercise complex-conjugate dominant pairs.
    expect(complexDominantCases).toBeGreaterThan(10);
  });

  it('matches ml-matrix on sparse random matrices with density 0.1 of every size from 1 to 60', () => {
    const random = createRandom(2);
    let compared = 0;
    for (let n = 1; n <= 60; n++) {
      const a = randomSparse(random, n, 0.1);
      if (isStructurallyNilpotent(a, n)) {
        // All eigenvalues are 0 but typically defective (Jordan blocks of size
        // k), where any backward-stable method, ml-matrix included, can only
        // resolve them to about (ε‖A‖)^(1/k). Check the result is that small.
        expect(spectralRadius(a, n)).toBeLessThan(1e-3);
        continue;
      }
      expectRelativelyClose(spectralRadius(a, n), referenceDominant(a, n).radius, 1e-10);
      compared++;
    }
    expect(compared).toBeGreaterThan(45);
  });

  it('returns exactly 0 for a strictly upper triangular (nilpotent) matrix', () => {
    const random = createRandom(12);
    const n = 9;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = random.normal();
    expect(spectralRadius(a, n)).toBe(0);
  });

  it('matches ml-matrix on random matrices whose entries are all positive or uniformly distributed', () => {
    const random = createRandom(3);
    for (const n of [7, 16, 33, 50]) {
      const positive = Float64Array.from({ length: n * n }, () => random.next());
      expectRelativelyClose(spectralRadius(positive, n), referenceDominant(positive, n).radius, 1e-10);
      const uniform = Float64Array.from({ length: n * n }, () => random.uniform(-1, 1));
      expectRelativelyClose(spectralRadius(uniform, n), referenceDominant(uniform, n).radius, 1e-10);
    }
  });

  it('finds the modulus of a scaled rotation, whose eigenvalues are the complex pair r·e^{±iθ}', () => {
    for (const [radius, angle] of [
      [3, 0.7],
      [0.25, 2.5],
      [10, Math.PI / 2],
    ] as const) {
      expectRelativelyClose(spectralRadius(rotation(radius, angle), 2), radius, 1e-15);
    }
  });

  it('finds a complex dominant pair hidden in a dense matrix by a similarity transform', () => {
    const random = createRandom(4);
    // Eigenvalues: 2.5·e^{±0.9i} (dominant), 1.5·e^{±2i}, 2, -1.2, 0.3.
    const { values, n } = blockDiagonal([
      rotation(1.5, 2),
      Float64Array.of(2),
      rotation(2.5, 0.9),
      Float64Array.of(-1.2),
      Float64Array.of(0.3),
    ]);
    const a = similar(random, values, n);
    expectRelativelyClose(spectralRadius(a, n), 2.5, 1e-12);
    expect(referenceDominant(a, n).isComplex).toBe(true);
  });

  it('finds a dominant negative real eigenvalue hidden by a similarity transform', () => {
    const random = createRandom(5);
    const { values, n } = blockDiagonal([rotation(2.9, 1.1), Float64Array.of(-3), Float64Array.of(2.95)]);
    expectRelativelyClose(spectralRadius(similar(random, values, n), n), 3, 1e-12);
  });

  it('reads the spectral radius of a diagonal matrix off its diagonal', () => {
    const diagonal = [0.5, -7, 3, 6.999];
    const n = diagonal.length;
    const a = new Float64Array(n * n);
    diagonal.forEach((d, i) => (a[i * n + i] = d));
    expect(spectralRadius(a, n)).toBe(7);
  });

  it('reads the spectral radius of an upper or lower triangular matrix off its diagonal', () => {
    const random = createRandom(6);
    const diagonal = [1, -4.5, 2, 0, 3.25, -0.5];
    const n = diagonal.length;
    const upper = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      upper[i * n + i] = diagonal[i]!;
      for (let j = i + 1; j < n; j++) upper[i * n + j] = random.uniform(-10, 10);
    }
    const lower = fromMatrix(toMatrix(upper, n).transpose());
    expectRelativelyClose(spectralRadius(upper, n), 4.5, 1e-14);
    expectRelativelyClose(spectralRadius(lower, n), 4.5, 1e-12);
  });

  it('returns 0 for the zero matrix of any size', () => {
    for (const n of [1, 2, 3, 10, 50]) expect(spectralRadius(new Float64Array(n * n), n)).toBe(0);
  });

  it('returns 0 for the empty matrix', () => {
    expect(spectralRadius(new Float64Array(0), 0)).toBe(0);
  });

  it('returns the absolute value of the single entry of a 1×1 matrix', () => {
    expect(spectralRadius(Float64Array.of(-2.5), 1)).toBe(2.5);
    expect(spectralRadius(Float64Array.of(4), 1)).toBe(4);
  });

  it('handles a 2×2 matrix with a real pair of eigenvalues', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1; [[0, 1], [-6, 5]] has 2 and 3.
    expectRelativelyClose(spectralRadius(Float64Array.of(2, 1, 1, 2), 2), 3, 1e-15);
    expectRelativelyClose(spectralRadius(Float64Array.of(0, 1, -6, 5), 2), 3, 1e-15);
  });

  it('converges on cyclic permutation matrices, whose eigenvalues all lie on the unit circle', () => {
    // Every eigenvalue has modulus 1, which stalls unshifted and plain Francis
    // QR; the exceptional shifts must break the cycle.
    for (const n of [2, 3, 4, 5, 8, 13, 40]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[((i + 1) % n) * n + i] = 1;
      expectRelativelyClose(spectralRadius(a, n), 1, 1e-12);
    }
  });

  it('finds the largest root modulus of a polynomial from its companion matrix', () => {
    // (x - 3)(x + 0.5)(x² - 2x + 5) = x⁴ - 4.5x³ + 8.5x² - 9.5x - 7.5, roots 3, -0.5, 1 ± 2i.
    const coefficients = [-4.5, 8.5, -9.5, -7.5];
    const n = coefficients.length;
    const a = new Float64Array(n * n);
    coefficients.forEach((c, j) => (a[j] = -c));
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    expectRelativelyClose(spectralRadius(a, n), 3, 1e-13);
  });

  it('is unaffected by a badly scaled diagonal similarity transform', () => {
    const random = createRandom(7);
    const n = 12;
    const a = randomDense(random, n);
    const scales = Array.from({ length: n }, (_, i) => 10 ** (i - 6));
    const scaled = a.map((v, index) => {
      const i = Math.floor(index / n);
      const j = index % n;
      return (v * scales[i]!) / scales[j]!;
    });
    expectRelativelyClose(spectralRadius(scaled, n), spectralRadius(a, n), 1e-10);
    expectRelativelyClose(spectralRadius(a, n), referenceDominant(a, n).radius, 1e-10);
  });

  it('scales exactly with matrices of huge or tiny magnitude without overflow or underflow', () => {
    const random = createRandom(8);
    const n = 15;
    const a = randomDense(random, n);
    const radius = spectralRadius(a, n);
    // Power-of-two scaling is exact, and the algorithm normalises by a power of
    // two internally, so the result must scale bit for bit.
    for (const factor of [2 ** 900, 2 ** -900, 2 ** 60, 2 ** -60]) {
      expect(spectralRadius(a.map((v) => v * factor), n)).toBe(radius * factor);
    }
  });

  it('stays finite and accurate to the input precision for a matrix of subnormal entries', () => {
    const random = createRandom(13);
    const n = 10;
    const a = randomDense(random, n);
    const factor = 2 ** -1060; // entries keep only ~14 significant bits
    const tiny = a.map((v) => v * factor);
    const radius = spectralRadius(tiny, n);
    expect(radius).toBeGreaterThan(0);
    expectRelativelyClose(radius / factor, spectralRadius(a, n), 1e-2);
  });

  it('agrees with ml-matrix on a larger 200×200 matrix', () => {
    const random = createRandom(9);
    const n = 200;
    const a = randomDense(random, n);
    expectRelativelyClose(spectralRadius(a, n), referenceDominant(a, n).radius, 1e-9);
  });

  it('returns 1 for random orthogonal matrices, whose eigenvalues all have modulus 1', () => {
    const random = createRandom(15);
    for (const n of [2, 3, 7, 20, 45]) {
      const gaussian = toMatrix(randomDense(random, n), n);
      const q = fromMatrix(new QrDecomposition(gaussian).orthogonalMatrix);
      expectRelativelyClose(spectralRadius(q, n), 1, 1e-13);
    }
  });

  it('handles n = 500 with a known complex dominant pair hidden by an orthogonal similarity', () => {
    const random = createRandom(14);
    const n = 500;
    // T: real eigenvalues in (-1.4, 1.4) on the diagonal, a 2×2 block with
    // eigenvalues 1.5·e^{±1.2i}, and a small random strictly upper part.
    const t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      t[i * n + i] = random.uniform(-1.4, 1.4);
      for (let j = i + 1; j < n; j++) t[i * n + j] = (0.1 * random.normal()) / Math.sqrt(n);
    }
    const block = rotation(1.5, 1.2);
    const k = 200;
    t[k * n + k] = block[0]!;
    t[k * n + k + 1] = block[1]!;
    t[(k + 1) * n + k] = block[2]!;
    t[(k + 1) * n + k + 1] = block[3]!;

    // A = P T P with the Householder reflector P = I - 2uuᵀ (orthogonal, P = P⁻¹),
    // expanded so it costs O(n²): A = T - 2u(uᵀT) - 2(Tu)uᵀ + 4(uᵀTu) uuᵀ.
    const u = Float64Array.from({ length: n }, () => random.normal());
    const norm = Math.sqrt(u.reduce((sum, v) => sum + v * v, 0));
    u.forEach((v, i) => (u[i] = v / norm));
    const tu = new Float64Array(n);
    const ut = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        tu[i] = tu[i]! + t[i * n + j]! * u[j]!;
        ut[j] = ut[j]! + u[i]! * t[i * n + j]!;
      }
    }
    const utu = u.reduce((sum, v, i) => sum + v * tu[i]!, 0);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        a[i * n + j] = t[i * n + j]! - 2 * u[i]! * ut[j]! - 2 * tu[i]! * u[j]! + 4 * utu * u[i]! * u[j]!;
      }
    }
    expectRelativelyClose(spectralRadius(a, n), 1.5, 1e-12);
  });

  it('does not modify its input', () => {
    const random = createRandom(10);
    const a = randomDense(random, 20);
    const before = Float64Array.from(a);
    spectralRadius(a, 20);
    expect(a).toEqual(before);
  });

  it('rejects a matrix whose length is not n·n', () => {
    expect(() => spectralRadius(new Float64Array(5), 2)).toThrow(
      'matrix size mismatch: a has length 5, expected n*n = 4',
    );
    expect(() => spectralRadius(new Float64Array(4), -2)).toThrow(/invalid n: -2/);
  });

  it('rejects a matrix with non-finite entries, naming the position', () => {
    const a = Float64Array.of(1, 2, 3, Number.NaN);
    expect(() => spectralRadius(a, 2)).toThrow('matrix has a non-finite entry at (1, 1): NaN');
    expect(() => spectralRadius(Float64Array.of(1, Infinity, 3, 4), 2)).toThrow(
      'matrix has a non-finite entry at (0, 1): Infinity',
    );
  });

  it('reports non-convergence when the iteration budget is exhausted', () => {
    const random = createRandom(11);
    const a = randomDense(random, 10);
    expect(() => spectralRadius(a, 10, { maxIterationsPerEigenvalue: 1 })).toThrow(
      /QR iteration did not converge for eigenvalue \d+ after 1 iterations \(n = 10\)/,
    );
  });
});

/**
 * Solve A X = B for a symmetric positive-definite A via Cholesky factorisation
 * A = L Lᵀ followed by forward and back substitution.
 *
 * Cholesky is the method of choice for SPD systems (normal equations, ridge
 * regression, Gram/covariance matrices): half the work of LU, no pivoting, and
 * backward stable. Its failure mode doubles as the positive-definiteness test:
 * a non-positive pivot means A is not (numerically) positive definite.
 *
 * Hand-written rather than ml-matrix's CholeskyDecomposition for the demos' bundle size (see
 * spectral-radius.ts) and for the failure the ridge solve reports: the index and value of the first
 * bad pivot, where ml-matrix only sets a flag. The tests check it against ml-matrix's solve.
 */

function assertDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`invalid ${name}: ${String(value)} (expected a non-negative integer)`);
  }
}

/**
 * Solve A X = B.
 *
 * @param a  n×n symmetric positive-definite matrix, row-major (length n·n).
 *           Following the LAPACK convention only the lower triangle (j <= i)
 *           is read, so the strictly upper triangle is ignored and symmetry is
 *           not checked.
 * @param n  order of A.
 * @param b  n×m right-hand sides, row-major (length n·m): column k of B is one
 *           right-hand side.
 * @param m  number of right-hand sides.
 * @returns  X, n×m row-major, in a new array; `a` and `b` are not modified.
 * @throws   if sizes mismatch, or `matrix is not positive definite (pivot i = v)`
 *           with the 0-based index and value of the first non-positive (or
 *           non-finite) pivot.
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  assertDimension('n', n);
  assertDimension('m', m);
  if (a.length !== n * n) {
    throw new Error(`matrix size mismatch: a has length ${a.length}, expected n*n = ${n * n}`);
  }
  if (b.length !== n * m) {
    throw new Error(`right-hand side size mismatch: b has length ${b.length}, expected n*m = ${n * m}`);
  }

  // Factor A = L Lᵀ row by row (Cholesky–Banachiewicz): both dot-product
  // operands are contiguous row prefixes of L, which keeps the inner loop
  // cache-friendly in row-major storage.
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= l[rowI + k]! * l[rowJ + k]!;
      if (i === j) {
        // `!(sum > 0)` also catches NaN; an infinite pivot is rejected too,
        // since it cannot come from a finite positive-definite matrix.
        if (!(sum > 0) || sum === Infinity) {
          throw new Error(`matrix is not positive definite (pivot ${i} = ${sum})`);
        }
        l[rowI + i] = Math.sqrt(sum);
      } else {
        l[rowI + j] = sum / l[rowJ + j]!;
      }
    }
  }

  const x = Float64Array.from(b);

  // Forward substitution L Y = B, updating whole rows of B at once so all m
  // right-hand sides share each pass over L.
  for (let i = 0; i < n; i++) {
    const rowX = i * m;
    for (let k = 0; k < i; k++) {
      const factor = l[i * n + k]!;
      if (factor === 0) continue;
      const rowK = k * m;
      for (let c = 0; c < m; c++) x[rowX + c]! -= factor * x[rowK + c]!;
    }
    const pivot = l[i * n + i]!;
    for (let c = 0; c < m; c++) x[rowX + c]! /= pivot;
  }

  // Back substitution Lᵀ X = Y; (Lᵀ)[i][k] = L[k][i].
  for (let i = n - 1; i >= 0; i--) {
    const rowX = i * m;
    for (let k = i + 1; k < n; k++) {
      const factor = l[k * n + i]!;
      if (factor === 0) continue;
      const rowK = k * m;
      for (let c = 0; c < m; c++) x[rowX + c]! -= factor * x[rowK + c]!;
    }
    const pivot = l[i * n + i]!;
    for (let c = 0; c < m; c++) x[rowX + c]! /= pivot;
  }

  return x;
}

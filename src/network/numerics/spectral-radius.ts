/**
 * Spectral radius ρ(A) = max |λᵢ| of a general real square matrix.
 *
 * Power iteration is unreliable for non-symmetric matrices (complex or nearly
 * equal-modulus dominant eigenvalues make it oscillate or crawl), so this
 * computes all eigenvalues the standard dense way, following EISPACK:
 *
 *   1. balance   — diagonal similarity by powers of two to equalise row and
 *                  column norms, which improves the accuracy of step 3 on
 *                  badly scaled matrices (balanc);
 *   2. Hessenberg — orthogonal (Householder) similarity to upper Hessenberg
 *                  form, so each QR sweep costs O(n²) instead of O(n³) (orthes);
 *   3. hqr        — Francis implicit double-shift QR on the Hessenberg matrix,
 *                  which stays in real arithmetic while converging to complex
 *                  conjugate pairs as 2×2 blocks.
 *
 * Every step is a similarity transform, so the eigenvalues are unchanged.
 * Cost is roughly 10 n³ flops; n = 500 takes about half a second in V8.
 *
 * Why not ml-matrix's EigenvalueDecomposition (the same EISPACK/JAMA lineage)? The browser demos
 * import this file (echo-state reservoir) and cholesky.ts (ridge readout): bundled and minified,
 * ml-matrix's two decompositions come to 71 kB (18 kB gzipped) against 5 kB (2 kB) for both of
 * ours, and it would also accumulate eigenvectors we never read. ml-matrix stays a devDependency as
 * the reference the tests check both files against.
 */

export interface SpectralRadiusOptions {
  /**
   * QR sweeps allowed for isolating any one eigenvalue (or 2×2 block) before
   * giving up. Default 30·max(10, n), as in LAPACK's dlahqr.
   */
  readonly maxIterationsPerEigenvalue?: number;
}

/**
 * Largest absolute eigenvalue of the n×n row-major matrix `a` (length n·n).
 * `a` is not modified. Returns 0 for n = 0.
 *
 * @throws on size mismatch, non-finite entries, or if QR iteration fails to
 *         converge within the iteration budget.
 */
export function spectralRadius(
  a: Float64Array,
  n: number,
  options: SpectralRadiusOptions = {},
): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`invalid n: ${String(n)} (expected a non-negative integer)`);
  }
  if (a.length !== n * n) {
    throw new Error(`matrix size mismatch: a has length ${a.length}, expected n*n = ${n * n}`);
  }
  const maxIterations = options.maxIterationsPerEigenvalue ?? 30 * Math.max(10, n);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(
      `invalid maxIterationsPerEigenvalue: ${String(maxIterations)} (expected a non-negative integer)`,
    );
  }

  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (!Number.isFinite(v)) {
      throw new Error(`matrix has a non-finite entry at (${Math.floor(i / n)}, ${i % n}): ${v}`);
    }
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  if (maxAbs === 0) return 0; // covers n = 0 and the zero matrix
  if (n === 1) return maxAbs;

  // Scale by a power of two (exact, so no rounding is introduced) to bring
  // entries near 1: products such as h[n][n-1]·h[n-1][n] in hqr then cannot
  // overflow or underflow for matrices with huge or tiny entries.
  const exponent = Math.min(1000, Math.max(-1000, Math.floor(Math.log2(maxAbs))));
  const scale = 2 ** -exponent;
  const h = new Float64Array(n * n);
  for (let i = 0; i < h.length; i++) h[i] = a[i]! * scale;

  balance(h, n);
  reduceToHessenberg(h, n);
  return hessenbergSpectralRadius(h, n, maxIterations) * 2 ** exponent;
}

/**
 * In-place balancing (EISPACK balanc without the permutation step): repeatedly
 * scale row i by 1/f and column i by f, with f a power of two, whenever that
 * makes the off-diagonal row and column norms of i closer. Powers of two keep
 * the transform exact. Balancing is only a preconditioner, so a sweep cap that
 * guards against pathological ping-ponging is harmless.
 */
function balance(h: Float64Array, n: number): void {
  const RADIX = 2;
  const RADIX_SQUARED = RADIX * RADIX;
  const MAX_SWEEPS = 100;
  for (let sweep = 0, converged = false; !converged && sweep < MAX_SWEEPS; sweep++) {
    converged = true;
    for (let i = 0; i < n; i++) {
      let columnNorm = 0;
      let rowNorm = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        columnNorm += Math.abs(h[j * n + i]!);
        rowNorm += Math.abs(h[i * n + j]!);
      }
      // A zero row or column (off the diagonal) cannot be balanced.
      if (columnNorm === 0 || rowNorm === 0) continue;

      const total = columnNorm + rowNorm;
      let f = 1;
      let c = columnNorm;
      const low = rowNorm / RADIX;
      while (c < low) {
        f *= RADIX;
        c *= RADIX_SQUARED;
      }
      const high = rowNorm * RADIX;
      while (c > high) {
        f /= RADIX;
        c /= RADIX_SQUARED;
      }
      // Only rescale when it reduces the combined norm noticeably; this is
      // what makes the outer loop terminate.
      if ((c + rowNorm) / f < 0.95 * total) {
        converged = false;
        const g = 1 / f;
        for (let j = 0; j < n; j++) h[i * n + j]! *= g;
        for (let j = 0; j < n; j++) h[j * n + i]! *= f;
      }
    }
  }
}

/**
 * In-place reduction to upper Hessenberg form by Householder reflections
 * (EISPACK orthes). For each column c, a reflector P = I - u uᵀ / β zeroes
 * h[c+2..n-1][c]; applying P·H·P keeps the eigenvalues. Entries below the
 * subdiagonal are set to exactly zero afterwards.
 *
 * Loops are ordered so the innermost index walks along a row, which is the
 * contiguous direction in row-major storage.
 */
function reduceToHessenberg(h: Float64Array, n: number): void {
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    const col = m - 1;
    // Scale the column to avoid overflow/underflow when forming its norm.
    let colScale = 0;
    for (let i = m; i < n; i++) colScale += Math.abs(h[i * n + col]!);
    if (colScale === 0) continue; // already zero below the subdiagonal

    let sumSquares = 0;
    for (let i = m; i < n; i++) {
      const ui = h[i * n + col]! / colScale;
      u[i] = ui;
      sumSquares += ui * ui;
    }
    // Choose the sign of alpha opposite to u[m] to avoid cancellation in u[m] - alpha.
    let alpha = Math.sqrt(sumSquares);
    if (u[m]! > 0) alpha = -alpha;
    const beta = sumSquares - u[m]! * alpha; // = uᵀu / 2 after the update below
    u[m] = u[m]! - alpha;

    // Left: H[m:, m:] -= u (uᵀ H[m:, m:]) / beta. Column `col` is handled
    // analytically below, so start at column m.
    v.fill(0, m, n);
    for (let i = m; i < n; i++) {
      const ui = u[i]!;
      const row = i * n;
      for (let j = m; j < n; j++) v[j]! += ui * h[row + j]!;
    }
    for (let i = m; i < n; i++) {
      const factor = u[i]! / beta;
      const row = i * n;
      for (let j = m; j < n; j++) h[row + j]! -= factor * v[j]!;
    }

    // Right: H[:, m:] -= (H[:, m:] u) uᵀ / beta, for every row.
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let dot = 0;
      for (let j = m; j < n; j++) dot += h[row + j]! * u[j]!;
      const factor = dot / beta;
      for (let j = m; j < n; j++) h[row + j]! -= factor * u[j]!;
    }

    // The reflector maps column `col` below the diagonal to (alpha·scale, 0, …, 0).
    h[m * n + col] = colScale * alpha;
    for (let i = m + 1; i < n; i++) h[i * n + col] = 0;
  }
}

/**
 * Spectral radius of an upper Hessenberg matrix via Francis double-shift QR
 * (EISPACK hqr, eigenvalues only). Works in place on h.
 *
 * The active window is rows/columns l..hi. Eigenvalues are deflated from the
 * bottom: a 1×1 block gives a real eigenvalue, a 2×2 block a real pair or a
 * complex-conjugate pair. Because only eigenvalues are wanted, each sweep
 * updates just the active window — the coupling to already-deflated parts
 * does not affect the remaining eigenvalues.
 */
function hessenbergSpectralRadius(h: Float64Array, n: number, maxIterations: number): number {
  const at = (i: number, j: number): number => h[i * n + j]!;

  // Norm used as the reference scale when a local diagonal pair is zero.
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(at(i, j));
  }

  let radius = 0;
  let exshift = 0; // accumulated exceptional shifts, added back on deflation
  let hi = n - 1;
  let iter = 0;

  while (hi >= 0) {
    // Find the lowest l with a negligible subdiagonal h[l][l-1]: the window
    // l..hi is then unreduced. "Negligible" means it does not change the sum
    // with its diagonal neighbours in floating point (EISPACK's test).
    let l = hi;
    while (l > 0) {
      let s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      if (s === 0) s = norm;
      if (s + Math.abs(at(l, l - 1)) === s) break;
      l--;
    }

    if (l === hi) {
      // One real eigenvalue.
      radius = Math.max(radius, Math.abs(at(hi, hi) + exshift));
      hi -= 1;
      iter = 0;
      continue;
    }

    if (l === hi - 1) {
      // 2×2 block [[y, ·], [·, x]]: eigenvalues x + p ± sqrt(p² + w).
      const w = at(hi, hi - 1) * at(hi - 1, hi);
      const p = (at(hi - 1, hi - 1) - at(hi, hi)) / 2;
      const q = p * p + w;
      const z = Math.sqrt(Math.abs(q));
      const x = at(hi, hi) + exshift;
      if (q >= 0) {
        // Real pair. Add z with the sign of p to avoid cancellation, then get
        // the other root from the product of the roots.
        const zz = p >= 0 ? p + z : p - z;
        const first = x + zz;
        const second = zz !== 0 ? x - w / zz : first;
        radius = Math.max(radius, Math.abs(first), Math.abs(second));
      } else {
        // Complex-conjugate pair (x + p) ± i z.
        radius = Math.max(radius, Math.hypot(x + p, z));
      }
      hi -= 2;
      iter = 0;
      continue;
    }

    // No convergence yet: perform one double-shift QR sweep on l..hi.
    if (iter >= maxIterations) {
      throw new Error(
        `spectralRadius: QR iteration did not converge for eigenvalue ${hi} ` +
          `after ${iter} iterations (n = ${n})`,
      );
    }

    // The two shifts are the eigenvalues of the trailing 2×2 block, passed
    // implicitly through x + y (their sum) and x·y - w (their product).
    let x = at(hi, hi);
    let y = at(hi - 1, hi - 1);
    let w = at(hi, hi - 1) * at(hi - 1, hi);

    // Exceptional shifts break cycles that plain Francis shifts can fall into
    // (e.g. permutation matrices). These are JAMA's two ad hoc shifts
    // (Wilkinson's and MATLAB's); JAMA tries each once, at sweeps 10 and 30,
    // whereas here they alternate every 10 stalled sweeps (as LAPACK repeats
    // its exceptional shifts) so a long iteration budget stays useful.
    if (iter > 0 && iter % 10 === 0) {
      if (iter % 20 === 10) {
        exshift += x;
        for (let i = 0; i <= hi; i++) h[i * n + i]! -= x;
        const s = Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2));
        x = 0.75 * s;
        y = x;
        w = -0.4375 * s * s;
      } else {
        let s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= hi; i++) h[i * n + i]! -= s;
          exshift += s;
          x = 0.964;
          y = x;
          w = x;
        }
      }
    }
    iter += 1;

    // Look for two consecutive small subdiagonal elements, so the bulge can
    // be started at row m > l (saves work and improves accuracy). p, q, r is
    // the first column of (H - σ₁I)(H - σ₂I) restricted to rows m..m+2.
    let m = hi - 2;
    let p = 0;
    let q = 0;
    let r = 0;
    for (;;) {
      const z = at(m, m);
      const rr = x - z;
      const ss = y - z;
      p = (rr * ss - w) / at(m + 1, m) + at(m, m + 1);
      q = at(m + 1, m + 1) - z - rr - ss;
      r = at(m + 2, m + 1);
      const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
      p /= s;
      q /= s;
      r /= s;
      if (m === l) break;
      const tst1 = Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1)));
      const tst2 = tst1 + Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r));
      if (tst2 === tst1) break;
      m--;
    }

    // Clear the fill-in positions the bulge chase will write into, so stale
    // values from earlier sweeps cannot leak in.
    for (let i = m + 2; i <= hi; i++) {
      h[i * n + i - 2] = 0;
      if (i > m + 2) h[i * n + i - 3] = 0;
    }

    // Double QR step: chase the bulge down with 3×3 (last one 2×2) Householder
    // reflectors on rows/columns l..hi.
    for (let k = m; k <= hi - 1; k++) {
      const notLast = k !== hi - 1;
      let colScale = 0;
      if (k !== m) {
        p = at(k, k - 1);
        q = at(k + 1, k - 1);
        r = notLast ? at(k + 2, k - 1) : 0;
        colScale = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (colScale === 0) continue; // nothing to annihilate in this column
        p /= colScale;
        q /= colScale;
        r /= colScale;
      }
      let s = Math.sqrt(p * p + q * q + r * r);
      if (p < 0) s = -s;
      if (s === 0) continue;

      if (k !== m) {
        h[k * n + k - 1] = -s * colScale;
      } else if (l !== m) {
        h[k * n + k - 1] = -at(k, k - 1);
      }
      p += s;
      const rx = p / s;
      const ry = q / s;
      const rz = r / s;
      q /= p;
      r /= p;

      // Row modification (columns k..hi of the active window).
      const row0 = k * n;
      const row1 = row0 + n;
      const row2 = row1 + n;
      for (let j = k; j <= hi; j++) {
        let t = h[row0 + j]! + q * h[row1 + j]!;
        if (notLast) {
          t += r * h[row2 + j]!;
          h[row2 + j]! -= t * rz;
        }
        h[row0 + j]! -= t * rx;
        h[row1 + j]! -= t * ry;
      }

      // Column modification (rows l..min(hi, k+3) of the active window).
      const lastRow = Math.min(hi, k + 3);
      for (let i = l; i <= lastRow; i++) {
        const row = i * n;
        let t = rx * h[row + k]! + ry * h[row + k + 1]!;
        if (notLast) {
          t += rz * h[row + k + 2]!;
          h[row + k + 2]! -= t * r;
        }
        h[row + k]! -= t;
        h[row + k + 1]! -= t * q;
      }
    }
  }

  return radius;
}

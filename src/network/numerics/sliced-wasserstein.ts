/**
 * Sliced Wasserstein-1 distance between two equal-size 2-D point sets (rows [x, y], flattened):
 * project both on `directions` evenly spread unit vectors, sort, and average the gaps between
 * matching quantiles. Zero only when every projection agrees; unlike comparing means and
 * covariances it sees the shape (a ring and a blob with the same moments are far apart).
 */
export function slicedWasserstein(a: Float32Array, b: Float32Array, directions = 32): number {
  if (a.length !== b.length || a.length % 2 !== 0) throw new Error(`slicedWasserstein: expected two equal sets of 2-D points, but got ${a.length / 2} and ${b.length / 2}`);
  const n = a.length / 2;
  let total = 0;
  for (let d = 0; d < directions; d++) {
    const angle = (Math.PI * d) / directions;
    const [cx, cy] = [Math.cos(angle), Math.sin(angle)];
    const project = (p: Float32Array) => Float64Array.from({ length: n }, (_, k) => cx * p[2 * k]! + cy * p[2 * k + 1]!).sort();
    const [pa, pb] = [project(a), project(b)];
    let gap = 0;
    for (let k = 0; k < n; k++) gap += Math.abs(pa[k]! - pb[k]!);
    total += gap / n;
  }
  return total / directions;
}

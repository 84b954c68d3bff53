import * as tf from '@tensorflow/tfjs';

/**
 * The memory mechanics of the Differentiable Neural Computer (Graves et al. 2016, Methods), as
 * differentiable tf ops for a batch, each with a plain-JavaScript reference (float64, one sequence)
 * that the tests hold the ops to. N memory locations of W numbers, R read heads, one write head.
 *
 *   retention      ψ_t = Π_r (1 − f_t^r w_{t−1}^{r})
 *   usage          u_t = (u_{t−1} + w_{t−1}^w − u_{t−1} ⊙ w_{t−1}^w) ⊙ ψ_t
 *   allocation     a_t[φ_j] = (1 − u_t[φ_j]) Π_{i<j} u_t[φ_i], φ = locations by ascending usage
 *   write          w_t^w = g^w (g^a a_t + (1 − g^a) c_t^w)
 *   memory         M_t = M_{t−1} ⊙ (1 − w_t^w eᵀ) + w_t^w vᵀ
 *   precedence     p_t = (1 − Σ_i w_t^w[i]) p_{t−1} + w_t^w
 *   links          L_t[i, j] = (1 − w_t^w[i] − w_t^w[j]) L_{t−1}[i, j] + w_t^w[i] p_{t−1}[j],  L_t[i, i] = 0
 *   directions     f_t^r = L_t w_{t−1}^r,  b_t^r = L_tᵀ w_{t−1}^r
 *   read           w_t^r = π^r[0] b_t^r + π^r[1] c_t^r + π^r[2] f_t^r   (π^r: softmax over the 3 modes)
 *   read vectors   r_t^r = M_tᵀ w_t^r
 *
 * Every weighting is ≥ 0 and sums to at most 1 (a write gate or an allocation into a full memory
 * writes less than one location's worth); the read modes of each head sum to 1.
 */

type Vector = readonly number[];
type Matrix = readonly (readonly number[])[];

/** The order of a read head's three modes in its softmax π: backward, content, forward. */
export const READ_MODES = ['backward', 'content', 'forward'] as const;

/** ψ [B, N] from free gates f [B, R] and the previous read weightings [B, R, N]. */
export function retention(freeGates: tf.Tensor2D, readWeightings: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.prod(tf.sub(1, tf.mul(tf.expandDims(freeGates, -1), readWeightings)), 1) as tf.Tensor2D);
}

/** u_t [B, N] from u_{t−1}, w_{t−1}^w and ψ_t (all [B, N]). */
export function usage(previous: tf.Tensor2D, previousWrite: tf.Tensor2D, psi: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sub(tf.add(previous, previousWrite), tf.mul(previous, previousWrite)), psi) as tf.Tensor2D);
}

/**
 * The permutation that sorts each row of usage ascending, as a matrix P [B, N, N] with P[j, i] = 1
 * where location i is the j-th least used (ties: lower index first). The paper does not
 * differentiate through the sort: its gradient is zero here, and flows through the sorted values.
 */
const sortPermutation = tf.customGrad(((u: tf.Tensor, save: tf.GradSaveFunc) => {
  save([u]);
  const [batch, n] = u.shape as [number, number];
  const values = u.arraySync() as number[][];
  const onehot = new Float32Array(batch * n * n);
  values.forEach((row, b) =>
    row
      .map((value, i) => ({ value, i }))
      .sort((x, y) => x.value - y.value || x.i - y.i)
      .forEach(({ i }, j) => (onehot[b * n * n + j * n + i] = 1)),
  );
  return { value: tf.tensor3d(onehot, [batch, n, n]), gradFunc: (_dy: tf.Tensor, saved: tf.Tensor[]) => tf.zerosLike(saved[0]!) };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** a_t [B, N] from u_t [B, N]: free space, handed out least used first. */
export function allocation(u: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = u.shape[1];
    const permutation = sortPermutation(u) as tf.Tensor3D;
    const sorted = tf.squeeze(tf.matMul(permutation, tf.expandDims(u, -1)), [2]) as tf.Tensor2D;
    // Exclusive running product Π_{i<j} sorted[i], written out: N is small and cumprod has no gradient in tfjs.
    const columns = tf.unstack(sorted, 1);
    const products: tf.Tensor[] = [tf.onesLike(columns[0]!)];
    for (let j = 1; j < n; j++) products.push(tf.mul(products[j - 1]!, columns[j - 1]!));
    const allocated = tf.mul(tf.sub(1, sorted), tf.stack(products, 1));
    return tf.squeeze(tf.matMul(permutation, tf.expandDims(allocated, -1), true), [2]) as tf.Tensor2D;
  });
}

/** w_t^w [B, N] from the allocation and content weightings [B, N] and the gates g^a, g^w [B, 1]. */
export function writeWeighting(alloc: tf.Tensor2D, content: tf.Tensor2D, allocationGate: tf.Tensor2D, writeGate: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(writeGate, tf.add(tf.mul(allocationGate, alloc), tf.mul(tf.sub(1, allocationGate), content))) as tf.Tensor2D);
}

/** M_t [B, N, W] from M_{t−1}, w^w [B, N], erase e [B, W] (in [0, 1]) and write vector v [B, W]. */
export function writeMemory(memory: tf.Tensor3D, weighting: tf.Tensor2D, erase: tf.Tensor2D, vector: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const w = tf.expandDims(weighting, -1);
    return tf.add(tf.mul(memory, tf.sub(1, tf.mul(w, tf.expandDims(erase, 1)))), tf.mul(w, tf.expandDims(vector, 1))) as tf.Tensor3D;
  });
}

/** p_t [B, N] from p_{t−1} and w_t^w. */
export function precedence(previous: tf.Tensor2D, weighting: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.mul(tf.sub(1, tf.sum(weighting, 1, true)), previous), weighting) as tf.Tensor2D);
}

/** L_t [B, N, N] from L_{t−1}, w_t^w and p_{t−1}; the diagonal stays 0. */
export function links(previous: tf.Tensor3D, weighting: tf.Tensor2D, previousPrecedence: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const n = weighting.shape[1];
    const wi = tf.expandDims(weighting, 2);
    const wj = tf.expandDims(weighting, 1);
    const updated = tf.add(tf.mul(tf.sub(tf.sub(1, wi), wj), previous), tf.mul(wi, tf.expandDims(previousPrecedence, 1)));
    return tf.mul(updated, tf.sub(1, tf.eye(n))) as tf.Tensor3D;
  });
}

/** Forward f = L w and backward b = Lᵀ w for each head: L [B, N, N], previous read weightings [B, R, N] → [B, R, N] each. */
export function directional(link: tf.Tensor3D, readWeightings: tf.Tensor3D): { forward: tf.Tensor3D; backward: tf.Tensor3D } {
  return tf.tidy(() => ({
    forward: tf.matMul(readWeightings, link, false, true) as tf.Tensor3D,
    backward: tf.matMul(readWeightings, link) as tf.Tensor3D,
  }));
}

/** w_t^r [B, R, N] from backward, content and forward weightings [B, R, N] and modes π [B, R, 3] (each row summing to 1). */
export function readWeighting(backward: tf.Tensor3D, content: tf.Tensor3D, forward: tf.Tensor3D, modes: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [pb, pc, pf] = tf.split(modes, 3, 2);
    return tf.addN([tf.mul(pb!, backward), tf.mul(pc!, content), tf.mul(pf!, forward)]) as tf.Tensor3D;
  });
}

/** r_t [B, R, W] = w_t^r M_t. */
export function readVectors(memory: tf.Tensor3D, weightings: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => tf.matMul(weightings, memory) as tf.Tensor3D);
}

// Plain-JavaScript references, one sequence, float64.

export const retentionReference = (freeGates: Vector, readWeightings: Matrix): number[] =>
  readWeightings[0]!.map((_, i) => readWeightings.reduce((psi, w, r) => psi * (1 - freeGates[r]! * w[i]!), 1));

export const usageReference = (previous: Vector, previousWrite: Vector, psi: Vector): number[] =>
  previous.map((u, i) => (u + previousWrite[i]! - u * previousWrite[i]!) * psi[i]!);

export function allocationReference(u: Vector): number[] {
  const order = u.map((value, i) => ({ value, i })).sort((x, y) => x.value - y.value || x.i - y.i);
  const a = new Array<number>(u.length).fill(0);
  let product = 1;
  for (const { value, i } of order) {
    a[i] = (1 - value) * product;
    product *= value;
  }
  return a;
}

export const writeWeightingReference = (alloc: Vector, content: Vector, allocationGate: number, writeGate: number): number[] =>
  alloc.map((a, i) => writeGate * (allocationGate * a + (1 - allocationGate) * content[i]!));

export const writeMemoryReference = (memory: Matrix, weighting: Vector, erase: Vector, vector: Vector): number[][] =>
  memory.map((row, i) => row.map((m, j) => m * (1 - weighting[i]! * erase[j]!) + weighting[i]! * vector[j]!));

export function precedenceReference(previous: Vector, weighting: Vector): number[] {
  const total = weighting.reduce((a, b) => a + b, 0);
  return previous.map((p, i) => (1 - total) * p + weighting[i]!);
}

export const linksReference = (previous: Matrix, weighting: Vector, previousPrecedence: Vector): number[][] =>
  previous.map((row, i) => row.map((l, j) => (i === j ? 0 : (1 - weighting[i]! - weighting[j]!) * l + weighting[i]! * previousPrecedence[j]!)));

export const forwardReference = (link: Matrix, w: Vector): number[] => link.map((row) => row.reduce((s, l, j) => s + l * w[j]!, 0));

export const backwardReference = (link: Matrix, w: Vector): number[] => link.map((_, i) => link.reduce((s, row, j) => s + row[i]! * w[j]!, 0));

export const readWeightingReference = (backward: Vector, content: Vector, forward: Vector, modes: Vector): number[] =>
  content.map((c, i) => modes[0]! * backward[i]! + modes[1]! * c + modes[2]! * forward[i]!);

export const readVectorReference = (memory: Matrix, w: Vector): number[] => memory[0]!.map((_, j) => memory.reduce((s, row, i) => s + w[i]! * row[j]!, 0));

import * as tf from '@tensorflow/tfjs';

const FAST = Symbol('fast tile gradient');

/**
 * The gradient of `tile(x, reps)`: every copy of x hands its part of dy back, so
 * dx = Σ over copies of dy's block. dy has shape [r₀·n₀, r₁·n₁, …] with copy c along axis a at
 * c·n_a … (c + 1)·n_a − 1; read as [r₀, n₀, r₁, n₁, …], the copies are the even axes, and summing
 * them is dx. Two operations, whatever the reps. tfjs-core 4.22 instead adds one slice of dy per copy,
 * r₀·r₁·… slices and additions: tf.layers.layerNormalization tiles its scale and offset over batch ×
 * positions, so a vision transformer's step on 100 images of 5 tokens ran 3,000 slices and as many
 * additions, most of its time.
 */
function tileGradient(dy: tf.Tensor, x: tf.Tensor, reps: readonly number[]): tf.Tensor {
  const interleaved = x.shape.flatMap((n, a) => [reps[a]!, n]);
  const copies = x.shape.map((_, a) => 2 * a);
  return tf.sum(tf.reshape(dy, interleaved), copies);
}

/**
 * Installs `tileGradient` as tfjs's gradient of Tile, for every backend (gradients are backend-free),
 * once: the same values as tfjs's own (tests/network/kernels/tile-gradient.test.ts), fewer operations.
 */
export function useFastTileGradient(): void {
  const current = tf.getGradient('Tile') as (tf.GradConfig & { [FAST]?: true }) | undefined;
  if (current?.[FAST]) return;
  tf.registerGradient(
    Object.assign(
      {
        kernelName: 'Tile',
        inputsToSave: ['x'],
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
          const [x] = saved;
          const reps = (attrs as unknown as { reps: number[] }).reps;
          return { x: () => tileGradient(dy as tf.Tensor, x!, reps) };
        },
      },
      { [FAST]: true as const },
    ),
  );
}

export { tileGradient };

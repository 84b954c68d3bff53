import * as tf from '@tensorflow/tfjs';

/**
 * A layer's equivalent dense matrix, measured rather than derived: entry [i][j] is how much input
 * cell i contributes to output cell j, found by pushing each one-hot input (one cell at 1, the rest 0)
 * through the layer's linear part. For a convolution that part is a copy of the layer with the same
 * kernel, no bias and no activation; weightless layers (pooling, upsampling) are probed as they are.
 * Nothing here shares code with the tracers: it is the check that their index arithmetic is right.
 */
export function equivalentMatrix(layer: tf.layers.Layer): number[][] {
  const inputShape = (layer.input as tf.SymbolicTensor).shape.slice(1) as number[];
  const cells = inputShape.reduce((a, b) => a * b, 1);
  const linear = linearPart(layer);
  try {
    return tf.tidy(() => {
      const probes = tf.eye(cells).reshape([cells, ...inputShape]);
      const response = linear.apply(probes) as tf.Tensor;
      return response.reshape([cells, -1]).arraySync() as number[][];
    });
  } finally {
    // The copy was only called on concrete tensors, so Layer.dispose refuses it; free its kernel directly.
    if (linear !== layer) for (const w of linear.weights) w.dispose();
  }
}

type LayerClass = new (config: tf.serialization.ConfigDict) => tf.layers.Layer;

function linearPart(layer: tf.layers.Layer): tf.layers.Layer {
  const kernel = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
  if (!kernel) return layer;
  const Class = layer.constructor as LayerClass;
  const copy = new Class({ ...layer.getConfig(), name: `${layer.name}-linear-probe`, activation: 'linear', useBias: false });
  copy.build((layer.input as tf.SymbolicTensor).shape);
  copy.setWeights([kernel.read()]);
  return copy;
}

/** Layers whose connections are local windows, by class: convolutions and weightless pooling/upsampling (a capsule layer has rank-4 weights but is not local). */
export function isLocalLayer(layer: tf.layers.Layer): boolean {
  return /^(Conv\d?D|Conv2DTranspose|DepthwiseConv2D|SeparableConv2D)$|Pooling|UpSampling/.test(layer.getClassName());
}

export const countNonzero = (matrix: readonly (readonly number[])[]): number => matrix.flat().filter((v) => v !== 0).length;

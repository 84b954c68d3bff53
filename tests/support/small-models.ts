import * as tf from '@tensorflow/tfjs';

type T = tf.SymbolicTensor;
const apply = (layer: tf.layers.Layer, x: T | T[]) => layer.apply(x) as T;

/**
 * Keras-style ResNet in miniature: a stem, then stages of bottleneck blocks (the first of each with a
 * projection shortcut, the rest with identity ones), pooling and a classifier. Layer names follow
 * Keras Applications, as src/zoo/resnet-50.ts does at full size.
 */
export function miniResNet(stages: readonly (readonly [blocks: number, width: number])[] = [[3, 4], [4, 8]]): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'input' });
  let x = apply(tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv1_conv' }), input);
  x = apply(tf.layers.activation({ activation: 'relu', name: 'conv1_relu' }), x);
  stages.forEach(([blocks, width], s) => {
    for (let b = 1; b <= blocks; b++) {
      const n = `conv${s + 2}_block${b}`;
      const strides = b === 1 && s > 0 ? 2 : 1;
      let shortcut = x;
      if (b === 1) {
        shortcut = apply(tf.layers.conv2d({ filters: 4 * width, kernelSize: 1, strides, name: `${n}_0_conv` }), x);
        shortcut = apply(tf.layers.batchNormalization({ name: `${n}_0_bn` }), shortcut);
      }
      let y = apply(tf.layers.conv2d({ filters: width, kernelSize: 1, strides, name: `${n}_1_conv` }), x);
      y = apply(tf.layers.activation({ activation: 'relu', name: `${n}_1_relu` }), y);
      y = apply(tf.layers.conv2d({ filters: width, kernelSize: 3, padding: 'same', name: `${n}_2_conv` }), y);
      y = apply(tf.layers.activation({ activation: 'relu', name: `${n}_2_relu` }), y);
      y = apply(tf.layers.conv2d({ filters: 4 * width, kernelSize: 1, name: `${n}_3_conv` }), y);
      y = apply(tf.layers.batchNormalization({ name: `${n}_3_bn` }), y);
      x = apply(tf.layers.add({ name: `${n}_add` }), [shortcut, y]);
      x = apply(tf.layers.activation({ activation: 'relu', name: `${n}_out` }), x);
    }
  });
  x = apply(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return tf.model({ inputs: input, outputs: apply(tf.layers.dense({ units: 5, activation: 'softmax', name: 'predictions' }), x), name: 'mini-resnet' });
}

/** VGG's pattern in miniature: stages of 3×3 convolutions, the last three alike, each stage pooled. */
export function miniVgg(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'input' });
  let x = input;
  [[2, 4], [3, 8], [3, 8]].forEach(([convs, filters], s) => {
    for (let c = 1; c <= convs!; c++) x = apply(tf.layers.conv2d({ filters: filters!, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${s + 1}_conv${c}` }), x);
    x = apply(tf.layers.maxPooling2d({ poolSize: 2, name: `block${s + 1}_pool` }), x);
  });
  x = apply(tf.layers.flatten({ name: 'flatten' }), x);
  return tf.model({ inputs: input, outputs: apply(tf.layers.dense({ units: 5, activation: 'softmax', name: 'predictions' }), x), name: 'mini-vgg' });
}

/** Two Inception modules of different widths: four parallel branches concatenated, a pool between. */
export function miniInception(): tf.LayersModel {
  const input = tf.input({ shape: [12, 12, 3], name: 'input' });
  let x = apply(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'stem' }), input);
  for (const [name, width] of [['inception_3a', 4], ['inception_3b', 6]] as const) {
    const conv = (filters: number, kernel: number, suffix: string, from: T) =>
      apply(tf.layers.conv2d({ filters, kernelSize: kernel, padding: 'same', activation: 'relu', name: `${name}_${suffix}` }), from);
    const one = conv(width, 1, '1x1', x);
    const three = conv(width, 3, '3x3', conv(width / 2, 1, '3x3_reduce', x));
    const five = conv(width / 2, 5, '5x5', conv(width / 2, 1, '5x5_reduce', x));
    const pool = conv(width / 2, 1, 'pool_proj', apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same', name: `${name}_pool` }), x));
    x = apply(tf.layers.concatenate({ name: `${name}_output` }), [one, three, five, pool]);
  }
  x = apply(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return tf.model({ inputs: input, outputs: apply(tf.layers.dense({ units: 5, activation: 'softmax', name: 'predictions' }), x), name: 'mini-inception' });
}

/**
 * A decoder in miniature: `layers` identical layers, each reading the stream before it and one
 * external `memory` tensor (an encoder's output), added and passed through a Dense layer. The
 * memory's lines jump over every decoder layer, as the Transformer's encoder output does.
 */
export function miniDecoder(layers = 2): tf.LayersModel {
  const source = tf.input({ shape: [6], name: 'source' });
  const memory = apply(tf.layers.dense({ units: 4, name: 'memory' }), source);
  const target = tf.input({ shape: [5], name: 'target' });
  let x = apply(tf.layers.dense({ units: 4, name: 'embed' }), target);
  for (let n = 1; n <= layers; n++) {
    const read = apply(tf.layers.dense({ units: 4, name: `dec${n}_read` }), memory);
    const mixed = apply(tf.layers.add({ name: `dec${n}_mix` }), [x, read]);
    x = apply(tf.layers.dense({ units: 4, activation: 'relu', name: `dec${n}_out` }), mixed);
  }
  return tf.model({ inputs: [source, target], outputs: apply(tf.layers.dense({ units: 3, name: 'predictions' }), x), name: 'mini-decoder' });
}

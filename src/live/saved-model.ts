import * as tf from '@tensorflow/tfjs';

/**
 * A model as `tf.LayersModel.save` writes it — the model.json (topology and a weights manifest naming
 * `weightsFile`) and that file's bytes — made synchronously, so a demo whose training loop is
 * synchronous can hand over its trained network before disposing it. The same artefacts as tfjs's
 * own save (tfjs-layers' `save`: `toJSON(null, false)`, the weights in `model.weights` order under
 * their original names, little-endian, one after another); tests/browser/living-diagram.test.ts loads
 * them with tf.loadLayersModel.
 */
export function savedModel(model: tf.LayersModel, weightsFile: string): { modelJson: string; weights: ArrayBuffer } {
  const specs: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[] = [];
  const parts: Uint8Array[] = [];
  for (const variable of model.weights) {
    const value = variable.read();
    if (value.dtype !== 'float32' && value.dtype !== 'int32') throw new Error(`weight "${variable.originalName}": cannot save dtype ${value.dtype}`);
    const data = value.dataSync() as Float32Array | Int32Array;
    specs.push({ name: variable.originalName, shape: [...value.shape], dtype: value.dtype });
    parts.push(new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  }
  const weights = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    weights.set(part, at);
    at += part.length;
  }
  const modelJson = JSON.stringify({
    modelTopology: model.toJSON(null, false),
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    weightsManifest: [{ paths: [weightsFile], weights: specs }],
  });
  return { modelJson, weights: weights.buffer };
}

import * as tf from '@tensorflow/tfjs';
import type { LayersDiagramSpec } from '../views/layers';

/**
 * The layers view's values: per drawn layer, the root mean square of its output on the example (what
 * its box shows as a bar) and of its trainable weights (a second bar; NaN for a layer without any).
 * A layer box stands for a whole tensor, so the living layers view shows these two summaries of it,
 * read from the model: `cells[k]` and `weights[k]` for `spec.layers[k]`.
 */
export function layerReader(model: tf.LayersModel, spec: LayersDiagramSpec): { read(example: tf.Tensor | readonly tf.Tensor[]): { cells: Float32Array; weights: Float32Array } } {
  const layers = spec.layers.map((info) => model.getLayer(info.name));
  const inputNames = new Set(model.inputLayers.map((l) => l.name));
  const computed = layers.filter((l) => !inputNames.has(l.name));
  const outputOf = (layer: tf.layers.Layer) => (Array.isArray(layer.output) ? layer.output[0]! : (layer.output as tf.SymbolicTensor));
  const probe = tf.model({ inputs: model.inputs, outputs: computed.map(outputOf) });
  const rms = (values: ArrayLike<number>) => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
    return values.length > 0 ? Math.sqrt(sum / values.length) : NaN;
  };
  return {
    read(example) {
      const inputs = Array.isArray(example) ? (example as readonly tf.Tensor[]) : [example as tf.Tensor];
      const byName = new Map<string, number>();
      // Everything computed here is disposed with the tidy; the example is a batch of one.
      tf.tidy(() => {
        const produced = probe.predict(inputs.length === 1 ? inputs[0]! : [...inputs]);
        const outputs = Array.isArray(produced) ? produced : [produced];
        computed.forEach((layer, k) => byName.set(layer.name, rms(outputs[k]!.dataSync())));
        model.inputLayers.forEach((layer, k) => byName.set(layer.name, rms(inputs[k]!.dataSync())));
      });
      const cells = Float32Array.from(layers, (l) => byName.get(l.name) ?? NaN);
      const weights = Float32Array.from(layers, (l) => {
        const trained = l.trainableWeights.map((w) => w.read().dataSync());
        const all = trained.reduce((n, v) => n + v.length, 0);
        return all > 0 ? Math.sqrt(trained.reduce((s, v) => s + rms(v) ** 2 * v.length, 0) / all) : NaN;
      });
      return { cells, weights };
    },
  };
}

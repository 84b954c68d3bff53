import * as tf from '@tensorflow/tfjs';

/** A layer whose weights in the definition's model are not what its initialisers give, and why. */
export interface WeightNote {
  readonly layer: string;
  /** `set-after-build`: the definition writes them after building; `unseeded`: an initialiser without a seed. */
  readonly reason: 'set-after-build' | 'unseeded';
  /** Which of the layer's weights (indices into `layer.weights`) differ; absent: all of them. */
  readonly weights?: readonly number[];
}

/**
 * Which layers' weights in `model` are not what their initialisers give: built again from the
 * model's own JSON (fresh weights, same seeds), compared variable by variable. For the notes of
 * `tfjsCode`; async because tfjs builds a model from JSON only so.
 */
export async function weightNotes(model: tf.LayersModel): Promise<WeightNote[]> {
  const fresh = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
  try {
    const notes: WeightNote[] = [];
    for (const layer of model.layers) {
      const own = (l: tf.layers.Layer) => [...l.trainableWeights, ...l.nonTrainableWeights];
      const theirs = own(fresh.getLayer(layer.name));
      const differing = own(layer).flatMap((w, i) => {
        const other = theirs[i];
        const differs = !other || tf.tidy(() => tf.any(tf.notEqual(w.read(), other.read())).dataSync()[0] === 1);
        return differs ? [layer.weights.indexOf(w)] : [];
      });
      if (differing.length === 0) continue;
      notes.push({ layer: layer.name, reason: unseeded(layer.getConfig()) ? 'unseeded' : 'set-after-build', weights: differing });
    }
    return notes;
  } finally {
    fresh.dispose();
  }
}

/** A serialised initialiser (or any tfjs object): `{ className, config }`. */
const isInitializer = (value: object): value is { className: string; config: { seed?: unknown } } =>
  typeof (value as { className?: unknown }).className === 'string' && typeof (value as { config?: unknown }).config === 'object';

/** Whether a layer's config (or its wrapped layer's, its cell's) has a random initialiser with no seed. */
function unseeded(config: unknown): boolean {
  if (Array.isArray(config)) return config.some(unseeded);
  if (typeof config !== 'object' || config === null) return false;
  if (isInitializer(config) && /^(Glorot|He|LeCun|Random|Truncated|VarianceScaling|Orthogonal)/.test(config.className) && config.config.seed == null) return true;
  return Object.values(config).some(unseeded);
}

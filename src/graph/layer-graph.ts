import type * as tf from '@tensorflow/tfjs';

/** One layer of a built model, as the layers view draws it. */
export interface LayerInfo {
  /** The layer's name in the model: unique, and what `data-layer` and `data-node` carry. */
  readonly name: string;
  /** tfjs's class name: `Conv2D`, `BatchNormalization`, `Add`, `InputLayer`, or a custom layer's. */
  readonly className: string;
  /** Output shape without the batch dimension (a dimension tfjs leaves open is -1). */
  readonly shape: readonly number[];
  /** Parameters the layer holds (trainable and not), as tfjs counts them. */
  readonly params: number;
  /** Of those, the ones training never changes (a batch norm's moving statistics, a fixed kernel). */
  readonly fixedParams: number;
  /** What the layer does in a few words: "Conv2D 3×3/2, 64", "MaxPool 3×3/2", "Dense 1000, softmax". */
  readonly summary: string;
}

/** A tensor one layer hands to another: an inbound node of `to` that reads `from`'s output. */
export interface LayerEdge {
  readonly from: string;
  readonly to: string;
  /** Its shape without the batch dimension. */
  readonly shape: readonly number[];
}

/** A model as layers and the tensors between them, in the model's own (topological) order. */
export interface LayerGraph {
  readonly model: string;
  readonly layers: readonly LayerInfo[];
  readonly edges: readonly LayerEdge[];
  /** `model.countParams()`. */
  readonly params: number;
}

/** tfjs's Node, as far as this reader needs it (it is not exported as a type). */
interface InboundNode {
  readonly inboundLayers: readonly tf.layers.Layer[];
  readonly inputTensors: readonly tf.SymbolicTensor[];
  readonly outputTensors: readonly tf.SymbolicTensor[];
}

/** The model's own record of which inbound nodes belong to it (`<layer>_ib-<index>`), kept by tfjs's Container. */
interface Container {
  readonly containerNodes: ReadonlySet<string>;
}

const withoutBatch = (shape: readonly (number | null)[]): number[] => shape.slice(1).map((d) => d ?? -1);

const countOf = (weights: readonly tf.LayerVariable[]): number => weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);

/**
 * Reads a built model's layers and inbound nodes: one LayerInfo per layer, one LayerEdge per input
 * tensor of each of the model's inbound nodes. Nothing is listed by hand; a nested model is one
 * layer (its class, its parameters). A layer applied more than once (shared weights) gives one node
 * with the edges of every application.
 */
export function readLayerGraph(model: tf.LayersModel): LayerGraph {
  const own = (model as unknown as Container).containerNodes;
  const layers: LayerInfo[] = [];
  const edges: LayerEdge[] = [];
  for (const layer of model.layers) {
    const nodes = (layer.inboundNodes as unknown as readonly InboundNode[]).filter((_, i) => own.has(`${layer.name}_ib-${i}`));
    const output = nodes[0]?.outputTensors[0]?.shape ?? [];
    const params = countOf(layer.weights);
    layers.push({
      name: layer.name,
      className: layer.getClassName(),
      shape: withoutBatch(output),
      params,
      fixedParams: params - countOf(layer.trainableWeights),
      summary: summarise(layer, layer.getClassName()),
    });
    for (const node of nodes)
      node.inboundLayers.forEach((from, k) => edges.push({ from: from.name, to: layer.name, shape: withoutBatch(node.inputTensors[k]!.shape) }));
  }
  return { model: model.name, layers, edges, params: model.countParams() };
}

const side = (value: unknown): string => {
  const [a, b] = Array.isArray(value) ? value : [value, value];
  return a === b ? `${a}×${a}` : `${a}×${b}`;
};

const strideText = (strides: unknown): string => {
  const [a, b] = Array.isArray(strides) ? strides : [strides ?? 1, strides ?? 1];
  if (a === 1 && b === 1) return '';
  return a === b ? `/${a}` : `/${a}×${b}`;
};

const activationText = (activation: unknown): string => (typeof activation === 'string' && activation !== 'linear' ? `, ${activation}` : '');

/** Readers' short names for tfjs classes; any other class keeps its own name. */
const SHORT: Readonly<Record<string, string>> = {
  BatchNormalization: 'BatchNorm',
  MaxPooling2D: 'MaxPool',
  AveragePooling2D: 'AvgPool',
  MaxPooling1D: 'MaxPool',
  AveragePooling1D: 'AvgPool',
  GlobalAveragePooling2D: 'GlobalAvgPool',
  GlobalMaxPooling2D: 'GlobalMaxPool',
  ZeroPadding2D: 'ZeroPad',
  Concatenate: 'Concat',
  LocalResponseNormalization: 'LRN',
};

/** A layer in a few words, from its config: the numbers a paper's table gives for it. */
function summarise(layer: tf.layers.Layer, className: string): string {
  const c = layer.getConfig() as Record<string, unknown>;
  const short = SHORT[className] ?? className;
  switch (className) {
    case 'Conv2D':
    case 'Conv1D':
    case 'Conv2DTranspose':
      return `${className} ${side(c.kernelSize)}${strideText(c.strides)}, ${c.filters}${activationText(c.activation)}`;
    // Our grouped convolution (src/network/layers/grouped-conv2d.ts): what it computes, a Conv2D, with its groups where it has more than one.
    case 'GroupedConv2D':
      return `Conv2D ${side(c.kernelSize)}${strideText(c.strides)}, ${c.filters}${activationText(c.activation)}${Number(c.groups) > 1 ? `, ${c.groups} groups` : ''}`;
    case 'DepthwiseConv2D':
      return `${className} ${side(c.kernelSize)}${strideText(c.strides)}${activationText(c.activation)}`;
    case 'Dense':
      return `Dense ${c.units}${activationText(c.activation)}`;
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'MaxPooling1D':
    case 'AveragePooling1D':
      return `${short} ${side(c.poolSize)}${strideText(c.strides ?? c.poolSize)}`;
    case 'Activation':
      return typeof c.activation === 'string' ? c.activation.replace(/^relu$/, 'ReLU') : short;
    case 'ReLU':
      return 'ReLU';
    case 'Dropout':
      return `Dropout ${Math.round(Number(c.rate) * 100)} %`;
    case 'InputLayer':
      return 'Input';
    // LeNet-5's own layers (src/network/layers/): what each computes, in the paper's terms.
    case 'ConnectionTableConv2D': {
      const table = c.table as number[][];
      const pairs = table.reduce((n, inputs) => n + inputs.length, 0);
      const all = table.length * (1 + Math.max(...table.flat()));
      return `Conv2D ${side(c.kernelSize)}, ${table.length}${pairs < all ? `, ${pairs} of ${all} map pairs` : ''}`;
    }
    case 'Subsampling':
      return `Subsampling ${side(c.poolSize)}`;
    case 'EuclideanRbf':
      return `Euclidean RBF ${c.units}, fixed`;
    // Multi-head attention's weightless layers (src/network/layers/multi-head-attention.ts).
    case 'ScaledDotProductScore':
      return `softmax(QKᵀ/√d), ${c.heads} heads${c.causal ? ', causal' : ''}`;
    case 'MultiHeadContext':
      return 'Σ α·V per head';
    case 'CellRole':
      // An identity that marks, for the cells view, what its cells are (a GAN's noise and generated sample).
      return `CellRole: ${c.role}`;
    default:
      return short;
  }
}

import * as tf from '@tensorflow/tfjs';
import layerSources from 'virtual:layer-sources';
import type { AnyArchitecture, Paper } from '../architecture/types';
import { neededStatements, sourceCode, type LayerSources } from './layer-sources';
import { weightNotes, type WeightNote } from './weight-notes';

export { weightNotes, type WeightNote };

/**
 * "Use this network": the TensorFlow.js code that builds exactly a built model, as a self-contained
 * ES module (`network.mjs`, needing only `npm i @tensorflow/tfjs`). Read off the model itself — its
 * layers in order, each one's getConfig() and inbound nodes — never written a second time by hand:
 * built-in layers become `tf.layers.<factory>({...})`, ours `new <Class>({...})` with the class's
 * JavaScript pasted in (from virtual:layer-sources, see src/export/layer-sources.plugin.mjs), and
 * registered for serialisation as ours are, so a saved model loads.
 *
 * Pure TypeScript over tfjs: it runs in Node (tests) and in the browser's demo worker alike. It needs
 * a Vite-based host (the site, its workers, vitest) for `virtual:layer-sources`.
 */

export interface TfjsCodeOptions {
  /** What the header names: the definition's id, name, abbreviation and paper. */
  readonly architecture: { readonly id: string; readonly name: string; readonly abbreviation?: string; readonly paper: Paper };
  /** The config the model was built at, and what it is called (`configs.demo`, or `your settings`). */
  readonly config: unknown;
  readonly configName?: string;
  /**
   * From `weightNotes(model)`. When these layers hold `inlineWeightLimit` numbers or fewer in all,
   * their weights are written out after the model, so the module builds the definition's network
   * number for number; otherwise each such layer's line says why its weights differ.
   */
  readonly weightNotes?: readonly WeightNote[];
  /** At most this many numbers are written out (default `INLINE_WEIGHT_LIMIT`); 0: never. */
  readonly inlineWeightLimit?: number;
  /** The layers' JavaScript; the bundled `virtual:layer-sources` unless given. */
  readonly sources?: LayerSources;
}

/** Written out up to this many numbers (about 10 characters each): a diagram-sized network's, not a demo's reservoir. */
export const INLINE_WEIGHT_LIMIT = 2000;

/** The shortest decimal that is the same float32: `0.1`, not `0.10000000149011612`. */
function float32Text(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/** The weights of a noted layer that differ from its initialisers'. */
const notedWeights = (layer: tf.layers.Layer, note: WeightNote): tf.LayerVariable[] =>
  note.weights === undefined ? layer.weights : note.weights.map((i) => layer.weights[i]!);

/** `model.getLayer('memory').weights[2].write(tf.tensor([…], [12])); // memory/bias` */
function writeWeightLine(layer: tf.layers.Layer, variable: tf.LayerVariable): string {
  const values = Array.from(variable.read().dataSync(), float32Text).join(', ');
  return `model.getLayer(${literal(layer.name)}).weights[${layer.weights.indexOf(variable)}].write(tf.tensor([${values}], ${literal(variable.shape)})); // ${variable.originalName}`;
}

/**
 * Steps a class needs once the model exists, each a function of its source file: they run after
 * `tf.model(...)` (and, where `onLoad`, after loading a saved model too), as the definitions run them.
 */
const TIED = { fn: 'linkTiedEmbeddings', file: 'src/network/layers/token-embedding.ts', why: 'points every tied layer at the embedding whose matrix it shares', onLoad: true };
const AFTER_BUILD: Readonly<Record<string, { readonly fn: string; readonly file: string; readonly why: string; readonly onLoad: boolean }>> = {
  TokenEmbedding: TIED,
  TiedSoftmax: TIED,
  WeightCopy: { fn: 'copyWeights', file: 'src/network/layers/weight-copy.ts', why: 'the target network starts as a copy of the online network', onLoad: false },
};

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity tf model loadModel')
    .split(' '),
);

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type SerializedObject = { readonly className: string; readonly config: { readonly [key: string]: Json } };

const isSerializedObject = (value: unknown): value is SerializedObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as SerializedObject).className === 'string' && typeof (value as SerializedObject).config === 'object';

/** `Dense` → `dense`, `SimpleRNN` → `simpleRNN`, `MaxPooling2D` → `maxPooling2d`: tfjs's own factory of that name, any case. */
function factoryOf(namespace: object, className: string, kind: string): string {
  const wanted = className.toLowerCase();
  // Factories start in lower case; tf.layers also exports a few classes (RNN) under their class names.
  const found = Object.keys(namespace).find((key) => /^[a-z]/.test(key) && key.toLowerCase() === wanted && typeof (namespace as Record<string, unknown>)[key] === 'function');
  if (!found) throw new Error(`tfjsCode: no tf.${kind} factory for class "${className}" and no source for it in src/network/layers/`);
  return found;
}

const identifierKey = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/** A JSON value as a JavaScript literal on one line: `{ units: 3, activation: 'tanh' }`. */
function literal(value: Json | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Json>).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${identifierKey(k)}: ${literal(v)}`).join(', ')} }`;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

type InitializerFactory = (args: object) => tf.serialization.Serializable;

/** A factory's settings when given none, or undefined where it needs some (constant). */
function defaultSettings(factory: string): Record<string, unknown> | undefined {
  try {
    return (tf.initializers as unknown as Record<string, InitializerFactory>)[factory]!({}).getConfig() as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** tfjs serialises glorotUniform and its kin as VarianceScaling; these give it its usual name back. */
const VARIANCE_SCALING_PRESETS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform'];

/**
 * An initialiser as its factory call, with only the settings that differ from the factory's defaults:
 * `tf.initializers.glorotUniform({ seed: 3 })`. A preset (which takes a seed only) is used where
 * nothing but the seed differs from it.
 */
function initializerCode(object: SerializedObject): string {
  const differing = (factory: string) => {
    const defaults = defaultSettings(factory) ?? {};
    return Object.fromEntries(Object.entries(object.config).filter(([key, value]) => value !== null && json(value) !== json(defaults[key])));
  };
  const call = (factory: string, settings: Record<string, Json>) =>
    `tf.initializers.${factory}(${Object.keys(settings).length === 0 ? '' : literal(settings)})`;
  if (object.className === 'VarianceScaling')
    for (const preset of VARIANCE_SCALING_PRESETS) {
      const settings = differing(preset);
      if (Object.keys(settings).every((key) => key === 'seed')) return call(preset, settings);
    }
  const factory = factoryOf(tf.initializers, object.className, 'initializers');
  return call(factory, differing(factory));
}

const SETTING_NAMESPACES = [
  { suffix: 'Initializer', code: initializerCode },
  { suffix: 'Regularizer', code: (o: SerializedObject) => `tf.regularizers.${factoryOf(tf.regularizers, o.className, 'regularizers')}(${literal(o.config)})` },
  { suffix: 'Constraint', code: (o: SerializedObject) => `tf.constraints.${factoryOf(tf.constraints, o.className, 'constraints')}(${literal(o.config)})` },
] as const;

/** What an RNN layer adds to its cell's settings (tfjs's RNN.getConfig spreads the cell's config into its own). */
const RNN_OWN = new Set(['name', 'trainable', 'dtype', 'batchInputShape', 'inputDtype', 'returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll', 'numConstants', 'cell']);

/** Writes layer constructions; remembers which of our classes they use. */
class LayerWriter {
  readonly usedClasses = new Set<string>();
  private readonly custom: ReadonlyMap<string, string>;

  constructor(sources: LayerSources) {
    this.custom = new Map(sources.classes.map((c) => [c.className, c.identifier]));
  }

  /** `tf.layers.dense({...})` or `new Heaviside({...})`, for a layer's class name and config. */
  construction(className: string, config: Record<string, Json>): string {
    const identifier = this.custom.get(className);
    const args = this.settings(config);
    if (identifier) {
      this.usedClasses.add(className);
      return `new ${identifier}(${args})`;
    }
    return `tf.layers.${factoryOf(tf.layers, className, 'layers')}(${args})`;
  }

  private settings(config: Record<string, Json>): string {
    const cell = isSerializedObject(config.cell) ? config.cell : undefined;
    const parts: string[] = [];
    for (const [key, value] of Object.entries(config)) {
      // Unset settings are left to their defaults; an RNN's copies of its cell's settings stay with the cell.
      if (value === null || value === undefined || (cell && !RNN_OWN.has(key) && key in cell.config)) continue;
      parts.push(`${identifierKey(key)}: ${this.value(key, value)}`);
    }
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }

  private value(key: string, value: Json): string {
    if (isSerializedObject(value)) {
      const setting = SETTING_NAMESPACES.find((n) => key.endsWith(n.suffix));
      if (setting) return setting.code(value);
      if (key === 'layer' || key === 'cell') return this.construction(value.className, value.config as Record<string, Json>);
    }
    if (key === 'cells' && Array.isArray(value) && value.every(isSerializedObject))
      return `[${(value as SerializedObject[]).map((c) => this.construction(c.className, c.config as Record<string, Json>)).join(', ')}]`;
    return literal(value);
  }
}

/** A variable name from a layer name: `dense_1` → `dense1`, `block1/conv` → `block1Conv`, never one taken. */
function variableNamer(taken: Set<string>): (name: string) => string {
  return (name) => {
    const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    // Digits meeting digits keep a separator: `block1_0_bn` → `block1_0Bn`, not `block10Bn`.
    let base = words.reduce((joined, w) => (joined === '' ? w : /[0-9]$/.test(joined) && /^[0-9]/.test(w) ? `${joined}_${w}` : joined + w[0]!.toUpperCase() + w.slice(1)), '') || 'layer';
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let candidate = base;
    for (let k = 2; RESERVED.has(candidate) || taken.has(candidate); k++) candidate = `${base}_${k}`;
    taken.add(candidate);
    return candidate;
  };
}

type Node = tf.layers.Layer['inboundNodes'][number];
type ContainerInternals = { containerNodes?: Set<string>; inputLayers: tf.layers.Layer[]; outputLayers: tf.layers.Layer[]; outputLayersNodeIndices: number[]; outputLayersTensorIndices: number[] };

/** A layer's inbound nodes that belong to this model (a layer built into another model too has more). */
function modelNodes(model: tf.LayersModel, layer: tf.layers.Layer): { node: Node; index: number }[] {
  const own = (model as unknown as ContainerInternals).containerNodes;
  return layer.inboundNodes.map((node, index) => ({ node, index })).filter(({ index }) => !own || own.has(`${layer.name}_ib-${index}`));
}

function header(model: tf.LayersModel, options: TfjsCodeOptions, notes: readonly string[]): string {
  const { architecture: a, config } = options;
  const p = a.paper;
  const lines = [
    `${a.name}${a.abbreviation ? ` (${a.abbreviation})` : ''}: the network Runnable Zoo builds from src/zoo/${a.id}.ts`,
    `at ${options.configName ?? 'this config'}: ${json(config)}`,
    `Paper: ${p.authors.join(', ')} (${p.year}). ${p.title}. ${p.venue}. ${p.url}`,
    '',
    `Its ${model.layers.length} layers and ${model.countParams().toLocaleString('en-US')} parameters, as TensorFlow.js code. Run: npm i @tensorflow/tfjs,`,
    `save this file as network.mjs, then: import { model } from './network.mjs'; model.predict(...)`,
    'Weights are freshly initialised (seeded as the definition seeds them): a trained model is a',
    "separate download (model.json + weights), which loadModel('…/model.json') below loads.",
    ...notes,
  ];
  return lines.map((l) => (l === '' ? '//' : `// ${l}`)).join('\n');
}

/**
 * The ES module source that builds `model` again: `import * as tf`, the custom classes it uses,
 * then one line per layer in model order, and `export const model = tf.model({ inputs, outputs, name })`
 * and `export async function loadModel(pathOrIOHandler)`.
 */
export function tfjsCode(model: tf.LayersModel, options: TfjsCodeOptions): string {
  const sources = options.sources ?? layerSources;
  const writer = new LayerWriter(sources);
  const container = model as unknown as ContainerInternals;
  const notes = new Map((options.weightNotes ?? []).map((n) => [n.layer, n.reason]));
  const written = (options.weightNotes ?? []).flatMap((n) => notedWeights(model.getLayer(n.layer), n).map((variable) => ({ layer: model.getLayer(n.layer), variable })));
  const noted = model.layers.filter((l) => notes.has(l.name));
  const inline = written.reduce((sum, w) => sum + w.variable.read().size, 0) <= (options.inlineWeightLimit ?? INLINE_WEIGHT_LIMIT);

  // Layer lines first (they decide which classes are used), variable names last (they must avoid the classes' helpers).
  type Line = { layer: tf.layers.Layer; node?: { node: Node; index: number }; shared: boolean; first: boolean };
  const lines: Line[] = [];
  const emitted = new Set<string>();
  const key = (layer: tf.layers.Layer, index: number) => `${layer.name}#${index}`;
  const pending = model.layers.map((layer) => ({ layer, nodes: modelNodes(model, layer) }));
  const constructed = new Set<tf.layers.Layer>();
  // In dependency order: a shared layer's later call may need layers after it in model.layers.
  for (let progress = true; progress; ) {
    progress = false;
    for (const entry of pending)
      for (const n of [...entry.nodes]) {
        const ready = n.node.inboundLayers.every((l, i) => emitted.has(key(l, n.node.nodeIndices[i]!)));
        if (!ready) continue;
        entry.nodes.splice(entry.nodes.indexOf(n), 1);
        const shared = modelNodes(model, entry.layer).length > 1;
        lines.push({ layer: entry.layer, node: n, shared, first: !constructed.has(entry.layer) });
        constructed.add(entry.layer);
        emitted.add(key(entry.layer, n.index));
        progress = true;
      }
  }
  const left = pending.filter((e) => e.nodes.length > 0).map((e) => e.layer.name);
  if (left.length > 0) throw new Error(`tfjsCode: cannot order the calls of layer(s) ${left.join(', ')}`);

  const constructions = new Map<tf.layers.Layer, string>();
  for (const { layer } of lines)
    if (layer.getClassName() !== 'InputLayer' && !constructions.has(layer))
      constructions.set(layer, writer.construction(layer.getClassName(), layer.getConfig() as Record<string, Json>));

  const steps = [...new Map([...writer.usedClasses].flatMap((c) => (AFTER_BUILD[c] ? [[AFTER_BUILD[c].fn, AFTER_BUILD[c]] as const] : []))).values()];
  for (const step of steps)
    // rolldown renames a top-level name that two files declare: the step must still be its own file's.
    if (!sources.statements.some((s) => s.file === step.file && s.names.includes(step.fn)))
      throw new Error(`tfjsCode: ${step.file} declares no top-level "${step.fn}" in the bundled layer sources`);
  const identifiers = sources.classes.filter((c) => writer.usedClasses.has(c.className)).map((c) => c.identifier);
  const statements = neededStatements(sources, [...identifiers, ...steps.map((s) => s.fn)]);

  const taken = new Set(statements.flatMap((s) => s.names));
  const nameFor = variableNamer(taken);
  const layerVariable = new Map<tf.layers.Layer, string>();
  const outputVariable = new Map<string, string>();
  const body: string[] = [];
  const reference = (layer: tf.layers.Layer, nodeIndex: number, tensorIndex: number): string => {
    const variable = outputVariable.get(key(layer, nodeIndex))!;
    return layer.inboundNodes[nodeIndex]!.outputTensors.length > 1 ? `${variable}[${tensorIndex}]` : variable;
  };
  for (const { layer, node, shared, first } of lines) {
    const n = node!;
    if (layer.getClassName() === 'InputLayer') {
      const c = layer.getConfig() as { batchInputShape: (number | null)[]; dtype?: string; name: string };
      const [batch, ...shape] = c.batchInputShape;
      const settings = { name: c.name, ...(batch === null ? { shape } : { batchShape: c.batchInputShape }), ...(c.dtype && c.dtype !== 'float32' ? { dtype: c.dtype } : {}) };
      const variable = nameFor(layer.name);
      outputVariable.set(key(layer, n.index), variable);
      body.push(`const ${variable} = tf.input(${literal(settings as Json)});`);
      continue;
    }
    const inputs = n.node.inboundLayers.map((l, i) => reference(l, n.node.nodeIndices[i]!, n.node.tensorIndices[i]!));
    const argument = inputs.length === 1 ? inputs[0]! : `[${inputs.join(', ')}]`;
    const callArgs = Object.fromEntries(Object.entries(n.node.callArgs ?? {}).filter(([, v]) => v !== undefined && typeof v !== 'object'));
    const call = `.apply(${argument}${Object.keys(callArgs).length > 0 ? `, ${literal(callArgs as Json)}` : ''})`;
    const note = notes.get(layer.name);
    const comment =
      note === undefined ? ''
      : inline ? ` // weights: written out below, as the definition ${note === 'unseeded' ? 'drew them (its initialiser has no seed)' : 'sets them after building'}`
      : note === 'set-after-build' ? ' // weights: not reproduced (the definition sets them after building); here they start from the initialisers'
      : ' // weights: unseeded, different on every run';
    if (!shared) {
      const variable = nameFor(layer.name);
      outputVariable.set(key(layer, n.index), variable);
      body.push(`const ${variable} = ${constructions.get(layer)}${call};${comment}`);
      continue;
    }
    if (first) {
      const variable = nameFor(`${layer.name}_layer`);
      layerVariable.set(layer, variable);
      body.push(`const ${variable} = ${constructions.get(layer)}; // shared: called ${modelNodes(model, layer).length} times${comment}`);
    }
    const variable = nameFor(`${layer.name}_${n.index}`);
    outputVariable.set(key(layer, n.index), variable);
    body.push(`const ${variable} = ${layerVariable.get(layer)}${call};`);
  }
  const ends = (layers: tf.layers.Layer[], nodeIndices: number[], tensorIndices: number[]) => {
    const refs = layers.map((l, i) => reference(l, nodeIndices[i]!, tensorIndices[i]!));
    return refs.length === 1 ? refs[0]! : `[${refs.join(', ')}]`;
  };
  const inputs = ends(container.inputLayers, container.inputLayers.map(() => 0), container.inputLayers.map(() => 0));
  const outputs = ends(container.outputLayers, container.outputLayersNodeIndices, container.outputLayersTensorIndices);
  body.push(`export const model = tf.model({ inputs: ${inputs.startsWith('[') ? inputs : `[${inputs}]`}, outputs: ${outputs}, name: ${literal(model.name)} });`);
  for (const step of steps) body.push(`${step.fn}(model); // ${step.why}`);
  if (inline && written.length > 0)
    body.push('', '// Starting weights the definition sets after building or draws unseeded, as it had them:', ...written.map((w) => writeWeightLine(w.layer, w.variable)));

  const onLoad = steps.filter((s) => s.onLoad);
  const load = [
    '/** A saved model of this network (model.json + weights), its custom layers registered above. */',
    'export async function loadModel(pathOrIOHandler) {',
    '  const loaded = await tf.loadLayersModel(pathOrIOHandler);',
    ...onLoad.map((s) => `  ${s.fn}(loaded); // ${s.why}`),
    '  return loaded;',
    '}',
  ];
  const reasons = new Set(noted.map((l) => notes.get(l.name)));
  const noteLines =
    noted.length === 0 ? []
    : inline ? ['Starting weights the definition sets after building (a fixed reservoir, a learning rule, a', 'hand-set bias) or draws without a seed are written out below the model, number for number.']
    : [
        ...(reasons.has('set-after-build') ? ["Layers marked 'not reproduced' get their starting weights from the definition after building", '(a fixed reservoir, a learning rule, a hand-set bias): here they start from their initialisers.'] : []),
        ...(reasons.has('unseeded') ? ["Layers marked 'unseeded' draw their weights without a seed: different on every run."] : []),
      ];
  return [
    header(model, options, noteLines.length > 0 ? ['', ...noteLines] : []),
    "import * as tf from '@tensorflow/tfjs';",
    ...(statements.length > 0 ? [`\n// ---- Custom layers (Runnable Zoo's src/network/layers/), registered so a saved model loads ----${sourceCode(statements)}`] : []),
    '\n// ---- The network, layer by layer ----',
    ...body,
    '',
    ...load,
    '',
  ].join('\n');
}

/**
 * The module for an architecture built at `config`, as "Use this network" offers it: builds the
 * network, notes which starting weights the definition set itself (before anything trains it: a
 * trained model's every weight would differ), writes the code and disposes the network.
 */
export async function architectureCode(
  architecture: AnyArchitecture,
  config: unknown,
  configName?: string,
  options: Pick<TfjsCodeOptions, 'inlineWeightLimit'> = {},
): Promise<string> {
  const model = architecture.build(config);
  try {
    return tfjsCode(model, { ...options, architecture, config, configName, weightNotes: await weightNotes(model) });
  } finally {
    model.dispose();
  }
}

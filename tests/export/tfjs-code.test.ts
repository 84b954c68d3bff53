import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import layerSources from 'virtual:layer-sources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import type { AnyArchitecture } from '../../src/architecture/types';
import { architectureCode, INLINE_WEIGHT_LIMIT, tfjsCode, weightNotes } from '../../src/export/tfjs-code';

/**
 * The generated module is imported the way a reader runs it: by Node, from a file beside a
 * node_modules that holds @tensorflow/tfjs (a link to the project's, so it is the same tfjs instance
 * as the definitions'). Every architecture's diagram and demo configs are checked; canonical sizes
 * are not (ImageNet-sized networks, and the same code path as the small ones).
 */
let dir = '';
let written = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rz-tfjs-code-'));
  symlinkSync(realpathSync('node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface GeneratedModule {
  readonly model: tf.LayersModel;
  loadModel(handler: tf.io.IOHandler): Promise<tf.LayersModel>;
}

async function importCode(code: string): Promise<GeneratedModule> {
  const file = join(dir, `network-${written++}.mjs`);
  writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as GeneratedModule;
}

/** A seeded random batch of one for each of the model's inputs, at the sizes the definition states. */
function randomInputs(architecture: AnyArchitecture, config: unknown): tf.Tensor[] {
  const shapes = architecture.shapes(config);
  return [shapes.input, ...(shapes.moreInputs ?? [])].map((shape, i) => tf.randomUniform([1, ...shape], 0, 1, 'float32', 17 + i));
}

const predict = (model: tf.LayersModel, inputs: tf.Tensor[]): tf.Tensor[] => {
  const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
  return Array.isArray(out) ? out : [out];
};

const largestDifference = (a: tf.Tensor[], b: tf.Tensor[]): number =>
  tf.tidy(() => Math.max(...a.map((t, i) => (t.shape.join() === b[i]!.shape.join() ? tf.max(tf.abs(tf.sub(t, b[i]!))).dataSync()[0]! : Infinity))));

/** Copies the definition's weights into the generated model, layer by layer in model order. */
function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  for (const layer of from.layers) to.getLayer(layer.name).setWeights(layer.getWeights());
}

async function saveAndLoad(model: tf.LayersModel, loadModel: GeneratedModule['loadModel']): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  return loadModel(tf.io.fromMemory(saved!));
}

/**
 * Whether the generated module builds `model` again: what differs, in words (empty: nothing).
 * `fresh`: its own starting weights must already give the definition's predictions (every seed
 * carried over, every weight the definition sets written out). Then, with the definition's weights
 * copied in, the predictions must agree; with `loadModel`, also after saving and loading. A seeded
 * sampling layer draws anew on each call, so calls are compared by their index: first with first.
 */
async function differences(
  architecture: AnyArchitecture,
  config: unknown,
  model: tf.LayersModel,
  generated: tf.LayersModel,
  { fresh = false, loadModel }: { fresh?: boolean; loadModel?: GeneratedModule['loadModel'] } = {},
): Promise<string[]> {
  const describe = (m: tf.LayersModel) => m.layers.map((l) => `${l.name}:${l.getClassName()}`);
  if (describe(generated).join() !== describe(model).join()) return [`layers ${describe(generated).join(' ')} ≠ ${describe(model).join(' ')}`];
  const problems: string[] = [];
  // Every setting as getConfig() gives it, so a setting dropped shows even where these inputs would not.
  for (const layer of model.layers) {
    const [mine, theirs] = [layer, generated.getLayer(layer.name)].map((l) => JSON.stringify(l.getConfig()));
    if (mine !== theirs) problems.push(`layer ${layer.name}: config ${theirs} ≠ ${mine}`);
  }
  if (generated.countParams() !== model.countParams()) problems.push(`${generated.countParams()} parameters ≠ ${model.countParams()}`);
  const inputs = randomInputs(architecture, config);
  const compare = (what: string, expected: tf.Tensor[], other: tf.LayersModel) => {
    try {
      const actual = predict(other, inputs);
      const difference = largestDifference(expected, actual);
      if (!(difference <= 1e-5)) problems.push(`${what} differ by ${difference}`);
      tf.dispose(actual);
    } catch (error) {
      problems.push(`${what}: predict fails: ${(error as Error).message}`);
    }
  };
  const first = predict(model, inputs);
  if (fresh) compare('predictions from its own starting weights', first, generated);
  else tf.dispose(predict(generated, inputs));
  copyWeights(model, generated);
  const loaded = loadModel && (await saveAndLoad(generated, loadModel));
  const second = predict(model, inputs);
  compare('predictions with the definition\'s weights', second, generated);
  if (loaded) {
    if (describe(loaded).join() !== describe(model).join()) problems.push(`loaded layers ${describe(loaded).join(' ')} ≠ ${describe(model).join(' ')}`);
    compare('predictions after saving and loading', first, loaded);
    loaded.dispose();
  }
  tf.dispose([inputs, first, second]);
  return problems;
}

const cases = registry.architectures.flatMap((architecture) =>
  (['diagram', 'demo'] as const).flatMap((key) => (architecture.configs[key] === undefined ? [] : [{ architecture, key }])),
);

describe('tfjsCode', () => {
  it.each(cases.map((c) => [`${c.architecture.id} (configs.${c.key})`, c] as const))(
    '%s builds again from its generated code: same layers, settings, parameters and predictions',
    async (_, { architecture, key }) => {
      const config = architecture.configs[key];
      const model = architecture.build(config);
      const notes = await weightNotes(model);
      const code = tfjsCode(model, { architecture, config, configName: `configs.${key}`, weightNotes: notes });
      // Where the weights the definition sets are few enough to write out, the module's own are the definition's.
      const noted = notes.flatMap((n) => n.weights!.map((i) => model.getLayer(n.layer).weights[i]!.read().size));
      const fresh = noted.reduce((sum, size) => sum + size, 0) <= INLINE_WEIGHT_LIMIT;
      for (const { identifier } of layerSources.classes)
        expect(code.split(`tf.serialization.registerClass(${identifier});`).length - 1, `${identifier} registered once at most`).toBeLessThanOrEqual(1);
      const { model: generated, loadModel } = await importCode(code);
      // Saved and loaded too, at the diagram size: the same classes and code at a size that builds fast.
      expect(await differences(architecture, config, model, generated, { fresh, loadModel: key === 'diagram' ? loadModel : undefined })).toEqual([]);
      generated.dispose();
      model.dispose();
    },
  );

  it.each([
    ['an activation', 'recurrent-network', /activation: 'tanh'/, "activation: 'relu'"],
    ['returnSequences', 'lstm', /returnSequences: true/, 'returnSequences: false'],
    ['a custom layer setting', 'capsule-network', /iterations: 3/, 'iterations: 1'],
  ] as const)('a generated module with %s changed does not pass as the network (%s)', async (_, id, from, to) => {
    const architecture = registry.get(id);
    const config = architecture.configs.diagram;
    const model = architecture.build(config);
    const code = tfjsCode(model, { architecture, config });
    expect(code).toMatch(from);
    const { model: tampered } = await importCode(code.replace(from, to));
    expect(await differences(architecture, config, model, tampered)).not.toEqual([]);
    tampered.dispose();
    model.dispose();
  });

  it('wires what no architecture uses yet: a shared layer, a layer with several outputs, wrappers, images', async () => {
    const seeded = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }) });
    const sequence = tf.input({ shape: [4, 3], name: 'sequence' });
    const image = tf.input({ shape: [6, 6, 2], name: 'image' });
    const [states, lastH, lastC] = tf.layers.lstm({ units: 3, returnSequences: true, returnState: true, name: 'lstm_states', ...seeded(1) }).apply(sequence) as tf.SymbolicTensor[];
    const perStep = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }), name: 'per_step' }).apply(states!) as tf.SymbolicTensor;
    const shared = tf.layers.dense({ units: 3, activation: 'relu', name: 'shared_dense', kernelInitializer: tf.initializers.heNormal({ seed: 4 }) });
    const fromH = shared.apply(lastH!) as tf.SymbolicTensor;
    const fromC = shared.apply(lastC!) as tf.SymbolicTensor;
    const pooled = tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'conv', kernelInitializer: tf.initializers.heUniform({ seed: 5 }) }).apply(image)) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ name: 'joined' }).apply([fromH, fromC, tf.layers.flatten({ name: 'flat' }).apply(pooled) as tf.SymbolicTensor, tf.layers.flatten({ name: 'flat_steps' }).apply(perStep) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [sequence, image], outputs: joined, name: 'wiring' });
    const architecture = { ...registry.get('lstm'), id: 'wiring', shapes: () => ({ input: [4, 3], moreInputs: [[6, 6, 2]], output: [1] }) } as AnyArchitecture;
    const code = tfjsCode(model, { architecture, config: {} });
    expect(code).toMatch(/^const sharedDenseLayer = tf\.layers\.dense\(.*\); \/\/ shared: called 2 times$/m);
    expect(code).toMatch(/sharedDenseLayer\.apply\(lstmStates\[1\]\)/);
    expect(code).toMatch(/tf\.layers\.timeDistributed\(\{ .*layer: tf\.layers\.dense\(/);
    const { model: generated, loadModel } = await importCode(code);
    expect(await differences(architecture, {}, model, generated, { fresh: true, loadModel })).toEqual([]);
    generated.dispose();
    model.dispose();
  });

  it.each([
    ['recurrent-network', 'simpleRNN'],
    ['bidirectional-gru', 'bidirectional({ mergeMode: \'concat\', layer: tf.layers.gru('],
    ['convolutional-network', 'conv1d'],
    ['convolutional-network', 'maxPooling1d'],
    ['resnet-50', 'zeroPadding2d'],
    ['resnet-50', 'globalAveragePooling2d'],
    ['dcign', 'conv2dTranspose'],
    ['minimal-gru', 'rnn({'],
  ] as const)('names tfjs\'s factory for each class: %s uses tf.layers.%s', (id, factory) => {
    const architecture = registry.get(id);
    const model = architecture.build(architecture.configs.diagram);
    expect(tfjsCode(model, { architecture, config: architecture.configs.diagram })).toContain(`tf.layers.${factory}`);
    model.dispose();
  });

  it('architectureCode builds an architecture at a config and writes its module, its set weights noted', async () => {
    const architecture = registry.get('lstm');
    const config = architecture.configs.demo!;
    const model = architecture.build(config);
    const expected = tfjsCode(model, { architecture, config, configName: 'configs.demo', weightNotes: await weightNotes(model) });
    model.dispose();
    expect(await architectureCode(architecture, config, 'configs.demo')).toBe(expected);
    expect(expected).toMatch(/^model\.getLayer\('memory'\)\.weights\[2\]\.write\(/m);
  });

  it('pastes every custom layer file together without a clash: one bundle, names kept apart', async () => {
    const code = ["import * as tf from '@tensorflow/tfjs';", ...layerSources.statements.map((s) => s.code)].join('\n');
    await importCode(code);
    const declared = layerSources.statements.flatMap((s) => s.names);
    expect(declared.length).toBe(new Set(declared).size);
  });

  it('writes a header naming paper and config, one line per layer, and the weights the definition sets, or says it does not', () => {
    const architecture = registry.get('lstm');
    const config = architecture.configs.diagram;
    const model = architecture.build(config);
    const weightNotes = [{ layer: 'memory', reason: 'set-after-build' }] as const;
    const code = tfjsCode(model, { architecture, config, configName: 'configs.diagram', weightNotes });
    expect(code).toContain(architecture.paper.title);
    expect(code).toContain(`configs.diagram: ${JSON.stringify(config)}`);
    expect(code).toMatch(/^const memory = tf\.layers\.lstm\(\{ name: 'memory', .*recurrentInitializer: tf\.initializers\.orthogonal\(\{ seed: \d+ \}\).*\.apply\(input\); \/\/ weights: written out below/m);
    expect(code).toMatch(/^export const model = tf\.model\(\{ inputs: \[input\], outputs: output, name: 'lstm' \}\);$/m);
    expect(code).toMatch(/^model\.getLayer\('memory'\)\.weights\[0\]\.write\(tf\.tensor\(\[.*\], \[2, 12\]\)\); \/\/ memory\/kernel$/m);
    // Past the limit, the line says the weights are not the definition's.
    const long = tfjsCode(model, { architecture, config, weightNotes, inlineWeightLimit: 0 });
    expect(long).toMatch(/\.apply\(input\); \/\/ weights: not reproduced \(the definition sets them after building\)/);
    expect(long).not.toContain('.write(');
    model.dispose();
  });
});

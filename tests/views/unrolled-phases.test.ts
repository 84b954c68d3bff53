import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { traceModel } from '../../src/graph/trace';
import { encoderDecoderPhases } from '../../src/views/unrolled';

const graphOf = (id: string) => {
  const architecture = registry.get(id);
  const model = architecture.build(architecture.configs.diagram);
  try {
    return traceModel(model, id);
  } finally {
    model.dispose();
  }
};

describe('the unrolled view’s encoder and decoder runs', () => {
  it('finds them where only attention reads join two parts of the network: a sequence-to-sequence network', () => {
    const phases = encoderDecoderPhases(graphOf('seq2seq'));
    expect(phases).toBeDefined();
    expect([...phases![0]].sort()).toEqual(['encoder_1', 'encoder_2', 'keys', 'source', 'source_embedding']);
    expect([...phases![1]].sort()).toEqual(['attentional', 'context', 'decoder_1', 'decoder_2', 'output', 'previous_target', 'score', 'target_embedding']);
  });

  it('finds none where the decoder also reads the encoder step by step, or where nothing attends', () => {
    for (const id of ['attention-network', 'stacked-lstm', 'neural-turing-machine', 'differentiable-neural-computer']) expect(encoderDecoderPhases(graphOf(id)), id).toBeUndefined();
  });
});

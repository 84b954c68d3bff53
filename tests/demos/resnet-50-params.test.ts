import { describe, expect, it } from 'vitest';
import params from '../../src/demos/architectures/resnet-50.params';
import { parseParams } from '../../src/demos/params';
import resnet from '../../src/zoo/resnet-50';

describe('resnet-50 demo parameters', () => {
  it('default to the definition’s demo configuration, so an untouched form runs what the article describes', () => {
    const { blocks, steps, learningRate } = parseParams(params, {});
    expect(resnet.configs.demo!.blocks).toEqual([blocks]);
    // The article quotes these defaults: 4 blocks (14 layers), 30 steps, learning rate 0.08.
    expect([blocks, steps, learningRate]).toEqual([4, 30, 0.08]);
  });
});

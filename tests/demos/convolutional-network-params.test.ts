import { describe, expect, it } from 'vitest';
import params from '../../src/demos/architectures/convolutional-network.params';
import { parseParams } from '../../src/demos/params';
import cnn from '../../src/zoo/convolutional-network';

describe('convolutional-network demo parameters', () => {
  it('default to the definition’s demo configuration, so an untouched form runs what the article describes', () => {
    const { filters, trainImages, epochs } = parseParams(params, {});
    expect(cnn.configs.demo).toMatchObject({ filters });
    // The article quotes these defaults: 400 training images, 10 epochs, 597 held-out digits.
    expect([trainImages, epochs]).toEqual([400, 10]);
    expect(params.find((p) => p.name === 'trainImages')!.max).toBeLessThanOrEqual(1200);
  });
});

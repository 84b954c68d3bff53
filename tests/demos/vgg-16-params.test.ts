import { describe, expect, it } from 'vitest';
import params from '../../src/demos/architectures/vgg-16.params';
import { parseParams } from '../../src/demos/params';
import vgg from '../../src/zoo/vgg-16';

describe('vgg-16 demo parameters', () => {
  it('default to the definition’s demo configuration, so an untouched form runs what the article describes', () => {
    const { filters, trainImages, epochs } = parseParams(params, {});
    expect(vgg.configs.demo).toMatchObject({ filters: [filters, 2 * filters], stages: [2, 2], kernel: 3 });
    // The article quotes these defaults: 300 training images, 6 epochs, 597 held-out digits.
    expect([trainImages, epochs]).toEqual([300, 6]);
    expect(params.find((p) => p.name === 'trainImages')!.max).toBeLessThanOrEqual(1200);
  });
});

import { describe, expect, it } from 'vitest';
import alexnetParams from '../../src/demos/architectures/alexnet.params';
import zfnetParams from '../../src/demos/architectures/zfnet.params';
import { parseParams } from '../../src/demos/params';
import zfnet from '../../src/zoo/zfnet';

describe('alexnet and zfnet demo parameters', () => {
  it('default to what the AlexNet article describes: 200 digits, 6 epochs, a learning rate of about 0.005, a 25 % target', () => {
    const { trainImages, epochs, learningRate, target } = parseParams(alexnetParams, {});
    expect([trainImages, epochs, target]).toEqual([200, 6, 0.25]);
    expect(learningRate).toBeCloseTo(0.005, 4);
    // The slider's 0.01, which the article quotes too.
    expect(parseParams(alexnetParams, { learningRate: '-2' }).learningRate).toBeCloseTo(0.01, 10);
  });

  it('default to what the ZFNet article describes: 300 digits, 6 epochs, the definition’s demo seed, never the test digits', () => {
    const { trainImages, epochs, seed } = parseParams(zfnetParams, {});
    expect([trainImages, epochs]).toEqual([300, 6]);
    expect(seed).toBe(zfnet.configs.demo!.seed);
    expect(zfnetParams.find((p) => p.name === 'trainImages')!.max).toBeLessThanOrEqual(1200);
  });
});

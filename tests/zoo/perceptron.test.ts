import { describe, expect, it } from 'vitest';
import perceptron, { trainPerceptronRule } from '../../src/zoo/perceptron';

const inputs = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

describe('perceptron', () => {
  it('learns AND with the perceptron rule and then classifies all four cases', () => {
    const model = perceptron.build(perceptron.configs.diagram);
    const result = trainPerceptronRule(model, inputs, [0, 0, 0, 1], { epochs: 100, learningRate: 0.1 });
    expect(result.converged).toBe(true);
    expect(result.accuracy).toBe(1);
    model.dispose();
  });

  it('cannot learn XOR: the rule never converges and at most three of four cases are right', () => {
    const model = perceptron.build(perceptron.configs.diagram);
    const result = trainPerceptronRule(model, inputs, [0, 1, 1, 0], { epochs: 1000, learningRate: 0.1 });
    expect(result.converged).toBe(false);
    expect(result.epochs).toBe(1000);
    expect(result.accuracy).toBeLessThanOrEqual(0.75);
    model.dispose();
  });
});

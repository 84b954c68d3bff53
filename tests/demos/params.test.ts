import { describe, expect, it } from 'vitest';
import drnParams from '../../src/demos/architectures/deep-residual-network.params';
import esnParams from '../../src/demos/architectures/echo-state-network.params';
import elmParams from '../../src/demos/architectures/extreme-learning-machine.params';
import kohonenParams from '../../src/demos/architectures/kohonen-network.params';
import rbfParams from '../../src/demos/architectures/radial-basis-network.params';
import { defineParams, formatParam, parseParams, type ParamSpec } from '../../src/demos/params';
import drn, { depthOf } from '../../src/zoo/deep-residual-network';
import esn from '../../src/zoo/echo-state-network';
import elm from '../../src/zoo/extreme-learning-machine';
import kohonen from '../../src/zoo/kohonen-network';
import rbf from '../../src/zoo/radial-basis-network';

const size: ParamSpec = { name: 'units', label: 'Reservoir size', hint: '', scale: 'linear', min: 20, max: 400, step: 10, value: 100 };
const ridge: ParamSpec = { name: 'ridge', label: 'Ridge penalty', hint: '', scale: 'log10', min: -9, max: 0, step: 1, value: -6 };
const radius: ParamSpec = { name: 'spectralRadius', label: 'Spectral radius', hint: '', scale: 'linear', min: 0.1, max: 1.5, step: 0.05, value: 0.9 };
const schema = defineParams([size, ridge, radius]);

describe('demo parameters', () => {
  it('parses slider strings into values, 10^exponent on a log scale, and fills in defaults', () => {
    expect(parseParams(schema, { units: '250', ridge: '-3', spectralRadius: '1.35' })).toEqual({ units: 250, ridge: 1e-3, spectralRadius: 1.35 });
    expect(parseParams(schema, {})).toEqual({ units: 100, ridge: 1e-6, spectralRadius: 0.9 });
  });

  it('rejects values off the range or the step grid, naming each field in one error', () => {
    expect(() => parseParams(schema, { units: '405' })).toThrow('invalid reservoir size: 405 (expected 20 to 400 in steps of 10)');
    expect(() => parseParams(schema, { units: '25' })).toThrow('invalid reservoir size: 25');
    expect(() => parseParams(schema, { ridge: '2' })).toThrow('invalid ridge penalty: 1e2 (expected 1e-9 to 1e0 in steps of 1 in the exponent)');
    expect(() => parseParams(schema, { units: 'many', spectralRadius: '9' })).toThrow(/invalid reservoir size: NaN.*; invalid spectral radius: 9/);
    expect(() => parseParams(schema, { seed: '3' })).toThrow('unknown parameter: seed');
  });

  it('accepts decimal steps despite binary rounding (0.1 + 27 × 0.05)', () => {
    expect(parseParams(schema, { spectralRadius: String(0.1 + 27 * 0.05) }).spectralRadius).toBeCloseTo(1.45, 12);
  });

  it('fails at definition for a bad schema: duplicate names, empty ranges, defaults off the grid', () => {
    expect(() => defineParams([size, size])).toThrow('parameter units: duplicate name');
    expect(() => defineParams([{ ...size, min: 400, max: 20 }])).toThrow('parameter units: invalid range: min 400, max 20, step 10');
    expect(() => defineParams([{ ...size, value: 105 }])).toThrow('parameter units: default invalid reservoir size: 105');
    expect(() => defineParams([{ ...size, name: 'reservoir size' }])).toThrow('parameter reservoir size: invalid name');
  });

  it('shows values as the inline slider script does', () => {
    expect(formatParam(size, 250)).toBe('250');
    expect(formatParam(ridge, -6)).toBe('1e-6');
  });

  it('defaults to the definitions’ demo configurations, so an untouched form runs what the article describes', () => {
    const esnDefaults = parseParams(esnParams, {});
    const { ridge: esnRidge, ...reservoir } = esnDefaults;
    expect(esn.configs.demo).toMatchObject(reservoir);
    expect(esnRidge).toBeCloseTo(1e-6, 12);
    const { ridge: elmRidge, ...hidden } = parseParams(elmParams, {});
    expect(elm.configs.demo).toMatchObject(hidden);
    expect(elmRidge).toBeCloseTo(1e-5, 12);
    const { epochs, ...bumps } = parseParams(rbfParams, {});
    expect(rbf.configs.demo).toMatchObject(bumps);
    expect(epochs, 'the classic two-stage fit, no gradient epochs').toBe(0);
    const map = parseParams(kohonenParams, {});
    expect(kohonen.configs.demo).toMatchObject({ rows: map.side, columns: map.side });
    const stack = parseParams(drnParams, {});
    expect([depthOf(drn.configs.demo!.blocks), drn.configs.demo!.width]).toEqual([stack.depth, stack.width]);
  });

  it('lets the reader choose only even depths for the residual demo: a stem, whole blocks of two, an output', () => {
    const depth = drnParams.find((p) => p.name === 'depth')!;
    expect([depth.min % 2, depth.step % 2]).toEqual([0, 0]);
  });

  it('lets the reader push the spectral radius above 1, where the echo-state property can break', () => {
    expect(esnParams.find((p) => p.name === 'spectralRadius')!.max).toBeGreaterThan(1.2);
  });
});

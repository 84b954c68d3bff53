import { describe, expect, it } from 'vitest';
import { registry } from '../../src/architecture/registry.vite';
import { architectureProp, diagramSvg, viewProp } from '../../src/components/props';

describe('component props', () => {
  it('fail the build naming the component, the prop, what it got and what it expects', () => {
    const known = registry.architectures.map((a) => a.id).join(', ');
    expect(() => architectureProp('Diagram', 'echo-state-netwrok')).toThrow(`<Diagram id="echo-state-netwrok">: unknown architecture (expected one of ${known})`);
    const perceptron = architectureProp('Diagram', 'perceptron');
    expect(() => viewProp('Diagram', perceptron, 'unrolled')).toThrow('<Diagram id="perceptron" view="unrolled">: no such diagram (expected one of cells)');
  });

  it('resolve a valid id and view to the committed SVG', () => {
    const esn = architectureProp('Diagram', 'echo-state-network');
    expect(diagramSvg('Diagram', esn.id, viewProp('Diagram', esn, 'unrolled'))).toContain('data-view="unrolled"');
  });
});

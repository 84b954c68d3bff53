import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverRegistry } from '../../src/architecture/discover';
import { createRegistry } from '../../src/architecture/registry';
import { registry } from '../../src/architecture/registry.vite';
import perceptron from '../../src/zoo/perceptron';
import { PROJECT_ROOT } from '../support/temp-project';

describe('registry', () => {
  it('holds exactly one architecture per file in src/zoo, in id order', () => {
    const files = readdirSync(new URL('../../src/zoo', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(registry.architectures.map((a) => a.id)).toEqual(files);
  });

  it('finds the same architectures through Node discovery (CLI) as through Vite (site, tests)', async () => {
    const node = await discoverRegistry(PROJECT_ROOT);
    expect(node.architectures.map((a) => a.id)).toEqual(registry.architectures.map((a) => a.id));
    expect(node.sourceOf('perceptron')).toBe('src/zoo/perceptron.ts');
  });

  it('rejects a definition whose id differs from its file name', () => {
    expect(() => createRegistry([{ path: 'src/zoo/rosenblatt.ts', exports: { default: perceptron } }])).toThrow(
      'src/zoo/rosenblatt.ts: id "perceptron" must equal the file name "rosenblatt"',
    );
  });

  it('rejects a file without a default-exported definition', () => {
    expect(() => createRegistry([{ path: 'src/zoo/empty.ts', exports: {} }])).toThrow('src/zoo/empty.ts: expected an object, but got undefined');
  });

  it('names the known ids when asked for an unknown one', () => {
    const known = registry.architectures.map((a) => a.id).join(', ');
    expect(() => registry.get('percepton')).toThrow(`unknown architecture: "percepton" (known: ${known})`);
  });
});

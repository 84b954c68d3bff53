import { describe, expect, it } from 'vitest';
import { imageGridSvg } from '../../src/demos/image-grid';
import { parseSvg } from '../support/svg-metadata';

/** Fill opacities of a drawn grid, one per grey-level path, in document order. */
const opacities = (svg: string) => [...svg.matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('image grid (every demo’s image renderer)', () => {
  const spec = { title: 'T', description: 'D', width: 2 };

  it('draws grey levels as ink opacity: 0 is paper, 1 full ink, values outside 0…1 clipped', () => {
    const svg = imageGridSvg({ ...spec, rows: [{ images: [{ pixels: [0, 0.5, 1, 3] }] }] });
    expect(opacities(svg)).toEqual([0.5, 1]);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>T<\/title><desc>D<\/desc>/);
  });

  it('stretches each image from its lowest to its highest value on a per-image scale (kernels with negative weights)', () => {
    const svg = imageGridSvg({ ...spec, scale: 'per-image', rows: [{ images: [{ pixels: [-0.2, -0.1, -0.1, 0] }] }] });
    expect(opacities(svg)).toEqual([0.5, 1]);
  });

  it('labels rows on the left and captions images underneath, as text a screen reader finds', () => {
    const svg = imageGridSvg({ ...spec, rows: [{ label: 'original', images: [{ pixels: [1, 0, 0, 1], caption: '7 → 7' }] }] });
    const texts = parseSvg(svg).elements.filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(['original', '7 → 7']);
  });

  it('refuses an empty grid, naming it', () => {
    expect(() => imageGridSvg({ ...spec, rows: [{ images: [] }] })).toThrow('image grid "T": no images');
  });
});

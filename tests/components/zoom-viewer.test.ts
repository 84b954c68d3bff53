import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pinchScale } from '../../src/components/zoom-viewer';
import { PROJECT_ROOT } from '../support/temp-project';

const read = (path: string) => readFileSync(`${PROJECT_ROOT}${path}`, 'utf8');

/** Every touch-action the site's own styles and components declare, with where. */
function touchActions(): { where: string; selector: string; value: string }[] {
  const files = [
    ...readdirSync(`${PROJECT_ROOT}src/styles`).map((f) => `src/styles/${f}`),
    ...readdirSync(`${PROJECT_ROOT}src/components`).map((f) => `src/components/${f}`),
  ];
  return files.flatMap((where) =>
    [...read(where).matchAll(/([^{}]*)\{[^{}]*?touch-action\s*:\s*([^;}]+)/g)].map((m) => ({ where, selector: m[1]!.trim().split('\n').at(-1)!.trim(), value: m[2]!.trim() })),
  );
}

/** Whether a touch-action value leaves pinch-zoom to the reader (CSS Pointer Events: auto, manipulation, or a list with pinch-zoom). */
const allowsPinch = (value: string) => value === 'auto' || value === 'manipulation' || value.split(/\s+/).includes('pinch-zoom');

describe('the zoom viewer on a phone', () => {
  it('lets readers pinch: no style of the site forbids pinch-zooming, and the zoom stage allows it', () => {
    const declared = touchActions();
    expect(declared.filter((d) => !allowsPinch(d.value)).map((d) => `${d.where}: ${d.selector} { touch-action: ${d.value} }`)).toEqual([]);
    const stage = declared.find((d) => d.selector === '.rz-zoom-stage');
    expect(stage?.value).toBeDefined();
  });

  it('zooms with the spread of the fingers, from the scale the pinch started at, within the viewer’s range', () => {
    expect(pinchScale(1, 100, 150)).toBeCloseTo(1.5);
    expect(pinchScale(2, 200, 100)).toBeCloseTo(1);
    expect(pinchScale(3, 100, 1000)).toBe(4);
    expect(pinchScale(0.5, 100, 1)).toBe(0.25);
    expect(pinchScale(1.5, 0, 100), 'fingers that started together change nothing').toBe(1.5);
  });
});

/**
 * What a reader sees, not what the stylesheet lists: in the built site, in Chromium, in the light and
 * the dark theme, every inline diagram on every page (articles, guides, the home page's thumbnails)
 * is checked element by element. Every text must reach 4.5:1 and every glyph 3:1 (WCAG 1.4.3 and
 * 1.4.11) against what it is painted on: the fill of the shape behind it, else the page's background.
 * Colours are the computed ones (getComputedStyle after the theme's custom properties resolve), so a
 * colour that no list of pairs names is checked too. Run on the desktop visit of each page in each
 * colour scheme, as the page loaded in it (tests/browser/diagram-contrast.test.ts checks that every
 * page with an inline diagram is among the visited pages).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { pageCheck } from '../../support/page-checks';
import { DIST_DIR } from '../../support/site-browser';

/** Built pages that inline a diagram, as URL paths, with how many diagrams each inlines. */
export function pagesWithDiagrams(): [string, number][] {
  // Without a build, useBuiltSite() fails the suite with what to run; there is nothing to list.
  if (!existsSync(DIST_DIR)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name === 'index.html' ? [join(dir, e.name)] : []));
  return walk(DIST_DIR)
    .map((file): [string, number] => [`/${relative(DIST_DIR, file).replace(/index\.html$/, '')}`, readFileSync(file, 'utf8').match(/<svg[^>]*\bclass="rz-diagram"/g)?.length ?? 0])
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

const DIAGRAMS_ON = new Map(pagesWithDiagrams());

interface Failure {
  readonly diagram: string;
  readonly what: string;
  /** The two colours, e.g. "rgb(31,35,40) on rgb(23,24,28)". */
  readonly colours: string;
  readonly ratio: number;
  readonly minimum: number;
}

/**
 * Runs in the page: every text and glyph of every `svg.rz-diagram`, its paint against what lies under
 * it. Returns the failures and how many diagrams and elements were measured.
 */
function measureDiagrams(): { diagrams: number; measured: number; failures: Failure[]; unclassified: string[] } {
  type Rgba = [number, number, number, number];
  const parse = (text: string): Rgba | undefined => {
    const m = /^rgba?\(([^)]*)\)$/.exec(text.trim());
    if (!m) return undefined;
    const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: Rgba) => {
    const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };
  /** The page's own background behind an element: the first ancestor that paints one, over white. */
  const pageBackground = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let e: Element | null = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] === 1) break;
      }
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const paintOf = (element: Element, property: 'fill' | 'stroke'): Rgba | undefined => {
    const style = getComputedStyle(element);
    const c = parse(property === 'fill' ? style.fill : style.stroke);
    if (!c) return undefined;
    const opacity = Number(property === 'fill' ? style.fillOpacity : style.strokeOpacity) * Number(style.opacity);
    return c[3] * opacity > 0 ? [c[0], c[1], c[2], c[3] * opacity] : undefined;
  };

  type Measured = { ratio: number; colours: string };
  const css = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(',')})`;
  const pair = (fg: Rgba, bg: Rgba): Measured => ({ ratio: contrast(over(fg, bg), bg), colours: `${css(fg)} on ${css(bg)}` });
  /** The stronger of two ways to stand out (a body by its outline or by its fill). */
  const stronger = (a: Measured | undefined, b: Measured | undefined): Measured => [a, b].filter((m): m is Measured => !!m).sort((x, y) => y.ratio - x.ratio)[0] ?? { ratio: 1, colours: 'no paint' };
  const failures: Failure[] = [];
  const unclassified = new Set<string>();
  let measured = 0;
  const diagrams = [...document.querySelectorAll<SVGSVGElement>('svg.rz-diagram')];
  diagrams.forEach((svg, index) => {
    const name = `${svg.dataset.architecture ?? 'legend'}.${svg.dataset.view ?? index}`;
    const all = [...svg.querySelectorAll('*')];
    const order = new Map(all.map((e, i) => [e, i]));
    // What is drawn: not a definition, and not hidden (a thumbnail hides its legend).
    const displayed = (e: Element): boolean => {
      for (let a: Element | null = e; a && a !== svg.parentElement; a = a.parentElement) if (getComputedStyle(a).display === 'none') return false;
      return true;
    };
    const drawn = (e: Element) => !e.closest('defs, marker, title, desc, style') && displayed(e);
    const shapeSelector = 'rect, circle, ellipse, path, polygon, polyline, line';
    /** Shapes whose fill can lie under something, with their screen boxes. */
    const grounds = [...svg.querySelectorAll<SVGGeometryElement>(shapeSelector)]
      .filter((s) => drawn(s) && paintOf(s, 'fill'))
      .map((s) => ({ s, box: s.getBoundingClientRect(), ctm: s.getScreenCTM()!.inverse() }));
    const svgGround = pageBackground(svg);
    /**
     * Is the point (in the shape's own coordinates) inside its fill? Circles and rectangles are
     * answered from their geometry: Chromium's isPointInFill misses points well inside a small circle.
     */
    const containsPoint = (s: SVGGeometryElement, q: DOMPoint): boolean => {
      if (s instanceof SVGCircleElement) return Math.hypot(q.x - s.cx.baseVal.value, q.y - s.cy.baseVal.value) <= s.r.baseVal.value;
      if (s instanceof SVGRectElement) {
        const [x, y, w, h] = [s.x, s.y, s.width, s.height].map((l) => l.baseVal.value) as [number, number, number, number];
        return q.x >= x && q.x <= x + w && q.y >= y && q.y <= y + h;
      }
      return s.isPointInFill(q);
    };
    /** What is painted at screen point p below element `e`: the topmost earlier fill there, else the page. */
    const groundAt = (e: Element, p: DOMPoint): { colour: Rgba; by: string } => {
      const before = order.get(e)!;
      for (let k = grounds.length - 1; k >= 0; k--) {
        const { s, box, ctm } = grounds[k]!;
        if (order.get(s)! >= before || s.contains(e)) continue;
        if (p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom) continue;
        if (!containsPoint(s, p.matrixTransform(ctm))) continue;
        const fill = paintOf(s, 'fill')!;
        const by = `${s.tagName}.${(s.getAttribute('class') ?? '').split(' ').join('.')}`;
        return fill[3] === 1 ? { colour: fill, by } : { colour: over(fill, groundAt(s, p).colour), by };
      }
      return { colour: svgGround, by: 'the page' };
    };
    const toScreen = (e: SVGGraphicsElement, x: number, y: number) => new DOMPoint(x, y).matrixTransform(e.getScreenCTM()!);
    const inside = (e: SVGGraphicsElement): DOMPoint[] => {
      const b = e.getBBox();
      return [
        [0.5, 0.5],
        [0.25, 0.5],
        [0.75, 0.5],
      ].map(([fx, fy]) => toScreen(e, b.x + b.width * fx!, b.y + b.height * fy!));
    };
    const along = (e: SVGGeometryElement): DOMPoint[] => {
      const length = e.getTotalLength();
      const n = Math.max(2, Math.min(40, Math.ceil(length / 12)));
      return Array.from({ length: n - 1 }, (_, k) => {
        const q = e.getPointAtLength((length * (k + 1)) / n);
        return toScreen(e, q.x, q.y);
      });
    };
    const check = (what: string, { ratio, colours }: Measured, minimum: number) => {
      measured++;
      if (ratio < minimum) failures.push({ diagram: name, what, colours, ratio: Math.round(ratio * 100) / 100, minimum });
    };
    const nameOf = (e: Element) => {
      const cls = e.getAttribute('class') ?? '';
      const owner = e.closest('[data-node],[data-from],.rz-legend,[data-group-box]');
      const where = owner?.getAttribute('data-node') ?? owner?.getAttribute('data-from') ?? owner?.getAttribute('data-group-box') ?? (owner?.classList.contains('rz-legend') ? 'legend' : '');
      return `${e.tagName}${cls ? `.${cls.split(' ').join('.')}` : ''}${e.tagName === 'text' ? ` "${e.textContent}"` : ''}${where ? ` (${where})` : ''}`;
    };
    /** The lowest contrast of `paint` (composited, if translucent) over what lies under `e` at the points, and the colours. */
    const worst = (paint: Rgba, e: Element, points: DOMPoint[]): Measured => {
      let result: Measured = { ratio: Infinity, colours: '' };
      for (const p of points) {
        const { colour: ground, by } = groundAt(e, p);
        const ratio = contrast(over(paint, ground), ground);
        if (ratio < result.ratio) result = { ratio, colours: `${css(paint)} on ${css(ground)} (${by})` };
      }
      return result;
    };
    /** A path's vertices (where markers go): every point of M and L, the end point of each C. */
    const vertices = (d: string): [number, number][] => {
      const result: [number, number][] = [];
      for (const [, command, args] of d.matchAll(/([MLC])([^MLCZ]*)/g)) {
        const n = args!.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/g)?.map(Number) ?? [];
        const pairs: [number, number][] = [];
        for (let k = 0; k + 1 < n.length; k += 2) pairs.push([n[k]!, n[k + 1]!]);
        result.push(...(command === 'C' ? pairs.filter((_, k) => k % 3 === 2) : pairs));
      }
      return result;
    };

    for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
      if (!drawn(text) || !text.textContent?.trim()) continue;
      const fill = paintOf(text, 'fill');
      if (!fill) continue;
      check(nameOf(text), worst(fill, text, inside(text)), 4.5);
    }
    for (const shape of svg.querySelectorAll<SVGGeometryElement>(shapeSelector)) {
      if (!drawn(shape)) continue;
      const is = (selector: string) => shape.matches(selector);
      const fill = paintOf(shape, 'fill');
      const stroke = paintOf(shape, 'stroke');
      if (is('.rz-group, .rz-step, .rz-frame-body')) continue; // containers: they hold glyphs, they are not read
      if (is('.rz-body, .rz-op-body, .rz-terminal-body, .rz-layer-body')) {
        // A body stands out by its outline or by its fill, whichever is stronger.
        const points = inside(shape);
        check(nameOf(shape), stronger(fill && worst(fill, shape, points), stroke && worst(stroke, shape, points)), 3);
      } else if (is('.rz-kind-residual-core')) {
        // A light core down the middle of a residual's wide stroke: it sits on that stroke.
        const under = shape.previousElementSibling ? paintOf(shape.previousElementSibling, 'stroke') : undefined;
        check(nameOf(shape), stronger(stroke && under && pair(stroke, under), undefined), 3);
      } else if (is('.rz-badge rect')) {
        check(nameOf(shape), stronger(stroke && worst(stroke, shape, inside(shape)), undefined), 3);
      } else if (is('.rz-mark-fill, .rz-marker-solid')) {
        check(nameOf(shape), stronger(fill && worst(fill, shape, inside(shape)), undefined), 3);
      } else if (is('.rz-mark, .rz-edge, .rz-flow, .rz-lattice, .rz-tensor, [data-from]')) {
        check(nameOf(shape), stronger(stroke && worst(stroke, shape, along(shape)), undefined), 3);
      } else unclassified.add(nameOf(shape));

      // Markers (arrowheads, ◇, dots) are painted where the line starts, bends and ends.
      const points = vertices(shape.getAttribute('d') ?? '').map(([x, y]) => toScreen(shape, x, y));
      const style = getComputedStyle(shape);
      for (const [property, at] of [
        ['markerStart', points.slice(0, 1)],
        ['markerMid', points.slice(1, -1)],
        ['markerEnd', points.slice(-1)],
      ] as const) {
        const id = /url\("?#([^")]+)"?\)/.exec(style[property])?.[1];
        const marker = id ? svg.querySelector(`[id="${id}"]`) : null;
        if (!marker || at.length === 0) continue;
        for (const glyph of marker.querySelectorAll<SVGGeometryElement>(shapeSelector)) {
          const [mFill, mStroke] = [paintOf(glyph, 'fill'), paintOf(glyph, 'stroke')];
          const paint = mStroke ?? mFill;
          if (!paint) continue;
          check(`${nameOf(glyph)} marker on ${nameOf(shape)}`, worst(paint, shape, at), 3);
          // An outlined marker (◇) must also stand out against its own fill.
          if (mStroke && mFill) check(`${nameOf(glyph)} outline on its fill, on ${nameOf(shape)}`, pair(mStroke, mFill), 3);
        }
      }
    }
  });
  return { diagrams: diagrams.length, measured, failures, unclassified: [...unclassified] };
}

pageCheck(
  'keeps every inline diagram’s text at 4.5:1 and glyphs at 3:1 against what they are painted on',
  { paths: (path) => DIAGRAMS_ON.has(path), devices: ['desktop'] },
  async ({ page, path, scheme }) => {
    const count = DIAGRAMS_ON.get(path)!;
    const { diagrams, measured, failures, unclassified } = await page.evaluate(measureDiagrams);
    expect(diagrams, `${path}: inline diagrams`).toBe(count);
    expect(measured).toBeGreaterThan(10 * count);
    expect(unclassified, `${path}: shapes the check does not know how to read`).toEqual([]);
    // One line per kind of failure, with its worst ratio and how often it occurs.
    const byWhat = new Map<string, { worst: Failure; n: number }>();
    for (const f of failures) {
      const key = `${scheme}: ${f.diagram}: ${f.what.replace(/ \([^)]*\)/g, '')}`;
      const seen = byWhat.get(key);
      byWhat.set(key, { worst: seen && seen.worst.ratio <= f.ratio ? seen.worst : f, n: (seen?.n ?? 0) + 1 });
    }
    const report = [...byWhat].map(([key, { worst, n }]) => `${key}: ${worst.ratio}:1 < ${worst.minimum}:1, ${worst.colours} (${n}×, e.g. ${worst.what})`);
    expect(report).toEqual([]);
  },
);

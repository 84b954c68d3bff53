/**
 * The diagram's CSS, written so that every renderer gets real colours:
 *
 * 1. Plain rules (`fill:#…`) carry the light colours. librsvg, resvg, Inkscape and PDF pipelines know
 *    no custom properties: they read these and nothing else.
 * 2. One `@supports (color:var(--rz-ink))` block repeats every colour as `var(--rz-…)`. Only renderers
 *    that understand custom properties enter it; the others skip the whole block. (A second
 *    declaration in the same rule is not enough: resvg takes `fill:var(…)` as the value it cannot
 *    read and paints black.)
 * 3. `--rz-…` is `var(--zoo-…, <default>)`, with dark defaults under `prefers-color-scheme:dark`: the
 *    site themes inline SVGs by setting `--zoo-*` (src/styles/theme.css); a standalone file in a
 *    browser follows the viewer's colour scheme.
 *
 * All three are generated from one palette and one rule list, so they cannot disagree. Colour is
 * never the only cue: cell types have marks, kinds have dash patterns. Cells keep pastel fills in
 * both schemes, so their outline and marks stay dark in both.
 */

/** Light colours: the plain defaults, and what a browser shows in a light colour scheme. */
export const LIGHT_COLOURS = {
  ink: '#1f2328',
  muted: '#59636e',
  paper: '#ffffff',
  group: '#f6f8fa',
  'group-line': '#d1d9e0',
  edge: '#59636e',
  delay: '#0a5cc2',
  'cell-ink': '#1f2328',
  'cell-input': '#f9e07f',
  'cell-hidden': '#9fd89f',
  'cell-output': '#f5b57f',
  'cell-recurrent': '#8ec5f0',
  'cell-kernel': '#c9a8e8',
  'cell-convolution': '#f3a6c8',
} as const;

export type ColourToken = keyof typeof LIGHT_COLOURS;

/** What changes in a dark colour scheme (standalone files in a browser); the rest stays as in light. */
export const DARK_COLOURS: Readonly<Partial<Record<ColourToken, string>>> = {
  ink: '#e6edf3',
  muted: '#9198a1',
  paper: '#0d1117',
  group: '#151b23',
  'group-line': '#3d444d',
  edge: '#9198a1',
  delay: '#4493f8',
};

/**
 * DejaVu Sans first: resvg (PNG export) ships it and most Linux systems have it, so renders agree;
 * it is also the widest face of the stack, which is what layout's text-width estimate is sized for.
 */
const FONT_FAMILY = `'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,sans-serif`;

type Paint = Partial<Record<'fill' | 'stroke', ColourToken>>;

export interface Rule {
  /** Selectors inside the diagram, comma-separated; each is scoped to `.rz-diagram`. */
  readonly selector: string;
  readonly paint?: Paint;
  /** Everything that is not a colour. */
  readonly other?: string;
}

const RULES: readonly Rule[] = [
  { selector: 'text', paint: { fill: 'ink' }, other: `font-family:${FONT_FAMILY}` },
  { selector: '.rz-label', other: 'font-size:12px;font-weight:700' },
  { selector: '.rz-caption,.rz-legend-text', paint: { fill: 'muted' }, other: 'font-size:10px' },
  { selector: '.rz-legend-title,.rz-step-label', other: 'font-size:13px;font-weight:700' },
  { selector: '.rz-group', paint: { fill: 'group', stroke: 'group-line' }, other: 'stroke-width:1' },
  { selector: '.rz-step', paint: { stroke: 'group-line' }, other: 'fill:none;stroke-dasharray:4 4' },
  { selector: '.rz-edge', paint: { stroke: 'edge' }, other: 'fill:none;stroke-width:1.3' },
  { selector: '.rz-kind-complete', other: 'stroke-width:1.1;stroke-dasharray:14 2' },
  { selector: '.rz-kind-local', other: 'stroke-dasharray:3 2' },
  { selector: '.rz-kind-sparse', other: 'stroke-dasharray:0.1 3.4;stroke-linecap:round;stroke-width:2' },
  { selector: '.rz-kind-recurrent', paint: { stroke: 'delay' }, other: 'stroke-dasharray:6 3' },
  // A chain running backward in time (data-delay="-1"): dash-dot-dot, told from the forward chain's dashes without colour.
  { selector: '.rz-kind-recurrent.rz-delay-backward', other: 'stroke-dasharray:7 2.5 1.5 2.5 1.5 2.5' },
  { selector: '.rz-kind-residual', other: 'stroke-width:4' },
  { selector: '.rz-kind-residual-core', paint: { stroke: 'paper' }, other: 'stroke-width:1.6;fill:none' },
  { selector: '.rz-kind-pool', other: 'stroke-width:1.1;stroke-dasharray:1.5 1.5' },
  // Dash, dash, dot: told from attention's long dash and dot, and from pooling's even dots, without colour.
  { selector: '.rz-kind-normalise', other: 'stroke-width:1.2;stroke-dasharray:4 1.5 4 1.5 1.2 1.5' },
  { selector: '.rz-kind-attention', other: 'stroke-dasharray:8 3 1.5 3' },
  { selector: '.rz-kind-carry', paint: { stroke: 'delay' }, other: 'stroke-width:2.6;stroke-dasharray:10 3' },
  // A carried state running backward in time: its thick stroke, dash-dot like the backward chain's weights.
  { selector: '.rz-kind-carry.rz-delay-backward', other: 'stroke-dasharray:10 3 2 3' },
  { selector: '.rz-kind-coefficient', other: 'stroke-width:1.5;stroke-dasharray:1.5 2 1.5 2 1.5 6' },
  { selector: '.rz-kind-sample', other: 'stroke-width:1.4;stroke-dasharray:6 2 6 7' },
  { selector: '.rz-kind-data', other: 'stroke-width:2.2;stroke-dasharray:12 2 2 2' },
  { selector: '.rz-kind-copy', paint: { stroke: 'muted' }, other: 'stroke-width:1.8;stroke-dasharray:2 2 8 2' },
  { selector: '.rz-bundle', other: 'stroke-width:3.5' },
  { selector: '.rz-lattice', paint: { stroke: 'muted' }, other: 'fill:none;stroke-width:1' },
  { selector: '.rz-marker-line', paint: { fill: 'paper', stroke: 'ink' }, other: 'stroke-width:1.2' },
  { selector: '.rz-marker-solid', paint: { fill: 'ink' }, other: 'stroke:none' },
  { selector: '.rz-marker-cross', paint: { stroke: 'ink' }, other: 'fill:none;stroke-width:1.2' },
  { selector: '.rz-badge rect', paint: { fill: 'paper', stroke: 'delay' }, other: 'stroke-width:1' },
  { selector: '.rz-badge text', paint: { fill: 'ink' }, other: 'font-size:9px' },
  { selector: '.rz-body', paint: { stroke: 'cell-ink' }, other: 'stroke-width:1.5' },
  { selector: '.rz-mark', paint: { stroke: 'cell-ink' }, other: 'fill:none;stroke-width:1.4;stroke-linejoin:round;stroke-linecap:round' },
  { selector: '.rz-mark-fill', paint: { fill: 'cell-ink' }, other: 'stroke:none' },
  { selector: '.rz-cell-input .rz-body,.rz-cell-backfed-input .rz-body,.rz-cell-noisy-input .rz-body', paint: { fill: 'cell-input' } },
  {
    selector: '.rz-cell-hidden .rz-body,.rz-cell-probabilistic-hidden .rz-body,.rz-cell-spiking-hidden .rz-body,.rz-cell-capsule .rz-body',
    paint: { fill: 'cell-hidden' },
  },
  { selector: '.rz-cell-output .rz-body,.rz-cell-match-input-output .rz-body', paint: { fill: 'cell-output' } },
  { selector: '.rz-cell-recurrent .rz-body,.rz-cell-memory .rz-body,.rz-cell-gated-memory .rz-body', paint: { fill: 'cell-recurrent' } },
  { selector: '.rz-cell-kernel .rz-body', paint: { fill: 'cell-kernel' } },
  { selector: '.rz-cell-convolution-pool .rz-body', paint: { fill: 'cell-convolution' } },
];

const scoped = (selector: string): string =>
  selector
    .split(',')
    .map((s) => `.rz-diagram ${s}`)
    .join(',');

const declarations = (paint: Paint, value: (token: ColourToken) => string): string[] =>
  Object.entries(paint).map(([property, token]) => `${property}:${value(token)}`);

const customProperties = (colours: Readonly<Partial<Record<ColourToken, string>>>): string =>
  Object.entries(colours)
    .map(([token, colour]) => `--rz-${token}:var(--zoo-${token},${colour})`)
    .join(';');

const plainRule = ({ selector, paint = {}, other }: Rule): string =>
  `${scoped(selector)}{${[...declarations(paint, (t) => LIGHT_COLOURS[t]), ...(other ? [other] : [])].join(';')}}`;

const themedRule = ({ selector, paint = {} }: Rule): string => `${scoped(selector)}{${declarations(paint, (t) => `var(--rz-${t})`).join(';')}}`;

/** The stylesheet for the shared rules plus `extra` ones (a view with glyphs of its own: src/render/op-style.ts). */
export const diagramCss = (extra: readonly Rule[] = []): string => {
  const rules = [...RULES, ...extra];
  return [
    `.rz-diagram{${customProperties(LIGHT_COLOURS)}}`,
    `@media (prefers-color-scheme:dark){.rz-diagram{${customProperties(DARK_COLOURS)}}}`,
    ...rules.map(plainRule),
    // Same order and selectors as the plain rules, so each override wins exactly where its plain rule did.
    // The paper is painted too: a browser shows a standalone file on a white canvas even in a dark scheme.
    `@supports (color:var(--rz-ink)){\n.rz-diagram{background:var(--rz-paper)}\n${rules.filter((r) => r.paint).map(themedRule).join('\n')}\n}`,
  ].join('\n');
};

export const DIAGRAM_CSS = diagramCss();

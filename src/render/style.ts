/**
 * The diagram's CSS. Every colour is a custom property with a light default, so the site's theme
 * (light or dark) restyles inline SVGs by setting `--zoo-*`; standalone files follow the viewer's
 * colour scheme. Colour is never the only cue: cell types have marks, kinds have dash patterns.
 * Cells keep pastel fills in both schemes, so their outline and marks stay dark in both.
 */
export const DIAGRAM_CSS = `
.rz-diagram{--rz-ink:var(--zoo-ink,#1f2328);--rz-muted:var(--zoo-muted,#59636e);--rz-paper:var(--zoo-paper,#ffffff);--rz-group:var(--zoo-group,#f6f8fa);--rz-group-line:var(--zoo-group-line,#d1d9e0);--rz-edge:var(--zoo-edge,#59636e);--rz-delay:var(--zoo-delay,#0a5cc2)}
@media (prefers-color-scheme:dark){.rz-diagram{--rz-ink:var(--zoo-ink,#e6edf3);--rz-muted:var(--zoo-muted,#9198a1);--rz-paper:var(--zoo-paper,#0d1117);--rz-group:var(--zoo-group,#151b23);--rz-group-line:var(--zoo-group-line,#3d444d);--rz-edge:var(--zoo-edge,#9198a1);--rz-delay:var(--zoo-delay,#4493f8)}}
.rz-diagram text{fill:var(--rz-ink);font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
.rz-diagram .rz-label{font-size:12px;font-weight:600}
.rz-diagram .rz-caption,.rz-diagram .rz-legend-text{font-size:10px;fill:var(--rz-muted)}
.rz-diagram .rz-legend-title,.rz-diagram .rz-step-label{font-size:13px;font-weight:600}
.rz-diagram .rz-group{fill:var(--rz-group);stroke:var(--rz-group-line);stroke-width:1}
.rz-diagram .rz-step{fill:none;stroke:var(--rz-group-line);stroke-dasharray:4 4}
.rz-diagram .rz-edge{fill:none;stroke:var(--rz-edge);stroke-width:1.3}
.rz-diagram .rz-kind-complete{stroke-width:1.1;stroke-dasharray:14 2}
.rz-diagram .rz-kind-local{stroke-dasharray:3 2}
.rz-diagram .rz-kind-sparse{stroke-dasharray:0.1 3.4;stroke-linecap:round;stroke-width:2}
.rz-diagram .rz-kind-recurrent{stroke:var(--rz-delay);stroke-dasharray:6 3}
.rz-diagram .rz-kind-residual{stroke-width:4}
.rz-diagram .rz-kind-residual-core{stroke:var(--rz-paper);stroke-width:1.6;fill:none}
.rz-diagram .rz-kind-attention{stroke-dasharray:8 3 1.5 3}
.rz-diagram .rz-bundle{stroke-width:3.5}
.rz-diagram .rz-marker-line{fill:var(--rz-paper);stroke:var(--rz-ink);stroke-width:1.2}
.rz-diagram .rz-marker-solid{fill:var(--rz-ink);stroke:none}
.rz-diagram .rz-badge rect{fill:var(--rz-paper);stroke:var(--rz-delay);stroke-width:1}
.rz-diagram .rz-badge text{font-size:9px;fill:var(--rz-ink)}
.rz-diagram .rz-body{stroke:var(--zoo-cell-ink,#1f2328);stroke-width:1.5}
.rz-diagram .rz-mark{fill:none;stroke:var(--zoo-cell-ink,#1f2328);stroke-width:1.4;stroke-linejoin:round;stroke-linecap:round}
.rz-diagram .rz-mark-fill{fill:var(--zoo-cell-ink,#1f2328);stroke:none}
.rz-diagram .rz-cell-input .rz-body,.rz-diagram .rz-cell-backfed-input .rz-body,.rz-diagram .rz-cell-noisy-input .rz-body{fill:var(--zoo-cell-input,#f9e07f)}
.rz-diagram .rz-cell-hidden .rz-body,.rz-diagram .rz-cell-probabilistic-hidden .rz-body,.rz-diagram .rz-cell-spiking-hidden .rz-body,.rz-diagram .rz-cell-capsule .rz-body{fill:var(--zoo-cell-hidden,#9fd89f)}
.rz-diagram .rz-cell-output .rz-body,.rz-diagram .rz-cell-match-input-output .rz-body{fill:var(--zoo-cell-output,#f5b57f)}
.rz-diagram .rz-cell-recurrent .rz-body,.rz-diagram .rz-cell-memory .rz-body,.rz-diagram .rz-cell-gated-memory .rz-body{fill:var(--zoo-cell-recurrent,#8ec5f0)}
.rz-diagram .rz-cell-kernel .rz-body{fill:var(--zoo-cell-kernel,#c9a8e8)}
.rz-diagram .rz-cell-convolution-pool .rz-body{fill:var(--zoo-cell-convolution,#f3a6c8)}
`.trim();

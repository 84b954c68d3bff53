export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  /** `line` joins the points; `dots` marks each one. */
  readonly style: 'line' | 'dots';
  readonly dash?: string;
}

const W = 640;
const H = 260;
const M = { top: 16, right: 16, bottom: 34, left: 44 };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A small line/dot chart as an SVG string (demo results only; diagrams go through the pipeline).
 * Series differ by dash pattern and marker as well as colour.
 */
export function plotSvg(title: string, series: readonly Series[], axes: { x: string; y: string }): string {
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const colours = ['var(--sl-color-white)', 'var(--sl-color-orange, #e36209)', 'var(--sl-color-blue, #0a5cc2)'];
  const marks = series.map((s, i) => {
    const colour = colours[i % colours.length];
    if (s.style === 'dots')
      return s.points.map(([x, y]) => `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2" fill="none" stroke="${colour}"/>`).join('');
    const d = s.points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`).join(' ');
    return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
  });
  const legend = series
    .map((s, i) => {
      const colour = colours[i % colours.length];
      const x = M.left + i * 190;
      const sample =
        s.style === 'dots'
          ? `<circle cx="${x + 10}" cy="${H - 8}" r="3" fill="none" stroke="${colour}"/>`
          : `<path d="M${x} ${H - 8} h22" stroke="${colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
      return `${sample}<text x="${x + 28}" y="${H - 4}" font-size="11" fill="currentColor">${escape(s.label)}</text>`;
    })
    .join('');
  const axis = `<path d="M${M.left} ${M.top} V${H - M.bottom} H${W - M.right}" fill="none" stroke="var(--sl-color-gray-4)"/>`;
  const labels =
    `<text x="${M.left}" y="${M.top - 4}" font-size="11" fill="currentColor">${escape(axes.y)} (${y0.toFixed(2)} … ${y1.toFixed(2)})</text>` +
    `<text x="${W - M.right}" y="${H - M.bottom + 14}" font-size="11" text-anchor="end" fill="currentColor">${escape(axes.x)}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="rz-plot-title" style="max-width:${W}px;color:var(--sl-color-white)"><title id="rz-plot-title">${escape(title)}</title>${axis}${labels}${marks.join('')}${legend}</svg>`;
}

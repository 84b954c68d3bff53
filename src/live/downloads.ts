import type { TrainedModelMessage } from '../demos/protocol';

/** Starts a download of `blob` as `name`. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The page styles a living diagram's rings and negative weights (src/styles/figures.css); a file on
 * its own carries them itself, in the light theme's colours.
 */
const STANDALONE_STYLE =
  '.rz-live-ring{fill:none;stroke:#1f2328;stroke-width:2.5;stroke-linecap:round}.rz-live-ring.rz-live-negative{stroke-dasharray:3 2.5;stroke-linecap:butt}.rz-edge.rz-live-negative{stroke:#b35900}' +
  '.rz-live-bar{fill:none;stroke:#1f2328;stroke-width:3}.rz-live-bar-weights{stroke-dasharray:4 2;stroke-width:2.5}';

/**
 * The living diagram as it is drawn now, standing alone: the page's live styles added (and the
 * diagram's own `diagramStyle`, where the page showed it without: src/live/living-diagram.ts), its
 * interactive attributes left out.
 */
function standalone(svg: SVGSVGElement, diagramStyle: string | undefined): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('role', 'img');
  for (const node of copy.querySelectorAll('[tabindex]')) for (const attribute of ['tabindex', 'role', 'aria-label']) node.removeAttribute(attribute);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = (diagramStyle ?? '') + STANDALONE_STYLE;
  copy.append(style);
  return new XMLSerializer().serializeToString(copy);
}

/** The living diagram as it is drawn now (the reader's network, this frame), as a standalone SVG file. */
export function saveSvg(svg: SVGSVGElement, name: string, diagramStyle?: string): void {
  save(new Blob([standalone(svg, diagramStyle)], { type: 'image/svg+xml' }), name);
}

/**
 * The same as a PNG at twice its size: the SVG drawn onto a canvas by the browser. The diagram's
 * colours resolve on their own (its style falls back to fixed colours outside the page), so the file
 * shows the light theme's colours on white.
 */
export async function savePng(svg: SVGSVGElement, name: string, diagramStyle?: string): Promise<void> {
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 0 0').split(/\s+/).map(Number);
  const url = URL.createObjectURL(new Blob([standalone(svg, diagramStyle)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: 2 * width!, height: 2 * height! });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the browser could not encode the PNG');
    save(png, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Links to the trained model's two files, as tf.loadLayersModel reads them (model.json names the weights file). */
export function modelLinksHtml(id: string, model: TrainedModelMessage): string {
  const json = URL.createObjectURL(new Blob([model.modelJson], { type: 'application/json' }));
  const weights = URL.createObjectURL(new Blob([model.weights], { type: 'application/octet-stream' }));
  return (
    `The trained network: <a class="rz-tool" href="${json}" download="${id}.model.json" data-living-download="model">${id}.model.json</a> ` +
    `<a class="rz-tool" href="${weights}" download="${model.weightsFile}" data-living-download="weights">${model.weightsFile}</a> ` +
    `— load both with <code>tf.loadLayersModel</code>.`
  );
}

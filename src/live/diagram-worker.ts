/**
 * The diagram worker: lays out and draws a living diagram's spec with the build's own layout and
 * renderer (src/layout, src/render), off the page's main thread. Used when the reader's parameters
 * make a network whose drawing the site did not prepare (src/live/living-diagram.ts).
 */
import type { DiagramSpec } from '../views/types';

/** Page → worker: draw `spec`; worker → page: its SVG, or why not. */
export type DiagramRequest = { readonly id: number; readonly spec: DiagramSpec };
export type DiagramAnswer = { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };

interface WorkerScope {
  onmessage: unknown;
  postMessage(message: DiagramAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DiagramRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

// Loaded lazily, then the handler ELK's engine installs on load (elk-engine.ts) is taken back: this
// worker's messages are ours.
const pipeline = Promise.all([import('../layout/layout'), import('../render/render')]).then(([layout, render]) => {
  scope.onmessage = null;
  return { layoutDiagram: layout.layoutDiagram, renderSvg: render.renderSvg };
});

scope.addEventListener('message', async ({ data }) => {
  try {
    const { layoutDiagram, renderSvg } = await pipeline;
    scope.postMessage({ id: data.id, svg: renderSvg(layoutDiagram(data.spec)) });
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
});

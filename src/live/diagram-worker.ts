/**
 * The diagram worker: lays out and draws a living diagram's spec with the build's own layout and
 * renderer (src/live/draw.ts), off the page's main thread. Used when the reader's parameters
 * make a network whose drawing the site did not prepare (src/live/living-diagram.ts).
 */
import type { LivingSpec } from './views';

/** Page → worker: draw `living`; worker → page: its SVG, or why not. */
export type DiagramRequest = { readonly id: number; readonly living: LivingSpec };
export type DiagramAnswer = { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };

interface WorkerScope {
  onmessage: unknown;
  postMessage(message: DiagramAnswer): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DiagramRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

// Loaded lazily, then the handler ELK's engine installs on load (elk-engine.ts) is taken back: this
// worker's messages are ours.
const pipeline = import('./draw').then(({ drawLiving }) => {
  scope.onmessage = null;
  return drawLiving;
});

scope.addEventListener('message', async ({ data }) => {
  try {
    const drawLiving = await pipeline;
    scope.postMessage({ id: data.id, svg: drawLiving(data.living) });
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
});

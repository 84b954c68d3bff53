/**
 * What the browser demos get when they import '@tensorflow/tfjs' (see astro.config.mjs): the
 * package's own entry (same side-effect registrations, same exports) minus the WebGL backend, the
 * graph-model converter and tfjs-data, none of which a demo uses. The demos run small networks on
 * the CPU backend, and this cuts their download by over a third (gzip 219 kB → 140 kB).
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-backend-cpu';

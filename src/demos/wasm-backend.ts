/**
 * tfjs's WebAssembly backend, loaded by the demo worker only for a demo that declares `backend:
 * 'wasm'` (a chunk of its own, so CPU demos never fetch it). The .wasm binaries are emitted by our
 * own build (`?url`) and served from the site under its base path: nothing comes from elsewhere.
 *
 * Only the single-threaded builds are used. The threaded one needs SharedArrayBuffer, which a page
 * gets only when cross-origin isolated (COOP/COEP headers a static host may not send), so threads
 * are switched off and its entry in the path map points at the SIMD build, which is never asked
 * for under that name.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import simdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import plainWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

let configured = false;

/** Points the backend at our own binaries (once per worker); call before `tf.setBackend('wasm')`. */
export function configureWasm(): void {
  if (configured) return;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasmUrl,
    'tfjs-backend-wasm-simd.wasm': simdWasmUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': simdWasmUrl,
  });
  configured = true;
}

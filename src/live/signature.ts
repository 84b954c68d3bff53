import type { LivingSpec } from './views';

/**
 * A short fingerprint of what a diagram spec draws (FNV-1a over its JSON). The page compares the
 * running network's with the one of the diagram it already has: equal means the same drawing, so the
 * prebuilt SVG can show the frames; different means the reader's parameters made another network,
 * which is laid out afresh. Not a security measure: both sides are our own code.
 */
export function specSignature(spec: LivingSpec['spec']): string {
  const text = JSON.stringify(spec);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}-${text.length.toString(16)}`;
}

/**
 * The custom layers' JavaScript as `virtual:layer-sources` provides it (src/export/layer-sources.plugin.mjs):
 * one rolldown bundle of src/network/layers/, split into top-level statements.
 */

/** One top-level statement of the bundle. */
export interface SourceStatement {
  /** The project file it comes from, e.g. `src/network/layers/squash.ts`. */
  readonly file: string;
  /** Top-level names it declares (none for `tf.serialization.registerClass(X);`). */
  readonly names: readonly string[];
  /** Top-level names of the bundle it refers to (a superset: a property key of that name counts). */
  readonly uses: readonly string[];
  /** The comments before it (its JSDoc), without rolldown's region markers. */
  readonly comment: string;
  readonly code: string;
}

/** A class registered with tf.serialization.registerClass. */
export interface SourceClass {
  /** Its serialised class name (`static className`). */
  readonly className: string;
  /** The variable that holds it in the bundle. */
  readonly identifier: string;
  readonly file: string;
}

export interface LayerSources {
  readonly classes: readonly SourceClass[];
  /** In the bundle's order: whatever a statement uses comes before it. */
  readonly statements: readonly SourceStatement[];
}

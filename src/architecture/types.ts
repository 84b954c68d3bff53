import type * as tf from '@tensorflow/tfjs';
import type { ConfigSchema } from './config-schema';
import type { Family } from './families';

/**
 * `layers` draws one node per layer of the canonical configuration, runs of identical blocks folded
 * into one drawn block marked ×N; `layers-expanded` draws every layer of every block.
 */
export const VIEWS = ['cells', 'layers', 'layers-expanded', 'unrolled', 'internals'] as const;
export type View = (typeof VIEWS)[number];

export interface Paper {
  readonly authors: readonly string[];
  readonly title: string;
  readonly venue: string;
  readonly year: number;
  readonly url: string;
}

/**
 * What the cited publications did for an architecture, which its Facts box says in so many words.
 * Every Facts line pairs a year with the authors of one publication, so it can be checked.
 * - `introduced`: `paper` introduced the architecture; `year` is `paper.year`.
 * - `popularised`: the architecture is older than `paper`, which is the publication that made it
 *   widely known and used; `year` is `paper.year`, and `earlier` names the older publications its
 *   ideas come from, each with what it contributed (the article tells the rest of the history).
 * - `combined`: no single publication introduced it: it puts together ideas from `sources`, each
 *   with what it contributed, in order of year. `paper` is one of them (the one the article's card
 *   cites) and `year` is the latest of their years, when the combination first became possible.
 */
export type Credit =
  | { readonly kind: 'introduced' }
  | { readonly kind: 'popularised'; readonly earlier: readonly Source[] }
  | { readonly kind: 'combined'; readonly sources: readonly Source[] };

/** A publication and what it contributed to an architecture that `paper` alone did not introduce. */
export interface Source {
  readonly paper: Paper;
  /** In a few words, e.g. "the bidirectional scheme". */
  readonly contributed: string;
}

export interface Training {
  /** Short name of the procedure, e.g. "ridge regression on the readout". */
  readonly method: string;
  /** Which weights it changes and which it leaves alone, in one sentence. */
  readonly summary: string;
}

/** Shapes without the batch dimension, e.g. `[20, 1]` for 20 time steps of one feature. */
export interface IoShapes {
  readonly input: readonly number[];
  readonly output: readonly number[];
  /**
   * Inputs after the first, in order, where the network reads data besides its input: a GAN's
   * discriminator reads real samples as well as generated ones. Absent: one input.
   */
  readonly moreInputs?: readonly (readonly number[])[];
}

/**
 * One architecture: facts about it and one build function. Every diagram, test and demo of the
 * architecture comes from `build`, called with one of `configs`.
 */
export interface ArchitectureDefinition<Config = unknown> {
  /** Kebab-case id, identical to the file name, article slug and diagram file prefix. */
  readonly id: string;
  readonly name: string;
  readonly abbreviation: string;
  /**
   * The year the Facts box and the sidebar date the architecture by: always a publication's year,
   * `paper.year` (or, for a combination, the latest of its sources' years; see `Credit`).
   */
  readonly year: number;
  /** The publication the article's card cites and, unless `credit` says otherwise, that introduced it. */
  readonly paper: Paper;
  /** What `paper` (or the publications combined) did for the architecture; absent means `introduced`. */
  readonly credit?: Credit;
  readonly training: Training;
  /** One sentence for index cards and the SVG description. */
  readonly summary: string;
  /** The group it is listed under on the home page (src/architecture/families.ts). */
  readonly family: Family;
  /** Diagram views generated for this architecture. */
  readonly views: readonly View[];
  /**
   * The config's fields and what each accepts, stated once: `configs` are checked against it when the
   * definition loads, and so is any config handed to `build` through the registry.
   */
  readonly configSchema: ConfigSchema<Config>;
  /**
   * `diagram`: few cells, every one drawn. `demo`: the size the in-browser demo runs. `canonical`: the
   * published configuration (VGG-16 on 224×224×3 with 1000 classes), which the layers views draw and
   * whose parameter count the tests hold to its reference; it is built for its structure only (zero
   * weights, no size limit: src/architecture/structure-only.ts), never traced cell by cell.
   */
  readonly configs: { readonly diagram: Config; readonly demo?: Config; readonly canonical?: Config };
  /**
   * The canonical configuration's parameter count as a reference implementation or the paper gives
   * it; tests/architecture/published-counts.test.ts holds the built model to it, and the Facts box
   * prints it with its source. Only with `configs.canonical`.
   */
  readonly published?: PublishedCount;
  // Method syntax on purpose: it lets a definition of any Config stand in for AnyArchitecture.
  build(config: Config): tf.LayersModel;
  /** What `build(config)` takes and returns, used by tests to check a forward pass. */
  shapes(config: Config): IoShapes;
  /**
   * What tracing `build(config)` would count, known without building: per group (layer name), its
   * cells and the nonzero entries of its weight matrices (for a sparse matrix, the number it is
   * expected to have, plus a margin: an upper bound), and the config field that sets the group's
   * size. Checked against MAX_TRACE_SIZE before `build` runs, so a config too large to draw is
   * refused at once instead of after building it. A definition without one is guarded while it
   * builds instead: a weight matrix whose entries alone pass the bound is refused before it is
   * allocated (src/architecture/size-limit.ts). tests/architecture/size.test.ts checks it against
   * the trace for every config.
   */
  size?(config: Config): readonly SizedGroup[];
}

/** A parameter count and where it comes from. */
export interface PublishedCount {
  /** The figure as the source gives it: an exact integer, or a rounded one with `tolerance`. */
  readonly params: number;
  /** Counts only trainable parameters (LeNet-5's 60,000, beside its 840 fixed ones); absent: all. */
  readonly trainableOnly?: boolean;
  /** How far the built count may lie from `params`, where the source rounds (absent: exactly). */
  readonly tolerance?: number;
  /** Which implementation or table, in a few words: "Keras Applications VGG16 (include_top)". */
  readonly source: string;
  readonly url: string;
}

/** One group's share of a trace, as `size(config)` states it before building. */
export interface SizedGroup {
  /** The layer's name, as tracing names the group. */
  readonly group: string;
  readonly cells: number;
  /** Nonzero weight-matrix entries into the group (expected, with a margin, where sparse). */
  readonly weights: number;
  /** The config field that sets it, e.g. `units` or `hidden[0]`. */
  readonly field?: string;
}

/**
 * A definition with its config type erased, as the registry holds it. The registry only ever passes
 * a definition's own configs to its own build, so nothing is lost.
 */
export type AnyArchitecture = ArchitectureDefinition<unknown>;

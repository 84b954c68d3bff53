import type * as tf from '@tensorflow/tfjs';
import type { ConfigSchema } from './config-schema';
import type { Family } from './families';

export const VIEWS = ['cells', 'layers', 'unrolled', 'internals'] as const;
export type View = (typeof VIEWS)[number];

export interface Paper {
  readonly authors: readonly string[];
  readonly title: string;
  readonly venue: string;
  readonly year: number;
  readonly url: string;
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
  readonly year: number;
  readonly paper: Paper;
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
  /** `diagram`: few cells, every one drawn. `demo`: the size the in-browser demo runs. */
  readonly configs: { readonly diagram: Config; readonly demo?: Config };
  // Method syntax on purpose: it lets a definition of any Config stand in for AnyArchitecture.
  build(config: Config): tf.LayersModel;
  /** What `build(config)` takes and returns, used by tests to check a forward pass. */
  shapes(config: Config): IoShapes;
}

/**
 * A definition with its config type erased, as the registry holds it. The registry only ever passes
 * a definition's own configs to its own build, so nothing is lost.
 */
export type AnyArchitecture = ArchitectureDefinition<unknown>;

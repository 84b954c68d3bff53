import { traceAdd } from './add';
import { traceAdditiveAlignment } from './additive-alignment';
import { traceAttentionContext } from './attention-context';
import { traceAttentionScore } from './attention-score';
import { traceAttentionalHidden } from './attentional-hidden';
import { bidirectionalTracer } from './bidirectional';
import { traceBoltzmannMachine } from './boltzmann-machine';
import { traceCapsuleRouting, tracePrimaryCapsules } from './capsules';
import { traceCellRole } from './cell-role';
import { traceConv, traceConvTranspose } from './conv';
import { traceDense } from './dense';
import { traceDotAttentionScore } from './dot-attention-score';
import { traceGaussianNoise } from './gaussian-noise';
import { traceGaussianSampling } from './gaussian-sampling';
import { traceGru } from './gru';
import { traceLayerNormalization } from './layer-normalization';
import { traceLiquid } from './liquid';
import { traceHopfield } from './hopfield';
import { traceLstm } from './lstm';
import { traceMarkovChain } from './markov-chain';
import { traceMultiHeadContext, traceScaledDotProductScore } from './multi-head-attention';
import { traceNeuralTuringMachine } from './neural-turing-machine';
import { tracePool } from './pool';
import { traceRadialBasis } from './radial-basis';
import { traceRealOrGenerated } from './real-or-generated';
import { traceReshape } from './reshape';
import { traceRestrictedBoltzmann } from './restricted-boltzmann';
import { traceRnn } from './rnn';
import { traceSelfOrganisingMap } from './self-organising-map';
import { traceSimpleRnn } from './simple-rnn';
import { traceTdError, traceTdTarget } from './temporal-difference';
import { traceTiedSoftmax, traceTokenEmbedding } from './token-embedding';
import type { LayerTracer } from './types';
import { traceWeightCopy } from './weight-copy';
import { onlyInbound } from './weights';

/** Layers without weights that act cell by cell: they add no cells and no connections. */
const traceElementwise: LayerTracer = (layer, inbound) => ({ kind: 'alias', of: onlyInbound(inbound, layer).id });

/** Which tracer reads which tfjs layer class. A new layer class gets one file and one line here. */
export const TRACERS: Readonly<Record<string, LayerTracer>> = {
  Dense: traceDense,
  SimpleRNN: traceSimpleRnn,
  LSTM: traceLstm,
  GRU: traceGru,
  RNN: traceRnn,
  RadialBasis: traceRadialBasis,
  SelfOrganisingMap: traceSelfOrganisingMap,
  MarkovChain: traceMarkovChain,
  RestrictedBoltzmann: traceRestrictedBoltzmann,
  SpikingLiquid: traceLiquid,
  Hopfield: traceHopfield,
  BoltzmannMachine: traceBoltzmannMachine,
  Add: traceAdd,
  Activation: traceElementwise,
  Dropout: traceElementwise,
  Heaviside: traceElementwise,
  CellRole: traceCellRole,
  PrimaryCapsules: tracePrimaryCapsules,
  CapsuleRouting: traceCapsuleRouting,
  CapsuleLength: traceElementwise,
  GaussianNoise: traceGaussianNoise,
  GaussianSampling: traceGaussianSampling,
  Conv1D: traceConv,
  Conv2D: traceConv,
  Conv2DTranspose: traceConvTranspose,
  MaxPooling1D: tracePool,
  MaxPooling2D: tracePool,
  AveragePooling1D: tracePool,
  AveragePooling2D: tracePool,
  Reshape: traceReshape,
  Flatten: traceReshape,
  AdditiveAlignment: traceAdditiveAlignment,
  AttentionScore: traceAttentionScore,
  AttentionContext: traceAttentionContext,
  DotAttentionScore: traceDotAttentionScore,
  AttentionalHidden: traceAttentionalHidden,
  ScaledDotProductScore: traceScaledDotProductScore,
  MultiHeadContext: traceMultiHeadContext,
  LayerNormalization: traceLayerNormalization,
  TokenEmbedding: traceTokenEmbedding,
  TiedSoftmax: traceTiedSoftmax,
  // The vision transformer's class token and position embeddings are added parameters, like biases:
  // every cell is its input's cell (token 0 a trained vector); the readout keeps token 0's cells.
  ClassToken: traceElementwise,
  PositionEmbedding: traceElementwise,
  ClassTokenReadout: traceElementwise,
  RealOrGenerated: traceRealOrGenerated,
  NeuralTuringMachine: traceNeuralTuringMachine,
  WeightCopy: traceWeightCopy,
  TdTarget: traceTdTarget,
  TdError: traceTdError,
  // Traces its forward and backward copies with the tracer of the class it wraps, looked up here.
  Bidirectional: bidirectionalTracer((className) => TRACERS[className]),
};

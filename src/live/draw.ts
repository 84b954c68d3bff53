import { layoutDiagram } from '../layout/layout';
import { layoutOps } from '../layout/op-layout';
import { renderOpSvg } from '../render/op-render';
import { renderSvg } from '../render/render';
import type { LivingSpec } from './views';

/** A living view's SVG, laid out and drawn exactly as the build draws the committed diagrams. */
export const drawLiving = (living: LivingSpec): string =>
  living.view === 'internals' ? renderOpSvg(layoutOps(living.spec)) : renderSvg(layoutDiagram(living.spec));

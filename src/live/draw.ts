import { layoutLayers } from '../layout/layers-layout';
import { layoutDiagram } from '../layout/layout';
import { renderLayersSvg } from '../render/layers-render';
import { layoutOps } from '../layout/op-layout';
import { renderOpSvg } from '../render/op-render';
import { renderSvg } from '../render/render';
import type { LivingSpec } from './views';

/** A living view's SVG, laid out and drawn exactly as the build draws the committed diagrams. */
export function drawLiving(living: LivingSpec): string {
  if (living.view === 'internals') return renderOpSvg(layoutOps(living.spec));
  if (living.view === 'layers') return renderLayersSvg(layoutLayers(living.spec));
  return renderSvg(layoutDiagram(living.spec));
}

import type { APIRoute, GetStaticPaths } from 'astro';
import { registry } from '../../architecture/registry.vite';
import { diagramSvg } from '../../components/props';
import { renderPng } from '../../render/png';

/**
 * Every committed diagram as a download under the site: `diagrams/<id>.<view>.svg`, the committed file
 * byte for byte, and `.png`, rendered from it at build time by the same renderer as
 * `npm run diagrams -- --png`.
 */
export const getStaticPaths = (() =>
  registry.architectures.flatMap((a) =>
    a.views.flatMap((view) =>
      (['svg', 'png'] as const).map((format) => ({ params: { file: `${a.id}.${view}.${format}` }, props: { id: a.id, view, format } })),
    ),
  )) satisfies GetStaticPaths;

type Props = ReturnType<typeof getStaticPaths>[number]['props'];

export const GET: APIRoute<Props> = ({ props }) => {
  const svg = diagramSvg('diagrams endpoint', props.id, props.view);
  if (props.format === 'svg') return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
  return new Response(Buffer.from(renderPng(svg)), { headers: { 'Content-Type': 'image/png' } });
};

import type { APIRoute, GetStaticPaths } from 'astro';
import { livingDemoIds, preparedViews } from '../../live/prepared';

/**
 * The living diagrams the site prepares: `live/<id>.<view>.svg`, the demo's own network at its default
 * parameters, drawn by the build's pipeline. A demo page fetches one when its run starts.
 */
export const getStaticPaths = (() =>
  livingDemoIds().flatMap((id) => preparedViews(id).map(({ view }) => ({ params: { file: `${id}.${view}.svg` }, props: { id, view } })))) satisfies GetStaticPaths;

type Props = ReturnType<typeof getStaticPaths>[number]['props'];

export const GET: APIRoute<Props> = ({ props }) => {
  const svg = preparedViews(props.id).find((v) => v.view === props.view)!.svg;
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};

import type { APIRoute, GetStaticPaths } from 'astro';
import { registry } from '../../architecture/registry.vite';
import { pageCode } from '../../export/page-code';

/** `code/<id>.mjs`: the TensorFlow.js module that builds each architecture's network, as its page shows it. */
export const getStaticPaths = (() => registry.architectures.map((a) => ({ params: { file: `${a.id}.mjs` }, props: { id: a.id } }))) satisfies GetStaticPaths;

type Props = ReturnType<typeof getStaticPaths>[number]['props'];

export const GET: APIRoute<Props> = async ({ props }) =>
  new Response((await pageCode(registry.get(props.id))).code, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });

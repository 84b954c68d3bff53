import { registry } from '../architecture/registry.vite';
import type { AnyArchitecture, View } from '../architecture/types';

/**
 * Checks a component's `id` prop against the registry: a typo in an article fails the build with
 * the component, the prop, what it got and what it expects.
 */
export function architectureProp(component: string, id: unknown): AnyArchitecture {
  if (typeof id !== 'string' || !registry.has(id))
    throw new Error(
      `<${component} id=${JSON.stringify(id)}>: unknown architecture (expected one of ${registry.architectures.map((a) => a.id).join(', ')})`,
    );
  return registry.get(id);
}

export function viewProp(component: string, architecture: AnyArchitecture, view: unknown): View {
  if (typeof view !== 'string' || !architecture.views.includes(view as View))
    throw new Error(
      `<${component} id="${architecture.id}" view=${JSON.stringify(view)}>: no such diagram (expected one of ${architecture.views.join(', ')})`,
    );
  return view as View;
}

const svgs = import.meta.glob<string>('/diagrams/*.svg', { query: '?raw', import: 'default', eager: true });

/** The committed SVG of one diagram; missing means `npm run diagrams` has not been run. */
export function diagramSvg(component: string, id: string, view: View): string {
  const svg = svgs[`/diagrams/${id}.${view}.svg`];
  if (svg === undefined) throw new Error(`<${component} id="${id}" view="${view}">: diagrams/${id}.${view}.svg is missing; run npm run diagrams`);
  return svg;
}

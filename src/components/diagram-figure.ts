import type { View } from '../architecture/types';

/**
 * The smallest scale a diagram is shown at in an article column. Its smallest text (9 px badges)
 * stays at about 7 px; a narrower column scrolls sideways, and Zoom shows it at full size.
 */
export const MIN_DIAGRAM_SCALE = 0.8;

export interface DiagramFigureFacts {
  /** `<id>.<view>`, the file name without extension. */
  readonly file: string;
  /** The diagram's own `<title>`, for names of the figure's controls. */
  readonly title: string;
  readonly naturalWidth: number;
  readonly minWidth: number;
  readonly svgHref: string;
  readonly pngHref: string;
}

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** What a figure needs to know about one generated SVG: its name, size and download addresses. */
export function diagramFigureFacts(svg: string, id: string, view: View, baseUrl: string): DiagramFigureFacts {
  const file = `${id}.${view}`;
  const naturalWidth = Number(/ width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
  const title = unescapeXml(/<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1] ?? file);
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    file,
    title,
    naturalWidth,
    minWidth: Math.round(naturalWidth * MIN_DIAGRAM_SCALE),
    svgHref: `${base}diagrams/${file}.svg`,
    pngHref: `${base}diagrams/${file}.png`,
  };
}

import { renderPng } from '../render/png';

export interface PngFile {
  /** File name in diagrams/, e.g. perceptron.cells.png. */
  readonly file: string;
  readonly png: Uint8Array;
  readonly milliseconds: number;
}

export const pngFileOf = (svgFile: string): string => svgFile.replace(/\.svg$/, '.png');

/**
 * Renders a PNG for each diagram, in memory. `svgOf` gives a diagram's SVG text: just generated, or
 * the fresh file on disk. A failure names the file; since nothing is written before every PNG is
 * rendered, the command then leaves diagrams/ as it was.
 */
export async function renderPngFiles(svgFiles: readonly string[], svgOf: (svgFile: string) => Promise<string>): Promise<PngFile[]> {
  const rendered: PngFile[] = [];
  for (const svgFile of svgFiles) {
    const file = pngFileOf(svgFile);
    const start = performance.now();
    try {
      rendered.push({ file, png: renderPng(await svgOf(svgFile)), milliseconds: performance.now() - start });
    } catch (error) {
      throw new Error(`${file} (from ${svgFile}): ${(error as Error).message}\nNothing was written.`, { cause: error });
    }
  }
  return rendered;
}

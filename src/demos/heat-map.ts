/**
 * A matrix of weights in [0, 1] as one SVG heat map (demo results only, like plot.ts): one square
 * per entry, inked with `currentColor` at an opacity equal to the value, so it follows the page's
 * theme; a frame around every square so a zero is still seen as a place. Rows and columns are
 * labelled, and each row ends with a note in words (what the row reads most), so the values that
 * matter are readable as text, not only as shades; the <desc> carries the finding.
 */
export interface HeatMapSpec {
  /** The accessible name: what the map shows. */
  readonly title: string;
  /** The finding in words, for readers who cannot see the map. */
  readonly description: string;
  /** What the columns are, written above them, e.g. "source position j". */
  readonly columnsLabel: string;
  /** What the rows are, written left of them, e.g. "output i". */
  readonly rowsLabel: string;
  readonly columnLabels: readonly string[];
  readonly rowLabels: readonly string[];
  /** values[row][column], each in [0, 1]. */
  readonly values: readonly (readonly number[])[];
  /** Text after each row, e.g. "reads j = 4 (0.93)". */
  readonly rowNotes?: readonly string[];
}

const CELL = 34;
const FONT = 13;
const LEFT = 84;
const TOP = 46;
const NOTE_GAP = 12;
const NOTE_WIDTH = 170;
const TOLERANCE = 1e-6;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const round = (v: number) => Math.round(v * 100) / 100;

export function heatMapSvg(spec: HeatMapSpec): string {
  const rows = spec.values.length;
  const columns = spec.columnLabels.length;
  if (rows === 0 || rows !== spec.rowLabels.length) throw new Error(`heat map "${spec.title}": ${rows} rows of values for ${spec.rowLabels.length} row labels`);
  spec.values.forEach((row, i) => {
    if (row.length !== columns) throw new Error(`heat map "${spec.title}": row ${i} has ${row.length} values for ${columns} columns`);
    // Float rounding may step a hair past the ends (a mean of softmax outputs); anything more is a bug.
    if (row.some((v) => !(v >= -TOLERANCE && v <= 1 + TOLERANCE))) throw new Error(`heat map "${spec.title}": row ${i} has a value outside [0, 1]`);
  });
  const width = LEFT + columns * CELL + (spec.rowNotes ? NOTE_GAP + NOTE_WIDTH : 8);
  const height = TOP + rows * CELL + 8;
  const squares = spec.values
    .flatMap((row, i) =>
      row.map(
        (v, j) =>
          `<rect x="${LEFT + j * CELL + 1}" y="${TOP + i * CELL + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="currentColor" fill-opacity="${round(Math.min(1, Math.max(0, v)))}" stroke="currentColor" stroke-opacity="0.35"/>`,
      ),
    )
    .join('');
  const columnText = spec.columnLabels
    .map((label, j) => `<text x="${LEFT + j * CELL + CELL / 2}" y="${TOP - 8}" text-anchor="middle">${escape(label)}</text>`)
    .join('');
  const rowText = spec.rowLabels.map((label, i) => `<text x="${LEFT - 8}" y="${TOP + i * CELL + CELL / 2 + FONT / 3}" text-anchor="end">${escape(label)}</text>`).join('');
  const notes = (spec.rowNotes ?? [])
    .map((note, i) => `<text x="${LEFT + columns * CELL + NOTE_GAP}" y="${TOP + i * CELL + CELL / 2 + FONT / 3}">${escape(note)}</text>`)
    .join('');
  return (
    `<svg class="rz-plot rz-heat-map" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" font-size="${FONT}">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    `<g fill="currentColor"><text x="${LEFT}" y="${FONT + 2}">${escape(spec.columnsLabel)} →</text>` +
    `<text x="0" y="${TOP - 8}">${escape(spec.rowsLabel)} ↓</text>${columnText}${rowText}${notes}</g>` +
    squares +
    `</svg>`
  );
}

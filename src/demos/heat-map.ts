import { inkKeySvg, inkOpacity, type InkKey } from './ink';
import { textWidth } from './text-width';

/**
 * A matrix of weights in [0, 1] as one SVG heat map (demo results only, like plot.ts): one square
 * per entry on the demos' ink scale (ink.ts: more ink for a larger value, in either theme), with the
 * scale's key underneath; a frame around every square so a zero is still seen as a place. Rows and
 * columns are labelled, and each row ends with a note in words (what the row reads most), so the
 * values that matter are readable as text, not only as shades; the <desc> carries the finding.
 * The canvas is as wide as its texts, measured (text-width.ts).
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
  /** The key under the map: what the values are (e.g. "attention weight α"), and the ends if not 0 and 1. */
  readonly key: InkKey;
}

const CELL = 34;
const FONT = 13;
/** Least room left of the squares, and the gap between a row's label and its squares. */
const MIN_LEFT = 84;
const LABEL_GAP = 8;
const TOP = 46;
const NOTE_GAP = 12;
/** Room kept at the canvas's right and bottom edges. */
const EDGE = 8;
const KEY_GAP = 24;
const TOLERANCE = 1e-6;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function heatMapSvg(spec: HeatMapSpec): string {
  const rows = spec.values.length;
  const columns = spec.columnLabels.length;
  if (rows === 0 || rows !== spec.rowLabels.length) throw new Error(`heat map "${spec.title}": ${rows} rows of values for ${spec.rowLabels.length} row labels`);
  spec.values.forEach((row, i) => {
    if (row.length !== columns) throw new Error(`heat map "${spec.title}": row ${i} has ${row.length} values for ${columns} columns`);
    // Float rounding may step a hair past the ends (a mean of softmax outputs); anything more is a bug.
    if (row.some((v) => !(v >= -TOLERANCE && v <= 1 + TOLERANCE))) throw new Error(`heat map "${spec.title}": row ${i} has a value outside [0, 1]`);
  });
  const measure = (text: string) => textWidth(text, FONT);
  const rowsLabel = `${spec.rowsLabel} ↓`;
  // The rows' label stands at the left end of the column labels' line, clear of the first of them.
  const firstColumnHalf = measure(spec.columnLabels[0] ?? '') / 2;
  const left = Math.max(MIN_LEFT, ...spec.rowLabels.map((l) => measure(l) + LABEL_GAP), measure(rowsLabel) + LABEL_GAP - CELL / 2 + firstColumnHalf);
  const squaresRight = left + columns * CELL;
  const notesRight = spec.rowNotes ? squaresRight + NOTE_GAP + Math.max(0, ...spec.rowNotes.map(measure)) : squaresRight;
  const keyY = TOP + rows * CELL + KEY_GAP;
  const key = inkKeySvg(spec.key, left, keyY, FONT);
  const columnsLabel = `${spec.columnsLabel} →`;
  const width = Math.max(notesRight, left + key.width, left + measure(columnsLabel), squaresRight + measure(spec.columnLabels.at(-1) ?? '') / 2 - CELL / 2) + EDGE;
  const height = keyY + KEY_GAP / 2 + EDGE;
  const squares = spec.values
    .flatMap((row, i) =>
      row.map(
        (v, j) =>
          `<rect x="${left + j * CELL + 1}" y="${TOP + i * CELL + 1}" width="${CELL - 2}" height="${CELL - 2}" fill="currentColor" fill-opacity="${inkOpacity(v)}" stroke="currentColor" stroke-opacity="0.35"/>`,
      ),
    )
    .join('');
  const columnText = spec.columnLabels
    .map((label, j) => `<text x="${left + j * CELL + CELL / 2}" y="${TOP - 8}" text-anchor="middle">${escape(label)}</text>`)
    .join('');
  const rowText = spec.rowLabels.map((label, i) => `<text x="${left - LABEL_GAP}" y="${TOP + i * CELL + CELL / 2 + FONT / 3}" text-anchor="end">${escape(label)}</text>`).join('');
  const notes = (spec.rowNotes ?? [])
    .map((note, i) => `<text x="${squaresRight + NOTE_GAP}" y="${TOP + i * CELL + CELL / 2 + FONT / 3}">${escape(note)}</text>`)
    .join('');
  return (
    `<svg class="rz-plot rz-heat-map" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" font-size="${FONT}">` +
    `<title>${escape(spec.title)}</title><desc>${escape(spec.description)}</desc>` +
    `<g fill="currentColor"><text x="${left}" y="${FONT + 2}">${escape(columnsLabel)}</text>` +
    `<text x="0" y="${TOP - 8}">${escape(rowsLabel)}</text>${columnText}${rowText}${notes}</g>` +
    `<g class="rz-heat-cells">${squares}</g>` +
    key.svg +
    `</svg>`
  );
}

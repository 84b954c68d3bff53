/**
 * Names of the files the command writes, as patterns: `<id>.<view>.svg` (and .png), where an id is
 * kebab-case and may hold digits (`vgg-16`) and a view may be hyphenated too (`layers-expanded`).
 * One place, so the manifest, the quick freshness check and the temp-file names agree.
 */
const ID = String.raw`[a-z0-9]+(?:-[a-z0-9]+)*`;
const VIEW = String.raw`[a-z]+(?:-[a-z]+)*`;

/** A diagram or PNG file name, for use inside a larger pattern (no anchors, no capture groups). */
export const DIAGRAM_OR_PNG = String.raw`${ID}\.${VIEW}\.(?:svg|png)`;

/** `<id>.<view>.svg`: the id is group 1, the view group 2. */
export const DIAGRAM_FILE = new RegExp(String.raw`^(${ID})\.(${VIEW})\.svg$`);

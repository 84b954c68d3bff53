import GithubSlugger from 'github-slugger';

/**
 * The glossary's terms (content/guides/glossary.mdx, one `##` heading each) and how an article's
 * prose says them. `pattern` finds a use in running text; `code` lists inline-code spellings that
 * count as a use too (`relu` names the activation). A function applied in a formula, `tanh(…)`,
 * is not a use: a link there would split the formula. tests/content/glossary.test.ts checks that
 * every article links each term it uses to its entry at the first use.
 */
export interface GlossaryTerm {
  readonly anchor: string;
  readonly pattern: RegExp;
  readonly code?: readonly string[];
}

export const GLOSSARY_TERMS: readonly GlossaryTerm[] = [
  { anchor: 'adam', pattern: /\bAdam\b/ },
  { anchor: 'backpropagation', pattern: /\b(?:back-?propagat\w*|backprop)\b(?! through time)/i },
  { anchor: 'backpropagation-through-time', pattern: /\bbackpropagation through time\b|\bBPTT\b/i },
  { anchor: 'batch-normalisation', pattern: /\bbatch normali[sz]ation\b/i },
  { anchor: 'bias', pattern: /\bbias(?:es)?\b/i },
  { anchor: 'cholesky-factorisation', pattern: /\bCholesky(?: factori[sz]ation)?\b/ },
  { anchor: 'coefficient-of-determination', pattern: /\bR²/ },
  { anchor: 'cross-entropy', pattern: /\b(?:binary |categorical )?cross-entropy\b/i },
  { anchor: 'elbo', pattern: /\bELBO\b|\bevidence lower bound\b/i },
  { anchor: 'elman-cell', pattern: /\bElman (?:cell|network)s?\b|\bcontext units?\b|\bsimple recurrent network\b/i },
  { anchor: 'epoch', pattern: /\bepochs?\b/i },
  { anchor: 'feature-map', pattern: /\bfeature maps?\b/i },
  { anchor: 'glorot-initialisation', pattern: /\bGlorot(?:[- ]uniform)?(?: initiali[sz]ation)?\b|\bXavier\b/ },
  { anchor: 'gradient-descent', pattern: /\bgradient descent\b/i },
  { anchor: 'he-initialisation', pattern: /\bHe (?:initiali[sz]ation|normal)\b/, code: ['heNormal'] },
  { anchor: 'kernel', pattern: /\bkernels?\b/i },
  { anchor: 'kl-divergence', pattern: /\bKL(?: divergence| term)?\b|\bKullback(?:–Leibler)?(?: divergence)?/ },
  { anchor: 'layer-normalisation', pattern: /\blayer[- ]normali[sz](?:ation|ed|es|ing)\b|\blayer norms?\b/i },
  { anchor: 'learning-rate', pattern: /\blearning rates?\b/i },
  { anchor: 'mean-squared-error', pattern: /\bmean squared(?: (?:pixel )?(?:error|difference))?\b|\b(?:N?RMSE|MSE)\b/i },
  { anchor: 'mini-batch', pattern: /\bmini-?batch(?:es)?\b/i },
  { anchor: 'nats', pattern: /\bnats?\b/ },
  { anchor: 'one-hot', pattern: /\bone-hot\b/i },
  { anchor: 'orthogonal-initialisation', pattern: /\borthogonal(?: initiali[sz]ation)?\b/i },
  { anchor: 'pooling', pattern: /\bpooling\b/i },
  { anchor: 'receptive-field', pattern: /\breceptive fields?\b/i },
  { anchor: 'relu', pattern: /\bReLUs?\b(?!\()/, code: ['relu'] },
  { anchor: 'reparameterisation-trick', pattern: /\breparameteri[sz]ation(?: trick)?\b/i },
  { anchor: 'ridge-regression', pattern: /\bridge(?: regression| penalty)?\b/i },
  { anchor: 'sigmoid', pattern: /\bsigmoids?\b(?!\()/i, code: ['sigmoid'] },
  { anchor: 'softmax', pattern: /\bsoftmax\b(?!\()/i, code: ['softmax'] },
  { anchor: 'spectral-radius', pattern: /\bspectral radi(?:us|i)\b/i },
  { anchor: 'stride', pattern: /\bstrides?\b/i },
  { anchor: 'tanh', pattern: /\btanh\b(?!\()/, code: ['tanh'] },
];

/** The anchors Astro gives the glossary's `##` headings (it slugs headings with github-slugger). */
export function glossaryAnchors(glossary: string): string[] {
  const slugger = new GithubSlugger();
  return [...glossary.matchAll(/^##\s+(.+)$/gm)].map((m) => slugger.slug(m[1]!.trim()));
}

/** A link to the glossary in an MDX file: where it starts and ends, its text and its anchor. */
export interface GlossaryLink {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly anchor: string;
}

const LINK = /\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)/g;

/** Every markdown link to the glossary page, however the linking page reaches it. */
export function glossaryLinks(mdx: string): GlossaryLink[] {
  return [...mdx.matchAll(LINK)]
    .map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[1]!, href: m[2]! }))
    .filter((l) => /(?:^|\/)glossary\/#/.test(l.href))
    .map(({ href, ...l }) => ({ ...l, anchor: href.slice(href.indexOf('#') + 1) }));
}

/** A use of a term in running text: where it starts and ends, and whether it is a whole inline-code span. */
export interface Use {
  readonly start: number;
  readonly end: number;
  readonly code: boolean;
}

/**
 * The spans of an MDX file that are running text: not frontmatter, imports, headings, fenced code,
 * component or HTML lines, inline HTML tags, link texts or URLs, or inline code (reported apart).
 */
function proseMask(mdx: string): { prose: boolean[]; codeSpans: { start: number; end: number; content: string }[] } {
  const prose = new Array<boolean>(mdx.length).fill(false);
  const codeSpans: { start: number; end: number; content: string }[] = [];
  let offset = 0;
  let inFrontmatter = false;
  let inFence = false;
  mdx.split('\n').forEach((line, i) => {
    const start = offset;
    offset += line.length + 1;
    if (i === 0 && line === '---') return void (inFrontmatter = true);
    if (inFrontmatter) return void (line === '---' && (inFrontmatter = false));
    if (/^\s*```/.test(line)) return void (inFence = !inFence);
    if (inFence || /^\s*(?:#|<|import\s|export\s)/.test(line)) return;
    // The line break too, so that a use wrapped onto the next prose line is still one use.
    for (let k = 0; k <= line.length; k++) prose[start + k] = true;
  });
  const unmask = (from: number, to: number) => {
    for (let k = from; k < to; k++) prose[k] = false;
  };
  for (const m of mdx.matchAll(/`([^`\n]+)`/g)) {
    if (prose[m.index!]) codeSpans.push({ start: m.index!, end: m.index! + m[0].length, content: m[1]! });
    unmask(m.index!, m.index! + m[0].length);
  }
  for (const m of mdx.matchAll(LINK)) unmask(m.index!, m.index! + m[0].length);
  for (const m of mdx.matchAll(/<\/?[A-Za-z][^>\n]*>/g)) unmask(m.index!, m.index! + m[0].length);
  return { prose, codeSpans };
}

/** A term's pattern, global, with its spaces matching any run of white space: a use may wrap onto the next line. */
const wrapping = (term: GlossaryTerm): RegExp => new RegExp(term.pattern.source.replace(/ /g, '\\s+'), term.pattern.flags.replace('g', '') + 'g');

/** Whether a link's text says the term: a use in text, or one of its inline-code spellings. */
export function says(term: GlossaryTerm, linkText: string): boolean {
  return [...linkText.matchAll(wrapping(term))].length > 0 || (term.code ?? []).some((c) => linkText === `\`${c}\``);
}

/** Every use of a term in an MDX file's running text, in order. */
export function uses(mdx: string, term: GlossaryTerm): Use[] {
  const { prose, codeSpans } = proseMask(mdx);
  const inText = [...mdx.matchAll(wrapping(term))]
    .filter((m) => m[0].length > 0 && prose.slice(m.index!, m.index! + m[0].length).every(Boolean))
    .map((m) => ({ start: m.index!, end: m.index! + m[0].length, code: false }));
  const inCode = codeSpans.filter((s) => term.code?.includes(s.content)).map((s) => ({ start: s.start, end: s.end, code: true }));
  return [...inText, ...inCode].sort((a, b) => a.start - b.start);
}

/** How an MDX file under content/ links to the glossary page, relative so it works under any base path. */
export function glossaryHref(contentPath: string, anchor: string): string {
  const depth = contentPath.split('/').length - 1;
  const page = depth === 0 ? 'guides/glossary/' : contentPath.startsWith('guides/') ? '../glossary/' : `${'../'.repeat(depth + 1)}guides/glossary/`;
  return `${page}#${anchor}`;
}

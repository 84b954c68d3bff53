/** `path` for browser workers: the two functions svgdom calls on its font folder (see node-url.ts). */
export const dirname = (path: string): string => path.replace(/\/[^/]*\/?$/, '') || '/';
export const join = (...parts: string[]): string => parts.join('/').replace(/\/{2,}/g, '/');
export default { dirname, join };

/**
 * `node:url` for browser workers. svgdom (which src/render draws with) computes its font folder from
 * its own module URL when it loads; our renderer never measures text with svgdom's fonts (text widths
 * come from src/layout/metrics.ts), so a plain path is all it needs.
 */
export const fileURLToPath = (url: string | URL): string => new URL(String(url)).pathname;
export default { fileURLToPath };

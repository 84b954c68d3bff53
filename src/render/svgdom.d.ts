// svgdom ships no types; this is the one function render uses.
declare module 'svgdom' {
  export function createSVGWindow(): Window;
}

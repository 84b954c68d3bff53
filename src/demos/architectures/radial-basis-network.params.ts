import { defineParams } from '../params';

/**
 * What the reader can change in the radial basis network demo. Defaults are the definition's demo
 * configuration (tests/demos check they agree); this module stays free of tfjs so the article page
 * can render the form at build time.
 */
export default defineParams([
  { name: 'centres', label: 'Centres', hint: 'Number of Gaussian hidden cells, placed on the data by k-means.', scale: 'linear', min: 1, max: 40, step: 1, value: 10 },
  { name: 'width', label: 'Width σ', hint: 'How far each Gaussian reaches, in units of x: narrow bumps fit wiggles (and noise), wide ones smooth.', scale: 'linear', min: 0.05, max: 3, step: 0.05, value: 0.6 },
  { name: 'epochs', label: 'Gradient epochs', hint: 'After the two-stage fit, this many epochs of gradient descent on centres, widths and output weights together; 0 keeps the classic fit.', scale: 'linear', min: 0, max: 1000, step: 50, value: 0 },
]);

import { defineParams } from '../params';

/** What the reader can change in the capsule network demo; free of tfjs so the page can render the form at build time. */
export default defineParams([
  { name: 'iterations', label: 'Routing iterations', hint: 'Rounds of routing by agreement in every forward pass; 1 means no routing, every coefficient equal.', scale: 'linear', min: 1, max: 5, step: 1, value: 3 },
  { name: 'primaryCapsules', label: 'Primary capsules', hint: 'How many 4-number capsules the image is turned into.', scale: 'linear', min: 2, max: 16, step: 1, value: 8 },
  { name: 'epochs', label: 'Epochs', hint: 'Passes over the 404 training images.', scale: 'linear', min: 1, max: 8, step: 1, value: 3 },
  { name: 'learningRate', label: 'Learning rate', hint: 'Step size of the Adam optimizer.', scale: 'log10', min: -4, max: -1, step: 0.5, value: -2 },
]);

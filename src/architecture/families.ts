/**
 * The families the home page groups architectures by, in the order it shows them. A definition
 * names its family; a family with no architecture yet is simply not shown.
 */
export const FAMILIES = [
  { id: 'feed-forward', label: 'Feed-forward networks' },
  { id: 'recurrent', label: 'Recurrent networks' },
  { id: 'reservoir', label: 'Random features and reservoirs' },
  { id: 'autoencoder', label: 'Autoencoders' },
  { id: 'convolutional', label: 'Convolutional networks' },
  { id: 'generative', label: 'Generative networks' },
  { id: 'energy-based', label: 'Energy-based and Markov networks' },
  { id: 'memory', label: 'Networks with external memory' },
  { id: 'competitive', label: 'Competitive learning' },
  { id: 'attention', label: 'Attention and transformers' },
  // After attention: routing by agreement, like attention, weighs connections afresh for each input.
  { id: 'capsule', label: 'Capsule networks' },
  { id: 'reinforcement', label: 'Deep reinforcement learning' },
] as const;

export type Family = (typeof FAMILIES)[number]['id'];

export const FAMILY_IDS: ReadonlySet<string> = new Set(FAMILIES.map((f) => f.id));

import { plotSvg } from './plot';

/** The training curve of a model with a Gaussian code (VAE, DC-IGN): negative ELBO per epoch. */
export function elboCurveSvg(model: string, history: readonly number[]): string {
  return plotSvg({
    title: `${model} training: negative ELBO per epoch`,
    description: `Reconstruction loss plus KL divergence, per training digit, falls from ${history[0]!.toFixed(1)} to ${history.at(-1)!.toFixed(1)} nats.`,
    x: { label: 'epoch' },
    y: { label: 'negative ELBO (nats per digit)' },
    series: [{ label: 'training loss', mark: 'line', points: history.map((v, i) => [i + 1, v]) }],
  });
}

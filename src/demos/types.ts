export interface DemoMetric {
  /** Machine name, exposed as data-demo-metric. */
  readonly name: string;
  readonly label: string;
  readonly value: number;
}

export interface DemoResult {
  readonly metrics: readonly DemoMetric[];
  /** An inline SVG (role="img" with a <title>) showing the result. */
  readonly plot: string;
}

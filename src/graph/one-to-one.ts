/**
 * Whether sparse connections form one-to-one ties: each joins cell i of one group to cell i of
 * another (a sampling layer's z_i from its own μ_i and log σ²_i). The kind `sparse` only says that
 * some pairs are connected and others are not; this names the pattern where it is that regular, so
 * a legend or description never calls fixed index-aligned ties random. Ids are `<group>.<index>`,
 * with `@<step>` in the unrolled view; an ellipsis or a group id (a bundle) is never one-to-one.
 */
export function isOneToOne(pairs: readonly { readonly from: string; readonly to: string }[]): boolean {
  return pairs.length > 0 && pairs.every(({ from, to }) => {
    const [a, b] = [cellIndex(from), cellIndex(to)];
    return a !== undefined && a === b;
  });
}

function cellIndex(id: string): number | undefined {
  const match = /\.(\d+)(?:@\d+)?$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** Which targets a registered check applies to: a list of them, a predicate, or (absent) every one. */
export type Scope<T> = readonly T[] | ((value: T) => boolean);

/** The predicate a scope stands for. */
export const inScope = <T>(scope: Scope<T> | undefined): ((value: T) => boolean) =>
  typeof scope === 'function' ? scope : scope ? (value) => scope.includes(value) : () => true;

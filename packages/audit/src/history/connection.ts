/** A Relay connection page. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    /** Always false: pages run one way (`after`), in the order asked for. */
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/** Page arguments: `first` (bounded) and an opaque `after` cursor. */
export interface PageArgs {
  readonly first?: number | undefined;
  readonly after?: string | null | undefined;
}

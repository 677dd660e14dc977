/** A Relay connection page. */
export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly endCursor: string | null;
  };
}

/** Page arguments: `first` (bounded) and an opaque `after` cursor. */
export interface PageArgs {
  readonly first?: number | undefined;
  readonly after?: string | null | undefined;
}

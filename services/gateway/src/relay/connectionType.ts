import { Field, ObjectType, type ClassType } from 'type-graphql';

/** Relay's `PageInfo` (https://relay.dev/graphql/connections.htm#sec-undefined.PageInfo). */
@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque; pass as `after` to continue' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Opaque; pass as `after` to continue' })
  endCursor!: string | null;
}

/** The shape every connection resolver returns. */
export interface ConnectionShape<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/**
 * A Relay connection type for `Node` (`<Node>Connection` with `<Node>Edge`s). Use
 * as `@ObjectType() class UserConnection extends connectionType(User) {}`.
 */
export function connectionType<TNode extends object>(node: ClassType<TNode>) {
  @ObjectType(`${node.name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this node' })
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

/** A connection from a complete in-memory list (small lists: versions, access keys). */
export function connectionOfAll<T>(
  items: readonly T[],
  cursorOf: (item: T) => string,
): ConnectionShape<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

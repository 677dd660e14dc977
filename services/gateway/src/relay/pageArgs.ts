import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page.js';

export { pageOf, type Page } from './page.js';

/** Relay forward pagination arguments, shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Nodes to return: 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page' })
  after?: string | null;
}

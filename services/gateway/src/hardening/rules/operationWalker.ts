import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Visits the fields of a selection set, fragments inlined, introspection fields skipped. */
export interface FieldWalk<T> {
  /** Combines a field with what its children produced. */
  field(node: FieldNode, children: T): T;
  /** Combines the results of sibling selections. */
  siblings(results: readonly T[]): T;
  /** The result of an empty selection set (or of a fragment cycle, which another rule reports). */
  readonly empty: T;
}

/**
 * Walks an operation's selections the way execution would see them: fragment
 * spreads and inline fragments replaced by their selections. Fields whose name
 * starts with `__` (introspection, `__typename`) are not walked: introspection is
 * governed separately (off in production). Fragment cycles end the walk (the
 * specified `NoFragmentCyclesRule` reports them).
 */
export function walkSelections<T>(
  context: ValidationContext,
  selectionSet: SelectionSetNode | undefined,
  walk: FieldWalk<T>,
  fragmentStack: ReadonlySet<string> = new Set(),
): T {
  if (selectionSet === undefined) return walk.empty;
  const results: T[] = [];
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (selection.name.value.startsWith('__')) break;
        results.push(
          walk.field(
            selection,
            walkSelections(context, selection.selectionSet, walk, fragmentStack),
          ),
        );
        break;
      case Kind.INLINE_FRAGMENT:
        results.push(walkSelections(context, selection.selectionSet, walk, fragmentStack));
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
        if (fragment === null || fragment === undefined || fragmentStack.has(name)) break;
        results.push(
          walkSelections(context, fragment.selectionSet, walk, new Set([...fragmentStack, name])),
        );
        break;
      }
    }
  }
  return walk.siblings(results);
}

import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks, below the field being resolved, for the field at
 * `path` (names of nested fields, through inline fragments and fragment
 * spreads alike). A resolver uses it to start a read the rest of the query
 * will need alongside its own, instead of after it.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && within(node.selectionSet, path, info),
  );
}

function within(set: SelectionSetNode, path: readonly string[], info: GraphQLResolveInfo): boolean {
  const [name, ...rest] = path;
  return set.selections.some((selection) => {
    if (selection.kind === 'Field') {
      if (selection.name.value !== name) return false;
      return (
        rest.length === 0 ||
        (!!selection.selectionSet && within(selection.selectionSet, rest, info))
      );
    }
    const fragment =
      selection.kind === 'InlineFragment' ? selection : info.fragments[selection.name.value];
    return !!fragment && within(fragment.selectionSet, path, info);
  });
}

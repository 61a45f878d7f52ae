/** What went wrong, sorted for the page: per form field, or for the whole form. */
export interface ProblemReport {
  /** BAD_USER_INPUT messages by the field in `extensions.field` (e.g. `input.firstName`). */
  fields: Record<string, string>;
  /** The code of the first error that is not a field's, or NETWORK when nothing answered. */
  code: string | null;
  message: string | null;
}

export function reportOf(error: unknown): ProblemReport {
  const report: ProblemReport = { fields: {}, code: null, message: null };
  if (!error) return report;
  // Apollo's CombinedGraphQLErrors and graphqlRequest's GraphQLRequestError alike.
  if (!hasGraphQLErrors(error)) {
    report.code = 'NETWORK';
    report.message = error instanceof Error ? error.message : String(error);
    return report;
  }
  for (const e of error.errors) {
    const field = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
      report.fields[field] ??= e.message;
    } else if (!report.code) {
      report.code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      report.message = e.message;
    }
  }
  return report;
}

function hasGraphQLErrors(
  error: unknown,
): error is { errors: { message: string; extensions?: Record<string, unknown> }[] } {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { errors?: unknown }).errors)
  );
}

/** A stored time as GraphQL's String timestamps carry it; null stays null. */
export const isoOrNull = (date: Date | null | undefined): string | null =>
  date?.toISOString() ?? null;

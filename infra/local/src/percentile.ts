/** The value at percentile `p` (0-100) of `sorted`, ascending: nearest rank, no interpolation. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * How long a version read is taken as current (customer shelves, tenant
 * ledger): reads within it need no round trip, and every change waits it
 * out before it returns (see customer-shelves.ts, "commit wait").
 */
export const VERSION_TRUSTED_MS = 20;

/**
 * Waits until every version read before the last change has stopped being
 * trusted: a replica took it as current for `trustMs` after its read
 * started, which was before the change, so after this no replica still does.
 */
export async function outlastTrust(trustMs: number): Promise<void> {
  // A timer may fire up to a millisecond early (it counts from the event loop's cached time).
  const until = performance.now() + trustMs;
  while (performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(until - performance.now())));
}

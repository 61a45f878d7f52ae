import type { ContactPrincipal, Principal } from './claims';

// A type-only brand: a TenantScope is a plain object at run time, but only this module can
// make one, so a store's tenant never comes from a bare string (say, an argument) by accident.
declare const brand: unique symbol;

/**
 * The tenant a read or write is confined to. Stores take one instead of a tenant id; it comes
 * from a verified source, each with its own constructor below, so a reader can see where a
 * query's tenant came from.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly [brand]: 'TenantScope';
}

/** A contact's scope: one customer of one tenant. */
export interface CustomerScope extends TenantScope {
  readonly customerId: string;
}

/**
 * A MongoDB filter that pins a query to one tenant, or matches nothing. Made from a
 * TenantScope (scopedFilter) or as NOTHING; stores take it where callers narrow further.
 */
export type ScopedFilter = Readonly<Record<string, unknown>> & { readonly [brand]: 'ScopedFilter' };

/** The tenant of a signed-in caller (its access token is verified). */
export function principalScope(principal: Principal): TenantScope {
  return { tenantId: principal.tenantId } as TenantScope;
}

/** A contact's tenant and customer, as their verified access token names them. */
export function contactScope(contact: ContactPrincipal): CustomerScope {
  return { tenantId: contact.tenantId, customerId: contact.customerId } as CustomerScope;
}

/** The tenant of an event read from Portico's own topics (its `tenantid` attribute). */
export function eventScope(event: { readonly tenantid: string }): TenantScope {
  return { tenantId: event.tenantid } as TenantScope;
}

/**
 * The tenant of a record Portico stored itself (a user found by email at sign-in, a session
 * being refreshed, a job queued earlier), of a link it signed (a file link's claims) or of a
 * tenant just registered; never of input.
 */
export function storedScope(record: { readonly tenantId: string }): TenantScope {
  return { tenantId: record.tenantId } as TenantScope;
}

/**
 * `conditions` confined to the scope's tenant and, for a contact's scope, to their customer
 * (a record's `customerId`): the scope's values win over the conditions'.
 */
export function scopedFilter(
  scope: TenantScope | CustomerScope,
  conditions: object = {},
): ScopedFilter {
  const pinned = 'customerId' in scope ? { customerId: scope.customerId } : {};
  return { ...conditions, tenantId: scope.tenantId, ...pinned } as unknown as ScopedFilter;
}

/** A filter no record matches: for callers who may see nothing. */
export const NOTHING: ScopedFilter = Object.freeze({
  _id: { $in: [] },
}) as unknown as ScopedFilter;

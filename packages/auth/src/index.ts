export * from './claims';
export { PUBLIC_ROOT_FIELDS } from './public-fields';
export { requireContact, requirePrincipal, requireStaff } from './require';
export { createTokenVerifier, createTokenVerifierFromKeys, type TokenVerifier } from './verify';
export { RevocationList } from './revocations';
export {
  contactScope,
  eventScope,
  NOTHING,
  principalScope,
  scopedFilter,
  storedScope,
  type CustomerScope,
  type ScopedFilter,
  type TenantScope,
} from './tenant-scope';

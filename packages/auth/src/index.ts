export * from './claims';
export { PUBLIC_ROOT_FIELDS } from './public-fields';
export { requireContact, requirePrincipal, requireStaff } from './require';
export { createTokenVerifier, createTokenVerifierFromKeys, type TokenVerifier } from './verify';
export { RevocationList } from './revocations';

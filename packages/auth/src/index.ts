export * from './claims';
export { requireContact, requirePrincipal, requireStaff } from './require';
export { createTokenVerifier, createTokenVerifierFromKeys, type TokenVerifier } from './verify';
export { RevocationList } from './revocations';

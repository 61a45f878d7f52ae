/**
 * The Query and Mutation fields a caller without a token may use: what it takes to get a
 * session. Every other root field of every subgraph answers UNAUTHENTICATED without one
 * (shared/API.md), never an empty answer.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'registerOrganization',
  'login',
  'refreshSession',
  'requestPasswordReset',
  'resetPassword',
  'acceptInvitation',
  'invitation',
  'verifyEmail',
  'portalBrand',
]);

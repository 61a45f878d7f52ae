/**
 * The address of a portal page in an email. It names the organization, so the
 * page shows the sender's name, logo and colour before anyone signs in.
 */
export function portalLink(
  publicUrl: string,
  path: string,
  organizationId: string,
  query: Record<string, string> = {},
): string {
  const link = new URL(`${publicUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(query)) link.searchParams.set(name, value);
  link.searchParams.set('organization', organizationId);
  return link.toString();
}

/** Where to go after signing in: a path of this portal only, never another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/documents';
  if (next.startsWith('/sign-in')) return '/documents';
  return next;
}

export function signInPathFor(location: { pathname: string; search: string }): string {
  return `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
}

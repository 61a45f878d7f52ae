/**
 * The code behind sign-in, split off so /sign-in ships without it (bench:web).
 * The router loads each chunk when its route is reached; the sign-in form
 * fetches them ahead, while the password is being checked.
 */
export const loadApollo = () => import('./api/apollo-outlet');
export const loadShell = () => import('./layout/signed-in-shell');
export const loadDocumentsPage = () => import('./pages/documents-page');

export function preloadSignedIn(): void {
  void loadApollo();
  void loadShell();
  void loadDocumentsPage();
}

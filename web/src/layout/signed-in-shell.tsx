import { RequireSession } from '../session/require-session';
import { AppShell } from './app-shell';

/** The pages behind a session, in their shell. */
export function SignedInShell() {
  return (
    <RequireSession>
      <AppShell />
    </RequireSession>
  );
}

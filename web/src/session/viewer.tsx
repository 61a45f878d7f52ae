import { useQuery } from '@apollo/client/react';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { Permission } from '../gql/graphql';
import { useUser } from './use-session';

const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      portalAccess {
        id
        accessLevel {
          id
          name
          permissions
        }
      }
    }
  }
`);

/** What staff may do on a document page; what a contact may do comes from their access level. */
const STAFF_PERMISSIONS: Permission[] = [
  'VIEW_DOCUMENTS',
  'DOWNLOAD_DOCUMENTS',
  'VIEW_PAYMENTS',
  'COMMENT',
];

const PermissionsContext = createContext<ReadonlySet<Permission>>(new Set());

/**
 * What the signed-in user may do, so pages leave out the controls they may not use (the server
 * refuses them anyway: a hidden control is a courtesy, never the check). The session brings the
 * permissions along, so no page waits for them; the query keeps them current while the shell
 * is open (a level changed by staff).
 */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const { data } = useQuery(ViewerQuery, { skip: user.kind === 'STAFF' });
  const permissions = useMemo(
    () =>
      new Set<Permission>(
        user.kind === 'STAFF'
          ? STAFF_PERMISSIONS
          : (data?.me?.portalAccess?.accessLevel.permissions ??
              user.portalAccess?.accessLevel.permissions ??
              []),
      ),
    [user, data],
  );
  return <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>;
}

export function useCan(permission: Permission): boolean {
  return useContext(PermissionsContext).has(permission);
}

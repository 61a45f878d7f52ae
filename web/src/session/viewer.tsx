import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
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
 * Loads what the signed-in user may do, so pages leave out the controls they may not use (the
 * server refuses them anyway: a hidden control is a courtesy, never the check).
 */
export function ViewerProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: ReactNode;
}) {
  const user = useUser();
  const { data, error } = useQuery(ViewerQuery, { skip: user.kind === 'STAFF' });
  if (user.kind === 'STAFF') {
    return (
      <PermissionsContext.Provider value={new Set(STAFF_PERMISSIONS)}>
        {children}
      </PermissionsContext.Provider>
    );
  }
  if (!data && !error) return fallback;
  const permissions = new Set(data?.me?.portalAccess?.accessLevel.permissions ?? []);
  return <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>;
}

export function useCan(permission: Permission): boolean {
  return useContext(PermissionsContext).has(permission);
}

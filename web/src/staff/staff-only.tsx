import { Outlet } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page';
import { managesOrganization, useUser } from '../session/use-session';
import { StaffMessages } from './staff-messages';

/**
 * The staff routes' gate: a contact who types a staff address sees "not found", as for any page
 * they may not see. The server refuses them anyway; this keeps the staff code out of their
 * browser too, since the staff pages are only imported below this gate.
 */
export function StaffOnly() {
  const user = useUser();
  return user.kind === 'STAFF' ? (
    <StaffMessages>
      <Outlet />
    </StaffMessages>
  ) : (
    <NotFoundPage embedded />
  );
}

/**
 * Pages about the whole organization (emails, audit trail, settings, team, webhooks): owners and
 * admins only, as the API has it. A SPECIALIST sees "not found".
 */
export function OwnerOrAdminOnly() {
  const user = useUser();
  return managesOrganization(user) ? <Outlet /> : <NotFoundPage embedded />;
}

import { principalScope, type StaffPrincipal, type StaffRole, storedScope } from '@portico/auth';
import { badInput, conflict, forbidden, notFound } from '@portico/errors';
import type { UserRecord } from './model/user';
import type { IdentityStore } from './store';
import type { Sessions } from './tokens/sessions';

/** The tenant's staff users: listing them, their roles, and disabling or enabling one. */
export class StaffDirectory {
  constructor(
    private readonly store: IdentityStore,
    private readonly sessions: Sessions,
  ) {}

  list(staff: StaffPrincipal): Promise<UserRecord[]> {
    return this.store.staffUsers(principalScope(staff));
  }

  /**
   * OWNER/ADMIN. Disabling ends every session of the user before it returns
   * (their tokens are refused on the next request); only an owner touches an
   * owner, and nobody disables themselves.
   */
  async setDisabled(actor: StaffPrincipal, userId: string, disabled: boolean): Promise<UserRecord> {
    const user = await this.staffUser(actor, userId);
    if (user._id === actor.userId) throw badInput('id', 'You cannot disable yourself');
    if (user.role === 'OWNER' && actor.role !== 'OWNER')
      throw forbidden('Only an owner may disable an owner');
    const updated = await this.store.updateUser(storedScope(user), user._id, { disabled });
    if (!updated) throw notFound('User');
    if (disabled) await this.sessions.revokeOthers(updated, '', 'user disabled');
    return updated;
  }

  /**
   * OWNER/ADMIN. Only an owner makes or unmakes an owner; the organization keeps at least one
   * active owner. The user's sessions end, since their tokens carry the old role.
   */
  async setRole(actor: StaffPrincipal, userId: string, role: StaffRole): Promise<UserRecord> {
    const user = await this.staffUser(actor, userId);
    if ((user.role === 'OWNER' || role === 'OWNER') && actor.role !== 'OWNER')
      throw forbidden('Only an owner may give or take the owner role');
    if (user.role === role) return user;
    if (user.role === 'OWNER') {
      if ((await this.store.countActiveOwners(principalScope(actor))) <= 1)
        throw conflict('role', 'The organization keeps at least one owner');
    }
    const updated = await this.store.updateUser(storedScope(user), user._id, { role });
    if (!updated) throw notFound('User');
    await this.sessions.revokeOthers(updated, '', 'role changed');
    return updated;
  }

  /** A staff user of the actor's tenant, for an owner or admin to manage. */
  private async staffUser(actor: StaffPrincipal, userId: string): Promise<UserRecord> {
    if (actor.role === 'SPECIALIST') throw forbidden('Only owners and admins manage staff');
    const user = await this.store.findUser(principalScope(actor), userId);
    if (!user) throw notFound('User');
    if (user.kind !== 'STAFF')
      throw badInput('id', 'Contacts are managed through their portal access');
    return user;
  }
}

import { requireContact, requireStaff } from '@portico/auth';
import type { CustomerContext } from '../context';
import type { CustomerInput, CustomerSelfServiceInput } from '../customer-input';
import type { GrantAccessInput, UpdateAccessInput } from '../portal-accesses';
import type { AccessLevelInput, PortalSettingsInput } from '../portal-configuration';

const MANAGERS = ['OWNER' as const, 'ADMIN' as const];

/** Thin: who may call, then the domain module. */
export const mutationResolvers = {
  createCustomer: (_: unknown, args: { input: CustomerInput }, ctx: CustomerContext) =>
    ctx.customers.create(requireStaff(ctx.auth), args.input),

  updateCustomer: (_: unknown, args: { id: string; input: CustomerInput }, ctx: CustomerContext) =>
    ctx.customers.update(requireStaff(ctx.auth), args.id, args.input),

  async deleteCustomer(_: unknown, args: { id: string }, ctx: CustomerContext) {
    await ctx.customers.delete(requireStaff(ctx.auth, MANAGERS), args.id);
    return true;
  },

  setCustomerAdministrators: (
    _: unknown,
    args: { customerId: string; userIds: string[] },
    ctx: CustomerContext,
  ) =>
    ctx.customers.setAdministrators(
      requireStaff(ctx.auth, MANAGERS),
      args.customerId,
      args.userIds,
    ),

  updateMyCustomerData: (
    _: unknown,
    args: { input: CustomerSelfServiceInput },
    ctx: CustomerContext,
  ) => ctx.customers.updateByContact(requireContact(ctx.auth), args.input),

  grantPortalAccess: (
    _: unknown,
    args: { customerId: string; input: GrantAccessInput },
    ctx: CustomerContext,
  ) => ctx.accesses.grant(requireStaff(ctx.auth), args.customerId, args.input),

  updatePortalAccess: (
    _: unknown,
    args: { id: string; input: UpdateAccessInput },
    ctx: CustomerContext,
  ) => ctx.accesses.update(requireStaff(ctx.auth), args.id, args.input),

  revokePortalAccess: (_: unknown, args: { id: string }, ctx: CustomerContext) =>
    ctx.accesses.revokeByStaff(requireStaff(ctx.auth), args.id),

  resendInvitation: (_: unknown, args: { id: string }, ctx: CustomerContext) =>
    ctx.accesses.resendInvitation(requireStaff(ctx.auth), args.id),

  createAccessLevel: (_: unknown, args: { input: AccessLevelInput }, ctx: CustomerContext) =>
    ctx.configuration.createAccessLevel(requireStaff(ctx.auth, MANAGERS), args.input),

  async updateAccessLevel(
    _: unknown,
    args: { id: string; input: AccessLevelInput },
    ctx: CustomerContext,
  ) {
    const staff = requireStaff(ctx.auth, MANAGERS);
    const level = await ctx.configuration.updateAccessLevel(staff, args.id, args.input);
    await ctx.accesses.reapplyLevel(staff, level);
    return level;
  },

  updatePortalSettings: (_: unknown, args: { input: PortalSettingsInput }, ctx: CustomerContext) =>
    ctx.configuration.update(requireStaff(ctx.auth, MANAGERS), args.input),
};

import type { MutationResolvers } from '../generated/resolver-types';
import { requireContact, requireStaff } from '@portico/auth';

const MANAGERS = ['OWNER' as const, 'ADMIN' as const];

/** Thin: who may call, then the domain module. */
export const mutationResolvers: MutationResolvers = {
  createCustomer: (_, args, ctx) => ctx.customers.create(requireStaff(ctx.auth), args.input),

  updateCustomer: (_, args, ctx) =>
    ctx.customers.update(requireStaff(ctx.auth), args.id, args.input),

  async deleteCustomer(_, args, ctx) {
    await ctx.customers.delete(requireStaff(ctx.auth, MANAGERS), args.id);
    return true;
  },

  setCustomerAdministrators: (_, args, ctx) =>
    ctx.customers.setAdministrators(
      requireStaff(ctx.auth, MANAGERS),
      args.customerId,
      args.userIds,
    ),

  updateMyCustomerData: (_, args, ctx) =>
    ctx.customers.updateByContact(requireContact(ctx.auth), args.input),

  grantPortalAccess: (_, args, ctx) =>
    ctx.accesses.grant(requireStaff(ctx.auth), args.customerId, args.input),

  updatePortalAccess: (_, args, ctx) =>
    ctx.accesses.update(requireStaff(ctx.auth), args.id, args.input),

  revokePortalAccess: (_, args, ctx) => ctx.accesses.revokeByStaff(requireStaff(ctx.auth), args.id),

  resendInvitation: (_, args, ctx) =>
    ctx.accesses.resendInvitation(requireStaff(ctx.auth), args.id),

  createAccessLevel: (_, args, ctx) =>
    ctx.configuration.createAccessLevel(requireStaff(ctx.auth, MANAGERS), args.input),

  async updateAccessLevel(_, args, ctx) {
    const staff = requireStaff(ctx.auth, MANAGERS);
    const level = await ctx.configuration.updateAccessLevel(staff, args.id, args.input);
    await ctx.accesses.reapplyLevel(staff, level);
    return level;
  },

  updatePortalSettings: (_, args, ctx) =>
    ctx.configuration.update(requireStaff(ctx.auth, MANAGERS), args.input),
};

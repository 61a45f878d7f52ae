import type { OrganizationResolvers } from '../generated/resolver-types';

export const organizationResolvers: OrganizationResolvers = {
  id: (organization) => organization._id,
};

import type { Resolvers } from '../generated/resolver-types';
import { accessLevelResolvers } from './access-level';
import { customerResolvers } from './customer';
import { mutationResolvers } from './mutation';
import { portalAccessResolvers } from './portal-access';
import { portalSettingsResolvers } from './portal-settings';
import { queryResolvers } from './query';

/** The customer subgraph's resolvers, one module per GraphQL type. */
export const resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Customer: customerResolvers,
  PortalAccess: portalAccessResolvers,
  AccessLevel: accessLevelResolvers,
  PortalSettings: portalSettingsResolvers,
} satisfies Resolvers;

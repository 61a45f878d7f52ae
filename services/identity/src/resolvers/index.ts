import type { Resolvers } from '../generated/resolver-types';
import { auditEntryResolvers } from './audit-entry';
import { mutationResolvers } from './mutation';
import { organizationResolvers } from './organization';
import { queryResolvers } from './query';
import { userResolvers } from './user';

/** The identity subgraph's resolvers, one module per GraphQL type. */
export const resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  User: userResolvers,
  Organization: organizationResolvers,
  AuditEntry: auditEntryResolvers,
} satisfies Resolvers;

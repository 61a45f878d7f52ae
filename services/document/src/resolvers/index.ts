import type { Resolvers } from '../generated/resolver-types';
import { documentResolvers } from './document';
import { documentCommentResolvers } from './document-comment';
import { documentLineResolvers } from './document-line';
import { mutationResolvers } from './mutation';
import { paymentResolvers } from './payment';
import { queryResolvers } from './query';

/** The document subgraph's resolvers, one module per GraphQL type. */
export const resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Document: documentResolvers,
  DocumentLine: documentLineResolvers,
  Payment: paymentResolvers,
  DocumentComment: documentCommentResolvers,
} satisfies Resolvers;

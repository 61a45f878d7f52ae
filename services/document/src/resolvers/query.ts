import type { QueryResolvers } from '../generated/resolver-types';
import { principalScope, requirePrincipal, requireStaff } from '@portico/auth';
import { DOCUMENT_TYPES } from '@portico/events';
import { selectsPath } from '@portico/subgraph';
import { listDocuments } from '../document-listing';
import { DEFAULT_NUMBER_PATTERNS, exampleNumber } from '../numbering';

export const queryResolvers: QueryResolvers = {
  async documents(_, args, context, info) {
    const { auth } = context;
    if (auth.kind === 'CONTACT') {
      // A contact's customer is known from the token: its shelf (and its name, when asked for) are
      // read alongside the viewer's reads instead of after them. Nothing read is shown unless the
      // viewer allows it; a failed read fails where it is awaited.
      const warm = (read: Promise<unknown>) => void read.catch(() => undefined);
      warm(context.store.shelves.contents(auth.customerId));
      if (selectsPath(info, ['edges', 'node', 'customer', 'displayName']))
        warm(context.customerCopy(auth.customerId));
    }
    return listDocuments(context.store, await context.viewer(), args);
  },

  /** Null for what the caller may not see: never a hint that it exists. */
  async document(_, { id }, context) {
    const document = await context.store.findDocument((await context.viewer()).scope, id);
    if (document && context.auth.kind !== 'ANONYMOUS')
      context.downloads.viewed(document, context.auth, context.client.ip);
    return document;
  },

  /** Open items of one customer, within what the caller may see. */
  async accountStatement(_, args, context) {
    const principal = requirePrincipal(context.auth);
    const statement = await context.statements.of(
      await context.viewer(),
      principal,
      args.customerId,
    );
    return { ...statement, customer: { __typename: 'Customer', id: statement.customer._id } };
  },

  async documentNumberPatterns(_, __, context) {
    const staff = requireStaff(context.auth, ['OWNER', 'ADMIN']);
    const settings = await context.store.tenantSettings(principalScope(staff));
    return DOCUMENT_TYPES.map((type) => {
      const pattern = settings.numberPatterns[type] ?? DEFAULT_NUMBER_PATTERNS[type];
      return { type, pattern, example: exampleNumber(pattern) };
    });
  },
};

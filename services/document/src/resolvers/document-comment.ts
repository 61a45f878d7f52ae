import type { DocumentCommentResolvers } from '../generated/resolver-types';

export const documentCommentResolvers: DocumentCommentResolvers = {
  id: (comment) => comment._id,
  author: (comment) => ({ __typename: 'User', id: comment.authorId }),
  createdAt: (comment) => comment.createdAt.toISOString(),
};

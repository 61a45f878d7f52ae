import type { MutationResolvers } from '../generated/resolver-types';
import { requireContact, requirePrincipal, requireStaff } from '@portico/auth';
import { exampleNumber } from '../numbering';

const MANAGERS = ['OWNER' as const, 'ADMIN' as const];

/** Thin: who may call, then the domain module (document-changes.ts). */
export const mutationResolvers: MutationResolvers = {
  async createDocument(_, args, ctx) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.create(await ctx.viewer(), staff, args.input);
  },

  async updateDocument(_, args, ctx) {
    requireStaff(ctx.auth);
    return ctx.changes.update(await ctx.viewer(), args.id, args.input);
  },

  async issueDocument(_, args, ctx) {
    requireStaff(ctx.auth);
    return ctx.changes.issue(await ctx.viewer(), args.id);
  },

  async voidDocument(_, args, ctx) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.void(await ctx.viewer(), staff, args.id, args.reason);
  },

  async recordPayment(_, args, ctx) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.recordPayment(await ctx.viewer(), staff, args.documentId, args.input);
  },

  async setDocumentShared(_, args, ctx) {
    requireStaff(ctx.auth);
    return ctx.changes.setShared(await ctx.viewer(), args.id, args.shared);
  },

  async setDocumentProcessors(_, args, ctx) {
    requireStaff(ctx.auth, MANAGERS);
    return ctx.changes.setProcessors(await ctx.viewer(), args.id, args.userIds);
  },

  async addDocumentComment(_, args, ctx) {
    const author = requirePrincipal(ctx.auth);
    return ctx.changes.addComment(await ctx.viewer(), author, args.documentId, args.body);
  },

  async respondToEstimate(_, args, ctx) {
    const contact = requireContact(ctx.auth);
    return ctx.changes.respondToEstimate(
      await ctx.viewer(),
      contact,
      args.id,
      args.decision,
      args.comment,
    );
  },

  async requestDocumentDownload(_, args, ctx) {
    const principal = requirePrincipal(ctx.auth);
    return ctx.downloads.request(await ctx.viewer(), principal, args.id, ctx.client.ip);
  },

  async requestStatementDownload(_, __, ctx) {
    const contact = requireContact(ctx.auth);
    return ctx.statements.requestPdf(await ctx.viewer(), contact);
  },

  async sendAccountStatement(_, args, ctx) {
    const staff = requireStaff(ctx.auth);
    await ctx.statements.send(await ctx.viewer(), staff, args.customerId);
    return true;
  },

  async setDocumentNumberPattern(_, args, ctx) {
    const staff = requireStaff(ctx.auth, MANAGERS);
    const saved = await ctx.changes.setNumberPattern(staff, args.type, args.pattern);
    return { ...saved, example: exampleNumber(saved.pattern) };
  },
};

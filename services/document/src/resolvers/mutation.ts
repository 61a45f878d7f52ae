import { requireContact, requirePrincipal, requireStaff } from '@portico/auth';
import type { DocumentType } from '@portico/events';
import type { DocumentContext } from '../context';
import type { DocumentInput } from '../document-input';
import { exampleNumber } from '../numbering';

const MANAGERS = ['OWNER' as const, 'ADMIN' as const];

/** Thin: who may call, then the domain module (document-changes.ts). */
export const mutationResolvers = {
  async createDocument(_: unknown, args: { input: DocumentInput }, ctx: DocumentContext) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.create(await ctx.viewer(), staff, args.input);
  },

  async updateDocument(
    _: unknown,
    args: { id: string; input: DocumentInput },
    ctx: DocumentContext,
  ) {
    requireStaff(ctx.auth);
    return ctx.changes.update(await ctx.viewer(), args.id, args.input);
  },

  async issueDocument(_: unknown, args: { id: string }, ctx: DocumentContext) {
    requireStaff(ctx.auth);
    return ctx.changes.issue(await ctx.viewer(), args.id);
  },

  async voidDocument(_: unknown, args: { id: string; reason: string }, ctx: DocumentContext) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.void(await ctx.viewer(), staff, args.id, args.reason);
  },

  async recordPayment(
    _: unknown,
    args: {
      documentId: string;
      input: { amount: string; date: string; method?: string | null; reference?: string | null };
    },
    ctx: DocumentContext,
  ) {
    const staff = requireStaff(ctx.auth);
    return ctx.changes.recordPayment(await ctx.viewer(), staff, args.documentId, args.input);
  },

  async setDocumentShared(_: unknown, args: { id: string; shared: boolean }, ctx: DocumentContext) {
    requireStaff(ctx.auth);
    return ctx.changes.setShared(await ctx.viewer(), args.id, args.shared);
  },

  async setDocumentProcessors(
    _: unknown,
    args: { id: string; userIds: string[] },
    ctx: DocumentContext,
  ) {
    requireStaff(ctx.auth, MANAGERS);
    return ctx.changes.setProcessors(await ctx.viewer(), args.id, args.userIds);
  },

  async addDocumentComment(
    _: unknown,
    args: { documentId: string; body: string },
    ctx: DocumentContext,
  ) {
    const author = requirePrincipal(ctx.auth);
    return ctx.changes.addComment(await ctx.viewer(), author, args.documentId, args.body);
  },

  async respondToEstimate(
    _: unknown,
    args: { id: string; decision: 'ACCEPT' | 'DECLINE'; comment?: string | null },
    ctx: DocumentContext,
  ) {
    const contact = requireContact(ctx.auth);
    return ctx.changes.respondToEstimate(
      await ctx.viewer(),
      contact,
      args.id,
      args.decision,
      args.comment,
    );
  },

  async requestDocumentDownload(_: unknown, args: { id: string }, ctx: DocumentContext) {
    const principal = requirePrincipal(ctx.auth);
    return ctx.downloads.request(await ctx.viewer(), principal, args.id, ctx.client.ip);
  },

  async requestStatementDownload(_: unknown, __: unknown, ctx: DocumentContext) {
    const contact = requireContact(ctx.auth);
    return ctx.statements.requestPdf(await ctx.viewer(), contact);
  },

  async sendAccountStatement(_: unknown, args: { customerId: string }, ctx: DocumentContext) {
    const staff = requireStaff(ctx.auth);
    await ctx.statements.send(await ctx.viewer(), staff, args.customerId);
    return true;
  },

  async setDocumentNumberPattern(
    _: unknown,
    args: { type: DocumentType; pattern: string },
    ctx: DocumentContext,
  ) {
    const staff = requireStaff(ctx.auth, MANAGERS);
    const saved = await ctx.changes.setNumberPattern(staff, args.type, args.pattern);
    return { ...saved, example: exampleNumber(saved.pattern) };
  },
};

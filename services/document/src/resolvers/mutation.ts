import { randomUUID } from 'node:crypto';
import { requireStaff } from '@portico/auth';
import { AppError, badInput, notFound } from '@portico/errors';
import { createEvent } from '@portico/events';
import { lockDocument } from '@portico/outbox';
import { optionalText, requireDate, requireText } from '@portico/validation';
import type { DocumentContext } from '../context';
import type { DocumentType } from '../model/document';
import { formatAmount, priceLines, type LineInput } from '../money/line-totals';

interface DocumentInput {
  type: DocumentType;
  customerId: string;
  issueDate?: string | null;
  dueDate?: string | null;
  currency: string;
  lines: LineInput[];
  project?: string | null;
  notes?: string | null;
}

const MAX_LINES = 1000;
const today = () => new Date().toISOString().slice(0, 10);

export function mutationResolvers(publishPending: () => void) {
  return {
    async createDocument(
      _: unknown,
      { input }: { input: DocumentInput },
      { auth, store }: DocumentContext,
    ) {
      const staff = requireStaff(auth);
      const customer = await store.findCustomer(staff.tenantId, input.customerId);
      if (!customer) throw badInput('input.customerId', 'No such customer');
      if (input.lines.length > MAX_LINES)
        throw badInput('input.lines', `At most ${MAX_LINES} lines`);
      const currency = input.currency.trim().toUpperCase();
      const priced = priceLines(
        currency,
        input.lines.map((line, index) => ({
          ...line,
          description: requireText(`input.lines.${index}.description`, line.description, 500),
        })),
      );
      const issueDate = input.issueDate ? requireDate('input.issueDate', input.issueDate) : null;
      const dueDate = input.dueDate ? requireDate('input.dueDate', input.dueDate) : null;
      if (issueDate && dueDate && dueDate < issueDate)
        throw badInput('input.dueDate', 'Due date is before the issue date');
      const created = await store.documents.create({
        _id: randomUUID(),
        tenantId: staff.tenantId,
        customerId: customer._id,
        type: input.type,
        status: 'DRAFT',
        issueDate,
        dueDate,
        currency,
        ...priced,
        project: optionalText('input.project', input.project),
        notes: optionalText('input.notes', input.notes, 2000),
        createdBy: staff.userId,
      });
      return created.toObject();
    },

    async issueDocument(_: unknown, { id }: { id: string }, { auth, store }: DocumentContext) {
      const staff = requireStaff(auth);
      const draft = await store.findVisible(staff, id);
      if (!draft) throw notFound('Document');
      if (draft.status !== 'DRAFT')
        throw new AppError('CONFLICT', 'Only a draft can be issued', 'id');
      const customer = await store.findCustomer(staff.tenantId, draft.customerId);
      if (!customer) throw notFound('Customer');
      const issueDate = draft.issueDate ?? today();
      // Known gap (document issue): if the update below fails, this number is lost.
      const number = await store.nextNumber(staff.tenantId, draft.type, issueDate.slice(0, 4));
      const billTo = {
        customerId: customer._id,
        number: customer.number,
        displayName: customer.displayName,
        email: customer.email,
      };
      const event = createEvent({
        type: 'portico.document.issued.v1',
        service: 'document',
        subject: draft._id,
        tenantId: staff.tenantId,
        data: {
          documentId: draft._id,
          type: draft.type,
          number,
          issueDate,
          dueDate: draft.dueDate,
          currency: draft.currency,
          grossTotal: formatAmount(draft.grossMinor, draft.exponent),
          customer: { id: customer._id, displayName: customer.displayName, email: customer.email },
        },
      });
      const issued = await lockDocument(store.documents, draft._id, () =>
        store.documents
          .findOneAndUpdate(
            { _id: draft._id, tenantId: staff.tenantId, status: 'DRAFT' },
            {
              $set: { status: 'ISSUED', number, issueDate, billTo, issuedAt: new Date() },
              $push: { outbox: event },
            },
            // No projection: FerretDB 1.24 does not implement findAndModify "fields".
            { new: true },
          )
          .lean()
          .exec(),
      );
      if (!issued) throw new AppError('CONFLICT', 'The document was issued concurrently', 'id');
      publishPending();
      return issued;
    },
  };
}

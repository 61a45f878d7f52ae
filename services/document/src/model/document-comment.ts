import { Schema, type Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { outboxPath } from '@portico/outbox';

export interface DocumentCommentRecord {
  _id: string;
  tenantId: string;
  documentId: string;
  customerId: string;
  authorId: string;
  authorKind: 'STAFF' | 'CONTACT';
  body: string;
  createdAt: Date;
  outbox: CloudEvent[];
}

/** A comment as read: without the events waiting in the outbox. */
export type DocumentComment = Omit<DocumentCommentRecord, 'outbox'>;

const documentCommentSchema = new Schema<DocumentCommentRecord>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    documentId: { type: String, required: true },
    customerId: { type: String, required: true },
    authorId: { type: String, required: true },
    authorKind: { type: String, required: true },
    body: { type: String, required: true },
    ...outboxPath,
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// serves: Document.comments, oldest first; erasing a customer's comments
documentCommentSchema.index({ tenantId: 1, documentId: 1, createdAt: 1 });
documentCommentSchema.index({ tenantId: 1, customerId: 1 });

export const documentCommentModel = (connection: Connection) =>
  connection.model<DocumentCommentRecord>(
    'DocumentComment',
    documentCommentSchema,
    'document_comments',
  );

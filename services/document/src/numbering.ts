import type { TenantScope } from '@portico/auth';
import type { Connection } from 'mongoose';
import { AppError, badInput } from '@portico/errors';
import type { DocumentType } from '@portico/events';
import { findSequenceValue, isDuplicateKeyError, nextSequence } from '@portico/mongo';

export const DEFAULT_NUMBER_PATTERNS: Record<DocumentType, string> = {
  INVOICE: 'INV-{YYYY}-{SEQ:6}',
  CREDIT_NOTE: 'CN-{YYYY}-{SEQ:6}',
  DEBIT_NOTE: 'DN-{YYYY}-{SEQ:6}',
  ESTIMATE: 'EST-{YYYY}-{SEQ:6}',
  REMINDER: 'REM-{YYYY}-{SEQ:6}',
  DELIVERY_NOTE: 'DEL-{YYYY}-{SEQ:6}',
  ORDER_CONFIRMATION: 'OC-{YYYY}-{SEQ:6}',
};

const TOKEN = /\{(YYYY|YY|SEQ(?::(\d{1,2}))?)\}/g;

/** A pattern such as `RE/{YY}/{SEQ:5}`: literals, {YYYY}, {YY}, and exactly one {SEQ} or {SEQ:n}. */
export function checkNumberPattern(field: string, value: string): string {
  const pattern = value.trim();
  const literals = pattern.replace(TOKEN, '');
  const sequences = [...pattern.matchAll(TOKEN)].filter(([, token]) => token!.startsWith('SEQ'));
  const widths = sequences.map(([, , width]) => Number(width ?? 1));
  if (
    pattern.length > 40 ||
    !/^[A-Za-z0-9/._-]*$/.test(literals) ||
    sequences.length !== 1 ||
    widths.some((width) => width < 1 || width > 12)
  )
    throw badInput(
      field,
      'Use letters, digits, / . _ - and the tokens {YYYY}, {YY} and exactly one {SEQ} or {SEQ:n} (n ≤ 12)',
    );
  return pattern;
}

export function formatNumber(pattern: string, year: string, sequence: number): string {
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(2);
    return String(sequence).padStart(Number(width ?? 1), '0');
  });
}

/** What the first number of this year would look like under `pattern`. */
export function exampleNumber(pattern: string): string {
  return formatNumber(pattern, String(new Date().getUTCFullYear()), 1);
}

// An issuing attempt that has not finished after this long is taken to have died.
const ABANDONED_AFTER_MS = 30_000;

/**
 * Gap-free numbers per tenant, type and year. An attempt first claims the
 * document (an insert under its id: one attempt at a time, on every backend),
 * then takes the next sequence value in the document's name, and notes it in
 * the claim. Whatever fails afterwards, the next attempt for that document
 * finds the same value again, so no number is skipped and none given twice.
 */
export class DocumentNumbers {
  private readonly claims;

  constructor(private readonly connection: Connection) {
    this.claims = connection.collection<{ _id: string; key: string; n: number | null; at: Date }>(
      'document_number_claims',
    );
  }

  async sequenceFor(
    { tenantId }: TenantScope,
    documentId: string,
    type: DocumentType,
    year: string,
  ): Promise<number> {
    const key = `${tenantId}:${type}:${year}`;
    let takingOver = false;
    try {
      await this.claims.insertOne({ _id: documentId, key, n: null, at: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const claim = await this.claims.findOne({ _id: documentId });
      if (claim?.n != null) return claim.n; // an earlier attempt got this far
      if (claim && Date.now() - claim.at.getTime() < ABANDONED_AFTER_MS)
        throw new AppError('CONFLICT', 'The document is being issued right now', 'id');
      takingOver = true;
    }
    // Only an attempt that died after taking a value can have left one in the document's name
    // (looking for it reads every sequence claim on FerretDB, so a first attempt does not).
    const n =
      (takingOver ? await findSequenceValue(this.connection, key, documentId) : null) ??
      (await nextSequence(this.connection, key, documentId));
    await this.claims.updateOne({ _id: documentId }, { $set: { n, key } });
    return n;
  }

  /**
   * Forgets which documents took which numbers (their customer was deleted):
   * the claims go, the sequence values stay taken so no number comes twice.
   */
  async forget(documentIds: string[]): Promise<void> {
    await this.claims.deleteMany({ _id: { $in: documentIds } });
    await this.connection
      .collection('sequence_claims')
      .updateMany({ owner: { $in: documentIds } }, { $set: { owner: null } });
  }
}

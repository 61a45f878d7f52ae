import { badInput } from '@portico/errors';
import { DOCUMENT_TYPES, type DocumentType } from '@portico/events';
import { optionalText, requireDate, requireText } from '@portico/validation';
import { priceLines, type LineInput, type PricedDocument } from '@portico/money';

export interface DocumentInput {
  type: DocumentType;
  customerId: string;
  issueDate?: string | null;
  dueDate?: string | null;
  currency: string;
  lines: LineInput[];
  project?: string | null;
  notes?: string | null;
}

export interface DocumentContent extends PricedDocument {
  type: DocumentType;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  project: string | null;
  notes: string | null;
}

const MAX_LINES = 1000;

/** Checks a DocumentInput and prices its lines; BAD_USER_INPUT names the field. */
export function documentContentFrom(input: DocumentInput): DocumentContent {
  if (!DOCUMENT_TYPES.includes(input.type)) throw badInput('input.type', 'Unknown document type');
  if (input.lines.length > MAX_LINES) throw badInput('input.lines', `At most ${MAX_LINES} lines`);
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
  return {
    type: input.type,
    currency,
    issueDate,
    dueDate,
    ...priced,
    project: optionalText('input.project', input.project),
    notes: optionalText('input.notes', input.notes, 2000),
  };
}

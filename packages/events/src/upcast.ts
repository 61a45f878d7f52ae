import type { EventData, EventType } from './catalog';
import type { CloudEvent, Envelope } from './envelope';

/**
 * The v1 fields each type gained after its first release. An event written before then (still on
 * a topic, in an outbox or on a dead-letter topic) lacks them; `upcast` fills in what it meant.
 */
interface LaterFields {
  'portico.customer.created.v1': 'administratorIds';
  'portico.customer.updated.v1': 'administratorIds';
  'portico.customer.portal-settings-changed.v1': 'shareNewDocuments';
  'portico.document.issued.v1': 'lines' | 'taxBreakdown' | 'billTo' | 'notes';
}

/** An event's payload as consumers see it: the later fields always there. */
export type CurrentData<T extends EventType> = T extends keyof LaterFields
  ? EventData<T> & Required<Pick<EventData<T>, LaterFields[T] & keyof EventData<T>>>
  : EventData<T>;

/** A consumed event: as published, its payload upcast to the current v1 shape. */
export type CurrentEvent<T extends EventType = EventType> = {
  [K in T]: Omit<Envelope<K>, 'data'> & { data: CurrentData<K> };
}[T];

/** Before administrators, nobody was named. */
const withAdministrators = <T extends { administratorIds?: string[] }>(data: T) => ({
  ...data,
  administratorIds: data.administratorIds ?? [],
});

/**
 * An issued document's payload in its current shape. Before the full PDF an issued document
 * carried its totals only, billed to the customer by name. Also for payloads kept apart from
 * their event (an email's resend recipe).
 */
export function currentDocumentIssued(
  data: EventData<'portico.document.issued.v1'>,
): CurrentData<'portico.document.issued.v1'> {
  return {
    ...data,
    lines: data.lines ?? [],
    taxBreakdown: data.taxBreakdown ?? [],
    billTo: data.billTo ?? {
      number: '',
      displayName: data.customer.displayName,
      address: null,
      taxId: null,
      vatId: null,
    },
    notes: data.notes ?? null,
  };
}

/** The event with every field its type gained since its first release (the same object if none). */
export function upcast(event: CloudEvent): CurrentEvent {
  switch (event.type) {
    case 'portico.customer.created.v1':
      return { ...event, data: withAdministrators(event.data) };
    case 'portico.customer.updated.v1':
      return { ...event, data: withAdministrators(event.data) };
    case 'portico.customer.portal-settings-changed.v1':
      // Before the setting, every new document was shared.
      return {
        ...event,
        data: { ...event.data, shareNewDocuments: event.data.shareNewDocuments ?? true },
      };
    case 'portico.document.issued.v1':
      return { ...event, data: currentDocumentIssued(event.data) };
    default:
      return event;
  }
}

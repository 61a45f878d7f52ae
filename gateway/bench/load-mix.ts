/**
 * What `bench:load`'s virtual users ask, in the shares a customer portal
 * sees: mostly document lists (varied filters, sorts, page sizes, and the
 * next page of the last list), then a document with its lines, payments and
 * comments, the user and their customer, statements, staff searching
 * customers, and writes. Each request is sent by a user picked at random,
 * with that user's own token.
 */
import type { Contact, Staff, World } from './load-world';

export interface LoadRequest {
  operation: string;
  token: string;
  body: string;
  /** Reads a successful answer: the next page of a list needs its cursor. */
  answered?: (data: unknown) => void;
}

const ROW =
  'id number type status paymentState issueDate dueDate currency netTotal taxTotal grossTotal paidTotal balanceDue customer { displayName }';
const LIST = `query DocumentList($filter: DocumentFilter, $sort: DocumentSort, $first: Int, $after: String) {
  documents(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { node { ${ROW} } } pageInfo { endCursor hasNextPage } totalCount
  }
}`;
const DETAIL = `query DocumentDetail($id: ID!) {
  document(id: $id) {
    ${ROW} project notes
    lines { description quantity unitPrice taxRate netAmount taxAmount grossAmount }
    payments { id amount date method }
    comments { id body createdAt author { id } }
  }
}`;
const ME_CONTACT = `query Me($customerId: ID!) {
  me { id email firstName lastName }
  customer(id: $customerId) { id number displayName email address { street postalCode city country } }
}`;
const ME_STAFF = '{ me { id email firstName lastName role } }';
const STATEMENT = `{ accountStatement { date totals { currency grossTotal paidTotal balanceDue }
  openDocuments { id number dueDate currency balanceDue paymentState } } }`;
const SEARCH = `query Customers($search: String) {
  customers(filter: { search: $search }, first: 20) { edges { node { id number displayName email } } totalCount }
}`;
const COMMENT = `mutation Comment($id: ID!, $body: String!) {
  addDocumentComment(documentId: $id, body: $body) { id createdAt }
}`;
const ANSWER = `mutation Answer($id: ID!, $decision: EstimateDecision!) {
  respondToEstimate(id: $id, decision: $decision) { id status }
}`;
const PAYMENT = `mutation Payment($id: ID!, $input: PaymentInput!) {
  recordPayment(documentId: $id, input: $input) { id paidTotal balanceDue paymentState }
}`;

const FILTERS: object[] = [
  {},
  {},
  { types: ['INVOICE'] },
  { paymentStates: ['UNPAID', 'PARTIALLY_PAID'] },
  { paymentStates: ['OVERDUE'] },
  { currency: 'USD' },
  { types: ['ESTIMATE'], statuses: ['ISSUED'] },
  { issueDateFrom: '2026-01-01' },
];
const SORT_FIELDS = ['ISSUE_DATE', 'DUE_DATE', 'NUMBER', 'GROSS_TOTAL', 'BALANCE_DUE', 'TYPE'];
const PAGE_SIZES = [20, 20, 20, 10, 50];

/** A list's variables and where its next page starts, per user. */
const lastList = new WeakMap<object, { variables: Record<string, unknown>; after: string }>();

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

function documentList(random: Random, user: Contact | Staff): LoadRequest {
  const last = lastList.get(user);
  // A third of lists are the next page of the user's last one.
  const variables =
    last && random() < 1 / 3
      ? { ...last.variables, after: last.after }
      : {
          filter: pick(random, FILTERS),
          sort: {
            field: pick(random, SORT_FIELDS),
            direction: random() < 0.5 ? 'ASC' : 'DESC',
          },
          first: pick(random, PAGE_SIZES),
        };
  return {
    operation: 'documents list',
    token: user.token,
    body: JSON.stringify({ query: LIST, variables }),
    answered(data) {
      const { pageInfo } = (data as { documents: { pageInfo: PageInfo } }).documents;
      if (pageInfo.hasNextPage && pageInfo.endCursor)
        lastList.set(user, { variables: { ...variables }, after: pageInfo.endCursor });
      else lastList.delete(user);
    },
  };
}
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

const request = (operation: string, token: string, query: string, variables = {}) => ({
  operation,
  token,
  body: JSON.stringify({ query, variables }),
});

/** The mix, by share of all requests (they add up to 100). */
const SHARES: [number, (random: Random, world: World) => LoadRequest | null][] = [
  [45, (random, world) => documentList(random, pick(random, world.contacts))],
  [15, (random, world) => documentList(random, pick(random, world.staff))],
  [
    11,
    (random, world) => {
      const contact = pick(random, world.contacts);
      return request('document detail', contact.token, DETAIL, {
        id: pick(random, contact.documents),
      });
    },
  ],
  [
    4,
    (random, world) => {
      const staff = pick(random, world.staff);
      return request('document detail', staff.token, DETAIL, { id: pick(random, staff.documents) });
    },
  ],
  [
    8,
    (random, world) => {
      const contact = pick(random, world.contacts);
      return request('me and customer', contact.token, ME_CONTACT, {
        customerId: contact.customerId,
      });
    },
  ],
  [2, (random, world) => request('me and customer', pick(random, world.staff).token, ME_STAFF)],
  [5, (random, world) => request('statement', pick(random, world.contacts).token, STATEMENT)],
  [
    5,
    (random, world) => {
      const staff = pick(random, world.staff);
      const name = pick(random, staff.customerNames);
      // What a person types: the start of a name, or a customer's number in the name.
      const search = random() < 0.5 ? name.split(' ')[0]! : name.split(' ')[1]!;
      return request('customer search', staff.token, SEARCH, { search });
    },
  ],
  [
    2,
    (random, world) => {
      const contact = pick(random, world.contacts);
      return request('write: comment', contact.token, COMMENT, {
        id: pick(random, contact.documents),
        body: 'Could you send this to our accounts payable address as well?',
      });
    },
  ],
  [
    1.5,
    (random, world) => {
      const contact = pick(
        random,
        world.contacts.filter((each) => each.openEstimates.length),
      );
      const id = contact?.openEstimates.pop();
      if (!contact || !id) return null;
      return request('write: estimate answer', contact.token, ANSWER, {
        id,
        decision: random() < 0.7 ? 'ACCEPT' : 'DECLINE',
      });
    },
  ],
  [
    1.5,
    (random, world) => {
      const staff = pick(random, world.staff);
      return request('write: payment', staff.token, PAYMENT, {
        id: pick(random, staff.unpaid),
        input: { amount: '0.01', date: '2026-12-01', method: 'bank transfer' },
      });
    },
  ],
];
const TOTAL = SHARES.reduce((sum, [share]) => sum + share, 0);

/** The next request of the mix; `random` in [0, 1). */
export function nextRequest(random: Random, world: World): LoadRequest {
  for (;;) {
    let roll = random() * TOTAL;
    for (const [share, make] of SHARES) {
      roll -= share;
      if (roll < 0) {
        const made = make(random, world);
        if (made) return made;
        break; // nothing left to write of that kind: roll again
      }
    }
  }
}

/** Contacts' document lists only: what a bare proxy in front of the document subgraph can serve. */
export const nextDocumentList = (random: Random, world: World): LoadRequest =>
  documentList(random, pick(random, world.contacts));

/** A repeatable random sequence (mulberry32), so every target gets the same mix. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

import { paramsFromView, toggledSort, viewFromParams } from './list-params';

describe('the documents list in the URL', () => {
  it('reads filters, sort and page, ignoring what it does not know', () => {
    const view = viewFromParams(
      new URLSearchParams(
        'type=INVOICE&type=ESTIMATE&type=BOGUS&payment=OVERDUE&issuedFrom=2026-01-01&issuedTo=soon&currency=eur&number=%2042%20&retrieved=no&sort=BALANCE_DUE&dir=asc&after=c1',
      ),
    );
    expect(view).toEqual({
      filter: {
        types: ['INVOICE', 'ESTIMATE'],
        paymentStates: ['OVERDUE'],
        issueDateFrom: '2026-01-01',
        currency: 'EUR',
        numberContains: '42',
        retrieved: false,
      },
      sort: { field: 'BALANCE_DUE', direction: 'ASC' },
      after: 'c1',
    });
  });

  it('writes a view back to the same query string, defaults left out', () => {
    const query = 'type=INVOICE&payment=UNPAID&dueTo=2026-12-31&retrieved=yes&sort=NUMBER&dir=desc';
    expect(paramsFromView(viewFromParams(new URLSearchParams(query))).toString()).toBe(query);
    expect(paramsFromView(viewFromParams(new URLSearchParams(''))).toString()).toBe('');
  });

  it("keeps staff's status and customer filters", () => {
    const query = 'type=INVOICE&status=DRAFT&status=VOID&customer=c-7';
    const view = viewFromParams(new URLSearchParams(`${query}&status=LOST`));
    expect(view.filter).toEqual({
      types: ['INVOICE'],
      statuses: ['DRAFT', 'VOID'],
      customerId: 'c-7',
    });
    expect(paramsFromView(view).toString()).toBe(query);
  });

  it('sorts a new column ascending and flips the current one', () => {
    const byDate = { field: 'ISSUE_DATE', direction: 'DESC' } as const;
    expect(toggledSort(byDate, 'NUMBER')).toEqual({ field: 'NUMBER', direction: 'ASC' });
    expect(toggledSort(byDate, 'ISSUE_DATE')).toEqual({ field: 'ISSUE_DATE', direction: 'ASC' });
  });
});

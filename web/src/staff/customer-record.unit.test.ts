import { EMPTY_RECORD, missingFields, recordDraftOf, recordInputOf } from './customer-record';

describe('a customer record draft', () => {
  it('requires a company name of a company, first and last name of a person', () => {
    expect(missingFields({ ...EMPTY_RECORD, type: 'COMPANY' })).toEqual(['companyName']);
    expect(missingFields({ ...EMPTY_RECORD, type: 'PERSON', firstName: 'Anna' })).toEqual([
      'lastName',
    ]);
    expect(missingFields({ ...EMPTY_RECORD, type: 'COMPANY', companyName: ' Acme ' })).toEqual([]);
  });

  it("drops the other type's names and lets the server number an unnumbered customer", () => {
    const input = recordInputOf({
      ...EMPTY_RECORD,
      type: 'COMPANY',
      companyName: 'Acme GmbH',
      firstName: 'left over',
      country: 'de',
      iban: 'DE89 3704 0044 0532 0130 00',
    });
    expect(input).toMatchObject({
      type: 'COMPANY',
      number: null,
      companyName: 'Acme GmbH',
      firstName: null,
      lastName: null,
      address: { country: 'DE' },
      bankAccount: { iban: 'DE89 3704 0044 0532 0130 00' },
    });
  });

  it('round-trips a stored customer', () => {
    const stored = {
      type: 'PERSON' as const,
      number: 'C-00007',
      firstName: 'Anna',
      lastName: 'Weber',
      email: 'anna@example.com',
      address: { city: 'Hamburg', country: 'DE' },
    };
    const input = recordInputOf(recordDraftOf(stored));
    expect(input).toMatchObject({
      number: 'C-00007',
      firstName: 'Anna',
      lastName: 'Weber',
      email: 'anna@example.com',
    });
    expect(input.address).toMatchObject({ city: 'Hamburg', country: 'DE', street: null });
  });
});

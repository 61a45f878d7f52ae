import { draftOf, inputOf } from './customer-draft';

describe('the customer-data form', () => {
  it('sends what was typed, trimmed, and clears what was emptied', () => {
    const draft = draftOf({
      phone: '+4940123456',
      address: { street: 'Hafenstraße 1', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      taxId: null,
      vatId: 'DE123456789',
      bankAccount: null,
    });
    expect(draft).toMatchObject({ phone: '+4940123456', iban: '', country: 'DE' });
    expect(inputOf({ ...draft, phone: '  ', city: ' Altona ', country: 'at' })).toEqual({
      phone: null,
      address: { street: 'Hafenstraße 1', postalCode: '20457', city: 'Altona', country: 'AT' },
      taxId: null,
      vatId: 'DE123456789',
      bankAccount: null,
    });
  });

  it('sends a bank account as soon as any of its fields is filled', () => {
    const input = inputOf({ ...draftOf({}), bic: 'COBADEFFXXX' });
    expect(input.bankAccount).toEqual({ iban: null, bic: 'COBADEFFXXX', accountHolder: null });
  });
});

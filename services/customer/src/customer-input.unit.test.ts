import { customerFieldsFrom, customerNumberFrom, selfServiceFieldsFrom } from './customer-input';

const failure = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return `${(error as { code: string }).code}:${(error as { field: string }).field}`;
  }
};

describe('customer input', () => {
  it('requires the company name of a company and derives the display name', () => {
    expect(failure(() => customerFieldsFrom({ type: 'COMPANY', firstName: 'Anna' }))).toBe(
      'BAD_USER_INPUT:input.companyName',
    );
    expect(customerFieldsFrom({ type: 'COMPANY', companyName: ' ACME GmbH ' }).displayName).toBe(
      'ACME GmbH',
    );
  });

  it('requires first and last name of a person', () => {
    expect(failure(() => customerFieldsFrom({ type: 'PERSON', firstName: 'Anna' }))).toBe(
      'BAD_USER_INPUT:input.lastName',
    );
    expect(failure(() => customerFieldsFrom({ type: 'PERSON', lastName: 'Meier' }))).toBe(
      'BAD_USER_INPUT:input.firstName',
    );
    expect(
      customerFieldsFrom({ type: 'PERSON', firstName: 'Anna', lastName: 'Meier' }).displayName,
    ).toBe('Anna Meier');
  });

  it('normalizes the email and rejects a bad one', () => {
    expect(
      customerFieldsFrom({ type: 'COMPANY', companyName: 'X', email: ' Billing@ACME.de' }).email,
    ).toBe('billing@acme.de');
    expect(
      failure(() => customerFieldsFrom({ type: 'COMPANY', companyName: 'X', email: 'nope' })),
    ).toBe('BAD_USER_INPUT:input.email');
  });

  it('checks given customer numbers', () => {
    expect(customerNumberFrom(' K-2026/17 ')).toBe('K-2026/17');
    expect(failure(() => customerNumberFrom('has space'))).toBe('BAD_USER_INPUT:input.number');
  });

  it('normalizes phone, address, VAT id and bank account, naming the nested field', () => {
    const fields = customerFieldsFrom({
      type: 'COMPANY',
      companyName: 'ACME',
      phone: '+49 30 1234567',
      address: { street: 'Hauptstr. 1', city: 'Berlin', country: 'de' },
      vatId: 'de 123 456 789',
      bankAccount: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
    });
    expect(fields.phone).toBe('+49301234567');
    expect(fields.address).toEqual({
      street: 'Hauptstr. 1',
      postalCode: null,
      city: 'Berlin',
      country: 'DE',
    });
    expect(fields.vatId).toBe('DE123456789');
    expect(fields.bankAccount).toEqual({
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      accountHolder: null,
    });
    const company = { type: 'COMPANY' as const, companyName: 'ACME' };
    expect(failure(() => customerFieldsFrom({ ...company, address: { country: 'Germany' } }))).toBe(
      'BAD_USER_INPUT:input.address.country',
    );
    expect(
      failure(() => customerFieldsFrom({ ...company, bankAccount: { bic: 'COBADEFF' } })),
    ).toBe('BAD_USER_INPUT:input.bankAccount.iban');
    expect(failure(() => customerFieldsFrom({ ...company, phone: '030 1234567' }))).toBe(
      'BAD_USER_INPUT:input.phone',
    );
  });

  it('leaves absent self-service fields out and clears null ones', () => {
    expect(selfServiceFieldsFrom({ taxId: ' 12/345/67890 ' })).toEqual({ taxId: '12/345/67890' });
    expect(selfServiceFieldsFrom({ address: null, email: '' })).toEqual({
      address: null,
      email: null,
    });
  });
});

import { customerFieldsFrom, customerNumberFrom } from './customer-input';

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
});

import { ibanState } from './iban-check';

describe('the IBAN check as you type', () => {
  it('waits while the IBAN is shorter than its country’s', () => {
    expect(ibanState('')).toBe('empty');
    expect(ibanState('D')).toBe('incomplete');
    expect(ibanState('DE89 3704 0044')).toBe('incomplete');
  });

  it('tells a valid IBAN from one with wrong check digits, spaces or not', () => {
    expect(ibanState('DE89 3704 0044 0532 0130 00')).toBe('valid');
    expect(ibanState('de89370400440532013000')).toBe('valid');
    expect(ibanState('DE88 3704 0044 0532 0130 00')).toBe('invalid');
    expect(ibanState('DE89 3704 0044 0532 0130 000')).toBe('invalid');
    expect(ibanState('ZZ12 3456')).toBe('invalid');
  });
});

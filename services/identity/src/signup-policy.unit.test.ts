import { checkSignup } from './signup-policy';

const failure = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    const { code, field } = error as { code: string; field?: string };
    return [code, field ?? null];
  }
};

describe('checkSignup', () => {
  const codes = ['launch-partner-2026-code', 'another-sign-up-code-xyz'];

  it('lets anyone register when open', () => {
    expect(failure(() => checkSignup('open', [], null))).toBeNull();
  });

  it('refuses everyone when closed, codes or not', () => {
    expect(failure(() => checkSignup('closed', codes, codes[0]))).toEqual(['FORBIDDEN', null]);
  });

  it('asks for one of the codes when by invitation', () => {
    expect(failure(() => checkSignup('invite', codes, codes[1]))).toBeNull();
    for (const given of [null, '', 'launch-partner-2026', 'launch-partner-2026-code-'])
      expect(failure(() => checkSignup('invite', codes, given))).toEqual([
        'BAD_USER_INPUT',
        'input.signupCode',
      ]);
  });
});

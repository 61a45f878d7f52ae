import { storedScope } from '@portico/auth';
import { keyringFrom, newKeyEntry, openSecret, secretContext } from '@portico/event-secrets';
import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import { CODE_ALPHABET, OneTimeTokens } from './one-time-tokens';

let connection: Connection;
let tokens: OneTimeTokens;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_ott_${randomUUID().slice(0, 8)}`);
  tokens = new OneTimeTokens(connection, keyringFrom(newKeyEntry('test')));
  await tokens.ensureIndexes();
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const HOUR = 3_600_000;
const T1 = storedScope({ tenantId: 't1' });
const fieldOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { field?: string }) => error.field,
  );

describe('one-time tokens', () => {
  it('are used once and only for their kind', async () => {
    const { token } = await tokens.issue('PASSWORD_RESET', T1, 'u1', HOUR);
    expect(await fieldOf(tokens.redeem(['STAFF_INVITATION'], token))).toBe('token');
    expect(await tokens.redeem(['PASSWORD_RESET'], token)).toMatchObject({ userId: 'u1' });
    expect(await fieldOf(tokens.redeem(['PASSWORD_RESET'], token))).toBe('token');
  });

  it('expire', async () => {
    const { token } = await tokens.issue('PASSWORD_RESET', T1, 'u2', 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await fieldOf(tokens.redeem(['PASSWORD_RESET'], token))).toBe('token');
  });

  it('are voided by a newer one for the same user and kind', async () => {
    const first = await tokens.issue('CONTACT_INVITATION', T1, 'u3', HOUR);
    const second = await tokens.issue('CONTACT_INVITATION', T1, 'u3', HOUR);
    expect(await fieldOf(tokens.redeem(['CONTACT_INVITATION'], first.token))).toBe('token');
    expect(await fieldOf(tokens.redeem(['CONTACT_INVITATION'], second.token))).toBe('ok');
  });

  it('tell a link holder whether the link is valid, used, expired or superseded', async () => {
    const kinds = ['CONTACT_INVITATION' as const];
    const stateOf = async (token: string) => {
      const { state, codeRequired } = await tokens.inspect(kinds, token);
      return { state, codeRequired };
    };
    const old = await tokens.issue('CONTACT_INVITATION', T1, 'u9', HOUR, { withCode: true });
    const current = await tokens.issue('CONTACT_INVITATION', T1, 'u9', HOUR, { withCode: true });
    expect(await stateOf(current.token)).toEqual({ state: 'VALID', codeRequired: true });
    expect(await stateOf(old.token)).toMatchObject({ state: 'SUPERSEDED' });
    expect(await stateOf('made-up')).toMatchObject({ state: 'UNKNOWN' });
    await tokens.redeem(kinds, current.token, current.code);
    expect(await stateOf(current.token)).toMatchObject({ state: 'USED' });
    const short = await tokens.issue('CONTACT_INVITATION', T1, 'u10', 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await stateOf(short.token)).toMatchObject({ state: 'EXPIRED' });
    // Another kind's token is unknown to the invitation page.
    const reset = await tokens.issue('PASSWORD_RESET', T1, 'u9', HOUR);
    expect(await stateOf(reset.token)).toMatchObject({ state: 'UNKNOWN' });
  });

  it('need their SMS code, from an alphabet without look-alikes, stored only as a hash', async () => {
    const { token, code } = await tokens.issue('CONTACT_INVITATION', T1, 'u4', HOUR, {
      withCode: true,
    });
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(CODE_ALPHABET).not.toMatch(/[0O1Il]/);
    const stored = await connection.collection('one_time_tokens').find({ userId: 'u4' }).toArray();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await fieldOf(tokens.redeem(['CONTACT_INVITATION'], token))).toBe('code');
    expect(await fieldOf(tokens.redeem(['CONTACT_INVITATION'], token, 'WRONG1'))).toBe('code');
    expect(
      await fieldOf(tokens.redeem(['CONTACT_INVITATION'], token, ` ${code!.toLowerCase()} `)),
    ).toBe('ok');
  });

  it('void the link after five wrong codes, even for the right one', async () => {
    const { token, code } = await tokens.issue('CONTACT_INVITATION', T1, 'u5', HOUR, {
      withCode: true,
    });
    const wrong = code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => fieldOf(tokens.redeem(['CONTACT_INVITATION'], token, wrong))),
    );
    expect(attempts).toEqual(Array(5).fill('code'));
    expect(await fieldOf(tokens.redeem(['CONTACT_INVITATION'], token, code))).toBe('token');
  });

  it('seals what it issues for an event: opened with the key, the token redeems', async () => {
    const keyring = keyringFrom(newKeyEntry('sealing'));
    const sealing = new OneTimeTokens(connection, keyring);
    const type = 'portico.identity.contact-invited.v1';
    const issued = await sealing.issueSealed('CONTACT_INVITATION', T1, 'u-sealed', 60_000, type, {
      withCode: true,
    });
    expect(issued.token).toMatch(/^es1\.sealing\./);
    const token = openSecret(keyring, issued.token, secretContext(type, 'token', 'u-sealed'));
    const code = openSecret(keyring, issued.code!, secretContext(type, 'code', 'u-sealed'));
    expect(await sealing.redeem(['CONTACT_INVITATION'], token, code)).toMatchObject({
      userId: 'u-sealed',
    });
  });
});

import { randomUUID } from 'node:crypto';
import { connectMongo, type Connection } from '@portico/mongo';
import { AttemptThrottle } from './attempt-throttle';
import { signInAttemptModel } from './model/sign-in-attempt';

/** The sign-in throttle on the real database, with a clock of the test's own. */
let connection: Connection;
let clock = Date.parse('2026-12-01T09:00:00Z');
const MINUTE = 60_000;

beforeAll(async () => {
  connection = await connectMongo(process.env.MONGO_URL!, `t_throttle_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const throttle = () =>
  new AttemptThrottle(signInAttemptModel(connection), undefined, () => new Date(clock));
/** One wrong guess as the resolver makes it: counted, then (when let through) failed. */
const guess = (email: string, device: string | null = null) =>
  throttle()
    .attempt(email, null, device)
    .then(
      () => 'checked',
      (error: { code?: string }) => error.code,
    );

describe('sign-in throttle', () => {
  it('lets unknown devices make at most ten guesses an hour, however long they wait', async () => {
    const email = 'owner@cap.example';
    const outcomes: unknown[] = [];
    for (let i = 0; i < 14; i++) {
      outcomes.push(await guess(email));
      clock += 5 * MINUTE; // longer than any backoff below the cap
    }
    expect(outcomes.filter((outcome) => outcome === 'checked')).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    clock += 60 * MINUTE; // the hour has passed for all of them
    expect(await guess(email)).toBe('checked');
  });

  it('counts a known device apart: failing on purpose does not lock the owner out', async () => {
    const email = 'owner@lockout.example';
    for (let i = 0; i < 12; i++) await guess(email);
    expect(await guess(email)).toBe('RATE_LIMITED');
    expect(await guess(email, 'owners-laptop')).toBe('checked');
  });

  it('backs off a known device too once it fails five times', async () => {
    const email = 'owner@stolen-device.example';
    for (let i = 0; i < 5; i++) expect(await guess(email, 'stolen')).toBe('checked');
    expect(await guess(email, 'stolen')).toBe('RATE_LIMITED');
    clock += 2 * MINUTE;
    expect(await guess(email, 'stolen')).toBe('checked');
  });
});

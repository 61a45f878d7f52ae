import { backoffMs } from './attempt-throttle';

describe('sign-in backoff', () => {
  it('doubles from one second and stops at fifteen minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(11)).toBe(15 * 60_000);
    expect(backoffMs(100)).toBe(15 * 60_000);
  });
});

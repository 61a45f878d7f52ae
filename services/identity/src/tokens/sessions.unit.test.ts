import { slidingExpiry } from './sessions';

describe('slidingExpiry', () => {
  const endsAt = new Date('2026-02-01T00:00:00Z');

  it('moves a used session idle-days ahead', () => {
    expect(slidingExpiry(new Date('2026-01-01T00:00:00Z'), 7, endsAt)).toEqual(
      new Date('2026-01-08T00:00:00Z'),
    );
  });

  it('never past the absolute end, however often the session is used', () => {
    expect(slidingExpiry(new Date('2026-01-30T00:00:00Z'), 7, endsAt)).toEqual(endsAt);
  });
});

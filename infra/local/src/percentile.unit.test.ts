import { percentile } from './percentile';

describe('percentile', () => {
  it('takes the nearest rank of a sorted list', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(hundred, 50), percentile(hundred, 99), percentile(hundred, 100)]).toEqual([
      51, 100, 100,
    ]);
    expect(percentile([0.2, 0.4, 0.9], 50)).toBe(0.4);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

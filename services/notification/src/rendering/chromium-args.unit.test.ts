import { chromiumArgs } from './pdf-renderer';

describe('chromiumArgs', () => {
  it("keeps Chromium's sandbox for an unprivileged process", () => {
    expect(chromiumArgs(true, false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true, false)).toContain('--disable-background-networking');
  });

  it('turns it off as root, where Chromium refuses it, and when told', () => {
    expect(chromiumArgs(true, true)).toContain('--no-sandbox');
    expect(chromiumArgs(false, false)).toContain('--no-sandbox');
  });
});

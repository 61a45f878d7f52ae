import { defaultBranding } from '../model/branding';
import { renderEmail } from './templates';

const branding = {
  ...defaultBranding('t1', 'Nordwind & Co'),
  footer: 'Hafenstraße 1, 20457 Hamburg\nIBAN DE02 1203 0000 0000 2020 51',
};
const issued = {
  title: 'Invoice',
  number: 'INV-1',
  issueDate: '23 Nov 2026',
  dueDate: null,
  t: { date: 'Date', dueDate: 'Due date', grossTotal: 'Total' },
  grossTotal: '€10.00',
  customerName: 'Müller & Söhne <GmbH>',
  portalUrl: 'https://portal.example/documents/a?x=1&y=2',
  attached: true,
};

describe('email templates', () => {
  it('escapes values in HTML parts', () => {
    const { html } = renderEmail('en', 'document-issued', issued, branding);
    expect(html).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(html).not.toContain('<GmbH>');
    expect(html).toContain("href='https://portal.example/documents/a?x&#x3D;1&amp;y&#x3D;2'");
  });

  it('keeps values as written in plain-text parts, signed with the sender and its address', () => {
    const { text } = renderEmail('en', 'document-issued', issued, branding);
    expect(text).toContain('Hello Müller & Söhne <GmbH>,');
    expect(text).toContain('https://portal.example/documents/a?x=1&y=2');
    expect(text).toContain('Total: €10.00');
    expect(text).not.toContain('Due date');
    expect(text).toMatch(/-- \nNordwind & Co\nHafenstraße 1, 20457 Hamburg\nIBAN DE02/);
  });

  it("shows the due date only when there is one, in the sender's colour and language", () => {
    const { html } = renderEmail(
      'de',
      'document-issued',
      { ...issued, dueDate: '7. Dez. 2026', t: { ...issued.t, dueDate: 'Fällig am' } },
      { ...branding, colour: '#ffd400' },
    );
    expect(html).toContain("<html lang='de'>");
    expect(html).toContain('Fällig am');
    expect(html).toContain('7. Dez. 2026');
    expect(html).toContain('Im Portal ansehen');
    // Ink, not white, on a yellow button.
    expect(html).toMatch(/background:#ffd400;'\s*><a[^>]*color:#111111;/);
  });

  it('tells a contact about the SMS code only when there is one', () => {
    const invitation = {
      name: 'Lena',
      organization: 'Nordwind & Co',
      customer: 'Hafen <Logistik>',
      link: 'https://portal.example/accept-invitation?token=abc&x=1',
      expiresAt: '2026-11-30T10:00:00.000Z',
    };
    const withCode = renderEmail(
      'en',
      'contact-invitation',
      { ...invitation, needsCode: true },
      branding,
    );
    expect(withCode.text).toContain('Nordwind & Co invites you');
    expect(withCode.text).toContain('https://portal.example/accept-invitation?token=abc&x=1');
    expect(withCode.text).toContain('code we send to your mobile phone');
    expect(withCode.html).toContain('Hafen &lt;Logistik&gt;');
    const withoutCode = renderEmail(
      'en',
      'contact-invitation',
      { ...invitation, needsCode: false },
      branding,
    );
    expect(withoutCode.text).not.toContain('SMS');
    expect(withoutCode.html).not.toContain('SMS');
  });
});

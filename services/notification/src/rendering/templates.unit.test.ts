import { renderTemplate } from './templates';

const view = {
  title: 'Invoice',
  number: 'INV-1',
  issueDate: '2026-11-23',
  dueDate: null,
  currency: 'EUR',
  grossTotal: '10.00',
  customerName: 'Müller & Söhne <GmbH>',
  portalUrl: 'https://portal.example/documents/a?x=1&y=2',
  attached: true,
};

describe('email templates', () => {
  it('escapes values in HTML parts', () => {
    const html = renderTemplate('en/document-issued.html', view);
    expect(html).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(html).not.toContain('<GmbH>');
  });

  it('keeps values as written in plain-text parts', () => {
    const text = renderTemplate('en/document-issued.text', view);
    expect(text).toContain('Hello Müller & Söhne <GmbH>,');
    expect(text).toContain('https://portal.example/documents/a?x=1&y=2');
  });

  it('tells a contact about the SMS code only when there is one', () => {
    const invitation = {
      name: 'Lena',
      organization: 'Nordwind & Co',
      customer: 'Hafen <Logistik>',
      link: 'https://portal.example/accept-invitation?token=abc&x=1',
      expiresAt: '2026-11-30T10:00:00.000Z',
    };
    const withCode = renderTemplate('en/contact-invitation.text', {
      ...invitation,
      needsCode: true,
    });
    expect(withCode).toContain('Nordwind & Co invites you');
    expect(withCode).toContain('https://portal.example/accept-invitation?token=abc&x=1');
    expect(withCode).toContain('code we send to your mobile phone');
    expect(
      renderTemplate('en/contact-invitation.text', { ...invitation, needsCode: false }),
    ).not.toContain('SMS');
    expect(
      renderTemplate('en/contact-invitation.html', { ...invitation, needsCode: true }),
    ).toContain('Hafen &lt;Logistik&gt;');
  });
});

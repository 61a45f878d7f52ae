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
    const html = renderTemplate('document-issued.html', view);
    expect(html).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(html).not.toContain('<GmbH>');
  });

  it('keeps values as written in plain-text parts', () => {
    const text = renderTemplate('document-issued.text', view);
    expect(text).toContain('Hello Müller & Söhne <GmbH>,');
    expect(text).toContain('https://portal.example/documents/a?x=1&y=2');
  });
});

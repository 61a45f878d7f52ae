import nodemailer from 'nodemailer';
import { startTestMailbox, type TestMailbox } from './test-mailbox';

// A message with a PDF attachment, sent over SMTP to the mailbox on a real socket.
async function sendTo(mailbox: TestMailbox, subject: string): Promise<void> {
  const transport = nodemailer.createTransport(mailbox.url);
  await transport.sendMail({
    from: 'portal@portico.example',
    to: 'ap@customer.example',
    subject,
    text: 'Your invoice',
    attachments: [{ filename: 'INV-1.pdf', content: Buffer.from('%PDF-1.7 …') }],
  });
  transport.close();
}

describe('the test mailbox', () => {
  it('parses whole messages, attachments included', async () => {
    const mailbox = await startTestMailbox();
    try {
      await sendTo(mailbox, 'Invoice INV-1');
      const mail = await mailbox.waitFor((m) => m.subject === 'Invoice INV-1');
      expect(mail.text?.trim()).toBe('Your invoice');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['INV-1.pdf']);
      expect(mailbox.acceptedAt(mail)).toBeLessThanOrEqual(Date.now());
    } finally {
      await mailbox.close();
    }
  });

  it('with headersOnly, parses the header alone and still times acceptance', async () => {
    const mailbox = await startTestMailbox({ headersOnly: true });
    try {
      await sendTo(mailbox, 'Rechnung Nr. 2 – Müller');
      const mail = await mailbox.waitFor((m) => m.subject === 'Rechnung Nr. 2 – Müller');
      expect(mail.to).toMatchObject({ text: 'ap@customer.example' });
      expect(mail.text).toBeUndefined();
      expect(mail.attachments).toEqual([]);
      expect(mailbox.acceptedAt(mail)).toBeLessThanOrEqual(Date.now());
    } finally {
      await mailbox.close();
    }
  });
});

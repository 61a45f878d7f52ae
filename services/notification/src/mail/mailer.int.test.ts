import { startTestMailbox, type TestMailbox } from '@portico/local-infra';
import { createServer } from 'node:net';
import { isPermanentSmtpFailure, isSmtpUnreachable, Mailer } from './mailer';

let mailbox: TestMailbox;
let mailer: Mailer;

beforeAll(async () => {
  mailbox = await startTestMailbox();
  mailer = new Mailer(mailbox.url, 'Portico <no-reply@portico.test>');
});
afterAll(async () => {
  mailer.close();
  await mailbox.close();
});

describe('SMTP delivery', () => {
  it('sends a multipart email with a PDF attachment to a real SMTP server', async () => {
    const pdf = Buffer.from('%PDF-1.4 test document');
    await mailer.send({
      to: 'anna@example.com',
      subject: 'Invoice INV-1',
      text: 'Your invoice INV-1',
      html: '<p>Your invoice <b>INV-1</b></p>',
      messageId: '<abc123@portico>',
      attachments: [{ filename: 'INV-1.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const mail = await mailbox.waitFor((m) => m.subject === 'Invoice INV-1');
    expect(mail.to).toMatchObject({ text: 'anna@example.com' });
    expect(mail.from?.value[0]).toMatchObject({
      name: 'Portico',
      address: 'no-reply@portico.test',
    });
    expect(mail.messageId).toBe('<abc123@portico>');
    expect(mail.text?.trim()).toBe('Your invoice INV-1');
    expect(mail.html).toContain('<b>INV-1</b>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'INV-1.pdf',
      contentType: 'application/pdf',
    });
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it('carries an inline logo that the HTML part shows by Content-ID', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await mailer.send({
      to: 'lena@example.com',
      subject: 'Branded',
      text: 'Hello',
      html: "<img src='cid:logo@portico' alt='Nordwind'>",
      messageId: '<logo1@portico>',
      attachments: [
        { filename: 'logo.png', content: png, contentType: 'image/png', cid: 'logo@portico' },
      ],
    });
    const mail = await mailbox.waitFor((m) => m.subject === 'Branded');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      contentType: 'image/png',
      contentDisposition: 'inline',
      cid: 'logo@portico',
    });
    expect(mail.attachments[0]!.content.equals(png)).toBe(true);
  });

  it('reports the SMTP error and tells permanent from temporary failures', async () => {
    mailbox.failNext(1, 550, 'Mailbox unavailable');
    const permanent = await mailer
      .send({
        to: 'gone@example.com',
        subject: 's',
        text: 't',
        html: 'h',
        messageId: '<p@portico>',
      })
      .catch((error: unknown) => error);
    expect(String(permanent)).toContain('Mailbox unavailable');
    expect(isPermanentSmtpFailure(permanent)).toBe(true);

    mailbox.failNext(1, 451, 'Try again later');
    const temporary = await mailer
      .send({
        to: 'later@example.com',
        subject: 's',
        text: 't',
        html: 'h',
        messageId: '<t@portico>',
      })
      .catch((error: unknown) => error);
    expect(isPermanentSmtpFailure(temporary)).toBe(false);
    // The server answered: retried a few times, not waited for.
    expect(isSmtpUnreachable(temporary)).toBe(false);
    expect(isSmtpUnreachable(permanent)).toBe(false);
  });

  it('tells a server that is down from one that refuses, and sends again once it is back', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const url = new URL(mailbox.url);
    url.port = String(port);
    const later = new Mailer(url.toString(), 'Portico <no-reply@portico.test>');
    const email = (n: number) => ({
      to: 'a@example.com',
      subject: `down ${n}`,
      text: 't',
      html: 'h',
      messageId: `<down-${n}@portico>`,
    });
    try {
      // Every try fails at once; none hangs (nodemailer's pool used to, from the third on).
      for (let n = 1; n <= 4; n++) {
        const error = await later.send(email(n)).catch((failure: unknown) => failure);
        expect(String(error)).toMatch(/ECONNREFUSED/);
        expect(isSmtpUnreachable(error)).toBe(true);
        expect(isPermanentSmtpFailure(error)).toBe(false);
      }
      const back = await startTestMailbox({ port });
      await later.send(email(5));
      later.close(); // before the server, which otherwise waits for the pooled connection
      await back.close();
      expect(back.messages.map((mail) => mail.subject)).toEqual(['down 5']);
    } finally {
      later.close();
    }
  });
});

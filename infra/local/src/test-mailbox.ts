import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailboxOptions {
  /** Stands in for a server that went down and comes back on the same port. */
  port?: number;
  /**
   * Parse only each message's header (subject, addresses, date): text, html
   * and attachments stay empty. For benchmarks, where the mailbox shares the
   * machine with the services it measures (MIME-parsing a PDF attachment is
   * not free).
   */
  headersOnly?: boolean;
}

export interface TestMailbox {
  /** SMTP_URL for the service under test, with the credentials this server demands. */
  url: string;
  messages: ParsedMail[];
  /** Resolves with the first message (past or future) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** When the server accepted the message (epoch ms): what a sender's latency ends at. */
  acceptedAt(mail: ParsedMail): number | undefined;
  /** Makes the next `count` deliveries fail with an SMTP `code` (e.g. 451 or 550). */
  failNext(count: number, code: number, message?: string): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (nodemailer's smtp-server) on a random loopback port (or
 * `port`) that requires auth and parses every message it accepts (after
 * accepting it). For tests only.
 */
export async function startTestMailbox(options: MailboxOptions = {}): Promise<TestMailbox> {
  const messages: ParsedMail[] = [];
  const waiters: { match: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] =
    [];
  let failures: { remaining: number; code: number; message: string } | undefined;
  const accepted = new WeakMap<ParsedMail, number>();
  /** Messages accepted but not yet in `messages`; `close` waits for them. */
  const parsing = new Set<Promise<void>>();
  const user = 'portico';
  const password = 'test-password';

  const server = new SMTPServer({
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    // Closing drops the clients' open connections at once, as a server going down would.
    closeTimeout: 200,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      if (failures && failures.remaining > 0) {
        failures.remaining--;
        stream.resume();
        const error = Object.assign(new Error(failures.message), { responseCode: failures.code });
        return stream.on('end', () => callback(error));
      }
      // Accepted (250) as soon as the data is in, as a real server would, and timed then; parsed
      // afterwards, so a sender's latency does not include this server's MIME parsing.
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = Date.now();
        callback();
        const message = Buffer.concat(chunks);
        const headerEnd = message.indexOf('\r\n\r\n');
        const parsed = simpleParser(
          options.headersOnly && headerEnd >= 0 ? message.subarray(0, headerEnd + 4) : message,
        )
          .then((mail) => {
            accepted.set(mail, at);
            messages.push(mail);
            for (const waiter of waiters.filter((w) => w.match(mail))) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          })
          .catch((error: unknown) => console.error('test mailbox: unparsable message', error))
          .finally(() => parsing.delete(parsed));
        parsing.add(parsed);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching email within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (mail) => (clearTimeout(timer), resolve(mail)) });
      });
    },
    acceptedAt: (mail) => accepted.get(mail),
    failNext(count, code, message = 'Temporary failure') {
      failures = { remaining: count, code, message };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(parsing);
    },
  };
}

import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a retried send is recognisable as the same message. */
  messageId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** Shown as the sender (the tenant's name); the address stays the platform's own. */
  senderName?: string;
  /** The tenant's address for answers. */
  replyTo?: string | null;
}

/**
 * Sends multipart (text + HTML) email over SMTP, always from the platform's
 * address (`MAIL_FROM`), so SPF and DKIM hold; a tenant's name is the display
 * name and its own address the Reply-To.
 */
export class Mailer {
  private readonly transport: Transporter;
  private readonly fromAddress: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.fromAddress = /<([^>]+)>/.exec(from)?.[1] ?? from;
    this.transport = nodemailer.createTransport(smtpUrl, {
      pool: true,
      maxConnections: 2,
    } as never);
  }

  async send({ senderName, replyTo, ...email }: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({
      from: senderName ? { name: senderName, address: this.fromAddress } : this.from,
      ...(replyTo ? { replyTo } : {}),
      ...email,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** SMTP 4xx (and connection trouble) is worth retrying; 5xx is final. */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

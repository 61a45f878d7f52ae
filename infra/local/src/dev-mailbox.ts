import { join } from 'node:path';
import { startLocalServer, type ManagedProcess } from './managed-process';

export interface DevMailbox {
  smtpUrl: string;
  webUrl: string;
  process: ManagedProcess;
}

/** MailDev: catches every email of a dev run and shows it at `webUrl`. */
export async function startDevMailbox({
  smtpPort,
  webPort,
  logDir,
}: {
  smtpPort: number;
  webPort: number;
  logDir: string;
}): Promise<DevMailbox> {
  const bin = require.resolve('maildev/bin/maildev');
  const mailbox = await startLocalServer({
    name: 'maildev',
    command: process.execPath,
    args: [
      bin,
      '--ip',
      '127.0.0.1',
      '--smtp',
      String(smtpPort),
      '--web',
      String(webPort),
      '--silent',
    ],
    logFile: join(logDir, 'maildev.log'),
    port: smtpPort,
    commandMatch: 'maildev',
    insteadVariable: 'SMTP_URL',
    timeoutMs: 20_000,
  });
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    webUrl: `http://127.0.0.1:${webPort}`,
    process: mailbox,
  };
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real SMTP server (smtp-server, on loopback, login required) and a real HTTP receiver that
 * answers `status()` (200 unless a test says otherwise): where Herald's alerts land in tests.
 */
export interface AlertInbox {
  smtpUrl: string;
  /** The SMTP password, so a test can look for it in the logs. */
  smtpPassword: string;
  webhookUrl: string;
  mails: ReceivedMail[];
  hooks: ReceivedHook[];
  /** The webhook's next answers (then 200 again). */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startAlertInbox(): Promise<AlertInbox> {
  const mails: ReceivedMail[] = [];
  const hooks: ReceivedHook[] = [];
  const statuses: number[] = [];
  const smtpPassword = `smtp-secret-${Math.random().toString(36).slice(2)}`;
  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'herald' && auth.password === smtpPassword) callback(null, { user: 'herald' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
          });
          callback();
        },
        (error: unknown) => {
          callback(error as Error);
        },
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hooks.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://herald:${smtpPassword}@127.0.0.1:${smtpPort}`,
    smtpPassword,
    webhookUrl: `http://127.0.0.1:${httpPort}/herald-alerts`,
    mails,
    hooks,
    answerNext: (...next) => {
      statuses.push(...next);
    },
    async close() {
      await new Promise<void>((resolve) => {
        smtp.close(() => {
          resolve();
        });
      });
      http.closeAllConnections();
      await new Promise<void>((resolve) => {
        http.close(() => {
          resolve();
        });
      });
    },
  };
}

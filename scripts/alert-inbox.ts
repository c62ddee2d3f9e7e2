import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * `npm run alert-inbox`: where the demo's alerts land, printed as they arrive — an SMTP server on
 * 127.0.0.1:2525 (HERALD_SMTP_URL=smtp://127.0.0.1:2525) and a webhook receiver on
 * http://127.0.0.1:4000/herald-alerts that checks each call's signature with HERALD_ALERT_SECRET_ASNES.
 * For a look at Herald's alerts on one machine; not a mail server.
 *   ALERT_INBOX_SMTP_PORT (2525), ALERT_INBOX_HTTP_PORT (4000)
 */
const smtpPort = Number(process.env.ALERT_INBOX_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.ALERT_INBOX_HTTP_PORT ?? 4000);
const secret = process.env.HERALD_ALERT_SECRET_ASNES ?? '';
const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        say(`\n=== e-mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}\nSubject: ${mail.subject ?? ''}\n\n${mail.text ?? ''}`);
        callback();
      },
      (error: unknown) => {
        callback(error as Error);
      },
    );
  },
});
smtp.listen(smtpPort, '127.0.0.1');

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`);
    const given = Buffer.from(String(request.headers['x-herald-signature'] ?? ''));
    const valid = secret !== '' && given.length === expected.length && timingSafeEqual(given, expected);
    const alert = JSON.parse(body || '{}') as { event?: string; subject?: string };
    say(`\n=== webhook ${String(request.headers['x-herald-event'])} (delivery ${String(request.headers['x-herald-delivery'])}), signature ${valid ? 'valid' : 'INVALID'}\n${alert.subject ?? ''}`);
    response.writeHead(valid ? 200 : 401).end();
  });
}).listen(httpPort, '127.0.0.1');

say(`alert inbox: SMTP on 127.0.0.1:${smtpPort}, webhook on http://127.0.0.1:${httpPort}/herald-alerts`);

import { createTransport, type Transporter } from 'nodemailer';

/** How an alert e-mail leaves: SMTP (HERALD_SMTP_URL, HERALD_ALERT_FROM). */
export interface MailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; credentials stay in the URL, never in a log. */
  url: string;
  /** @defaultValue 'Herald <herald@localhost>' */
  from: string;
  /** Connection, greeting and socket timeouts. @defaultValue 10 000 */
  timeoutMs?: number;
}

export interface Mailer {
  send(mail: { to: readonly string[]; subject: string; text: string; messageId: string }): Promise<void>;
  close(): void;
}

/** A nodemailer SMTP transport (pooled: one connection carries a burst of alerts). */
export function createMailer(opts: MailerOptions): Mailer {
  const timeout = opts.timeoutMs ?? 10_000;
  const transport: Transporter = createTransport({ url: opts.url, pool: true, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    async send(mail) {
      // The delivery id becomes the Message-ID, so a mail client can tell a resend from a new alert.
      await transport.sendMail({ from: opts.from, to: [...mail.to], subject: mail.subject, text: mail.text, messageId: `<${mail.messageId}@herald>` });
    },
    close() {
      transport.close();
    },
  };
}

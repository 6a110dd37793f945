import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Outgoing e-mail. Always SMTP: in development the platform's own SMTP server (dev-smtp.ts)
 * receives it and stores it before answering, so do not send inside a database transaction
 * (on PGlite, with its one connection, that store would wait for the transaction).
 */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/**
 * A dead or stalled SMTP server must fail the request, not hang it: each phase has its
 * own timeout and the whole send is aborted after SEND_TIMEOUT_MS whatever the phase.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 5_000,
  greetingTimeout: 5_000,
  socketTimeout: 10_000,
  dnsTimeout: 5_000,
};
export const SEND_TIMEOUT_MS = 15_000;

/** E-mail through an SMTP server given as a URL (smtp://user:pass@host:587, smtps://… for implicit TLS). */
export function smtpMail(options: { url: string; from: string }): MailSender {
  const transport = nodemailer.createTransport({ url: options.url, ...SMTP_TIMEOUTS });
  return {
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    },
  };
}

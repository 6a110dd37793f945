/**
 * The development SMTP server: it accepts mail from this machine only, without
 * authentication, and keeps every message in mail_outbox for /dev/mail. The platform
 * sends to it through nodemailer exactly as production sends to a real SMTP server.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import type { Db } from './db.ts';

export const DEV_SMTP_HOST = '127.0.0.1';
/** Far above any message the platform sends; a larger one is refused with 552. */
export const DEV_MAIL_MAX_BYTES = 1024 * 1024;
const MAX_CLIENTS = 20;
const MAX_RECIPIENTS = 50;
const SOCKET_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 1_000;

export interface DevSmtpServer {
  /** Starts listening; resolves to the port (port 0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createDevSmtpServer(db: Db): DevSmtpServer {
  const server = new SMTPServer({
    banner: 'most-identity development SMTP server',
    authOptional: true,
    // No AUTH to offer, and no STARTTLS: its only certificate would be the package's published test key.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: DEV_MAIL_MAX_BYTES,
    rejectOversized: true,
    maxClients: MAX_CLIENTS,
    maxRecipients: MAX_RECIPIENTS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    closeTimeout: CLOSE_TIMEOUT_MS,
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      if (isLoopback(session.remoteAddress)) return callback();
      callback(smtpError('development mail server: local connections only', 554));
    },
    onData(stream, session, callback) {
      receive(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError('message exceeds fixed maximum message size', 552));
          await store(db, session, raw);
          callback();
        })
        .catch((error: unknown) => callback(smtpError(`message not stored: ${(error as Error).message}`, 451)));
    },
  });

  return {
    listen(port, host = DEV_SMTP_HOST) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          resolve((server.server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The message's bytes, or undefined once it went over the size cap (the rest is read and dropped). */
function receive(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
  });
}

/** One row per envelope recipient, so /dev/mail?to= finds Bcc recipients too. */
async function store(db: Db, session: SMTPServerSession, raw: Buffer): Promise<void> {
  const parsed = await simpleParser(raw);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const sender = parsed.from?.value[0];
  // As written in MAIL_FROM (name <address>), without the quotes the header needs around a Chinese name.
  const from = sender?.address ? (sender.name ? `${sender.name} <${sender.address}>` : sender.address) : envelopeFrom;
  const text = (parsed.text ?? '').replace(/\r?\n$/, '');
  await db.transaction(async (tx) => {
    for (const recipient of session.envelope.rcptTo) {
      await tx.query('insert into mail_outbox (to_address, from_address, subject, text) values ($1, $2, $3, $4)', [
        recipient.address,
        from,
        parsed.subject ?? '',
        text,
      ]);
    }
  });
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function smtpError(message: string, responseCode: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

export interface ReceivedMail {
  id: number;
  to: string;
  from: string;
  subject: string;
  text: string;
  receivedAt: Date;
}

/** Newest first; the address filter ignores case, as mail systems do. */
export function readMail(db: Db, to?: string, limit = 100): Promise<ReceivedMail[]> {
  const columns = 'id, to_address as "to", from_address as "from", subject, text, received_at as "receivedAt"';
  return to
    ? db.query<ReceivedMail>(`select ${columns} from mail_outbox where lower(to_address) = lower($1) order by id desc limit $2`, [to.trim(), limit])
    : db.query<ReceivedMail>(`select ${columns} from mail_outbox order by id desc limit $1`, [limit]);
}

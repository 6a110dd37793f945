import { createHmac } from 'node:crypto';
import type { Db } from './db.ts';
import { signed } from './sms-texts.ts';
import { countedSms } from '../ops/metrics/registry.ts';

export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** Every SMS carries the platform's one signature (【科学技术部政务服务平台】) and tidy punctuation. */
export function signedSms(sender: SmsSender, signature: string): SmsSender {
  return { send: (phone, text) => countedSms(sender.send(phone, signed(signature, text))) };
}

/** Development: messages are kept in a table and shown at /dev/outbox. */
export function outboxSms(db: Db): SmsSender {
  return {
    async send(phone, text) {
      await db.query('insert into sms_outbox (phone, text) values ($1, $2)', [phone, text]);
    },
  };
}

export interface OutboxMessage {
  id: number;
  phone: string;
  text: string;
  sent_at: Date;
}

export function readOutbox(db: Db, phone?: string, limit = 100): Promise<OutboxMessage[]> {
  return phone
    ? db.query<OutboxMessage>('select * from sms_outbox where phone = $1 order by id desc limit $2', [phone, limit])
    : db.query<OutboxMessage>('select * from sms_outbox order by id desc limit $1', [limit]);
}

const GATEWAY_TIMEOUT_MS = 5_000;

/** Production: an HTTP SMS gateway, each request signed with HMAC-SHA-256 over timestamp and body. */
export function httpGatewaySms(url: string, secret: string): SmsSender {
  return {
    async send(phone, text) {
      const body = JSON.stringify({ phone, text });
      const timestamp = String(Date.now());
      const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature },
        body,
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

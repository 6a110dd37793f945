import { MESSAGES, formatMessage, type MessageCode } from './messages.ts';

export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

/** An error a user caused and can act on; it carries a code from the message catalogue. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];
  readonly messageEn: string;

  constructor(code: MessageCode, status = 400, params: Record<string, string | number> = {}, fields: FieldError[] = []) {
    const entry = MESSAGES[code];
    super(formatMessage(entry.zh, params));
    this.code = code;
    this.status = status;
    this.params = params;
    this.fields = fields;
    this.messageEn = formatMessage(entry.en, params);
  }

  toJSON() {
    return { code: this.code, message: this.message, messageEn: this.messageEn, fields: this.fields.length ? this.fields : undefined };
  }
}

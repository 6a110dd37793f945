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

const UNIQUE_VIOLATION = '23505';

/** Whether a database error is a unique violation (of `constraint`, when one is named). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}

/**
 * Runs `work`; a uniqueness race lost on one of `constraints` (to a concurrent save) reads as
 * that constraint's message (409), the same as the pre-check's.
 */
export async function uniqueViolationsAs<T>(constraints: Readonly<Record<string, MessageCode>>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    const code = isUniqueViolation(error) && constraint ? constraints[constraint] : undefined;
    if (code) throw new AppError(code, 409);
    throw error;
  }
}

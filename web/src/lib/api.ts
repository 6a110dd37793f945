/** The browser side of the API: JSON in and out, the CSRF cookie echoed in a header, errors as ApiError. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageEn: string;
  readonly fields: FieldProblem[];

  constructor(status: number, body: { code?: string; message?: string; messageEn?: string; fields?: FieldProblem[] }) {
    super(body.message ?? '系统繁忙，请稍后再试。');
    this.status = status;
    this.code = body.code ?? 'INTERNAL';
    this.messageEn = body.messageEn ?? 'The system is busy. Please try again later.';
    this.fields = body.fields ?? [];
  }
}

function csrfCookie(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('csrf_token='))
    ?.slice('csrf_token='.length);
}

async function ensureCsrf(): Promise<string> {
  const existing = csrfCookie();
  if (existing) return existing;
  const response = await fetch('/api/csrf', { credentials: 'same-origin' });
  const body = (await response.json()) as { token: string };
  return csrfCookie() ?? body.token;
}

export async function api<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await ensureCsrf();
  return send<T>(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Uploads one file as the raw request body (the server decides its type from the content). */
export async function putFile<T = unknown>(path: string, file: Blob): Promise<T> {
  return send<T>(path, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': await ensureCsrf() }, body: file });
}

/** One request; a JSON answer, or ApiError for a refusal or a network failure. */
async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试。', messageEn: 'Network error. Please check your connection.' });
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed ?? {});
  return parsed as T;
}

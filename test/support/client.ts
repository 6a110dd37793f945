/**
 * An HTTP client for tests and benchmarks that behaves like the browser app: it keeps
 * cookies, echoes the CSRF cookie in X-CSRF-Token, and can read development helpers
 * (captcha answers, SMS outbox).
 */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  ip: string | undefined;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    if (method !== 'GET' && !this.cookies.has('csrf_token')) await this.request('GET', '/api/csrf');
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': this.cookies.get('csrf_token') ?? '' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) this.storeCookie(line);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** Keeps or forgets a cookie as a browser would on one Set-Cookie header. */
  storeCookie(setCookie: string): void {
    const [pair = ''] = setCookie.split(';');
    const index = pair.indexOf('=');
    const name = pair.slice(0, index);
    const value = pair.slice(index + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** Sends raw bytes (a file upload), as the browser's upload does. */
  async putBytes<T = any>(path: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<ApiResponse<T>> {
    if (!this.cookies.has('csrf_token')) await this.request('GET', '/api/csrf');
    const response = await fetch(this.baseUrl + path, {
      method: 'PUT',
      headers: { 'content-type': contentType, cookie: this.cookieHeader(), 'x-csrf-token': this.cookies.get('csrf_token') ?? '' },
      body: new Uint8Array(bytes),
    });
    for (const line of response.headers.getSetCookie()) this.storeCookie(line);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  /** Reads a binary response (an uploaded image). */
  async getBytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, { headers: { cookie: this.cookieHeader() } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** A fresh captcha and, through the development endpoint, its answer. */
  async captcha(): Promise<{ captchaId: string; captcha: string }> {
    const created = await this.get<{ id: string }>('/api/captcha');
    const answer = await this.get<{ answer: string }>(`/dev/captcha/${created.body.id}`);
    return { captchaId: created.body.id, captcha: answer.body.answer };
  }

  /** Asks for an SMS code and reads it from the development outbox. */
  async smsCode(mobile: string, purpose = 'register'): Promise<string> {
    const sent = await this.post('/api/sms-codes', { mobile, purpose });
    if (sent.status !== 200) throw new Error(`SMS code not sent: ${sent.status} ${JSON.stringify(sent.body)}`);
    return this.latestSmsCode(mobile);
  }

  async latestSmsCode(mobile: string): Promise<string> {
    const outbox = await this.get<{ messages: { text: string }[] }>(`/dev/outbox.json?phone=${mobile}`);
    const match = outbox.body.messages[0]?.text.match(/(\d{6})/);
    if (!match) throw new Error(`no SMS code for ${mobile}`);
    return match[1]!;
  }

  /** The code in the latest mail to this address, read from the development SMTP server's mail. */
  async latestEmailCode(email: string): Promise<string> {
    const mail = await this.get<{ messages: { text: string }[] }>(`/dev/mail.json?to=${encodeURIComponent(email)}`);
    const match = mail.body.messages[0]?.text.match(/(\d{6})/);
    if (!match) throw new Error(`no e-mail code for ${email}`);
    return match[1]!;
  }

  async login(kind: 'natural' | 'legal', loginName: string, password: string) {
    return this.post('/api/login', { kind, loginName, password, ...(await this.captcha()) });
  }
}

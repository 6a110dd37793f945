/**
 * The little HTTP plumbing both demo business systems share (node:http, no framework): forms,
 * cookies, HTML answers, redirects, and starting a server on a port.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running demo business system. */
export interface DemoServer {
  /** Its public base URL, without a trailing slash, e.g. http://localhost:4001. */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** The URL the browser and the platform use; default http://<host>:<port>. */
  publicUrl?: string;
}

const MAX_FORM_BYTES = 64 * 1024;

/** Starts the server; resolves to its public URL once it listens. */
export async function listen(handler: (request: IncomingMessage, response: ServerResponse, url: string) => Promise<void>, options: ListenOptions) {
  let publicUrl = '';
  const listener: RequestListener = (request, response) => {
    handler(request, response, publicUrl).catch((error: unknown) => {
      console.error('demo system error', error);
      if (!response.headersSent) sendHtml(response, 500, '<p>内部错误</p>');
      else response.end();
    });
  };
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  publicUrl = (options.publicUrl ?? `http://${options.host}:${port}`).replace(/\/$/, '');
  return {
    url: publicUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An application/x-www-form-urlencoded body (the platform's back-channel and CAS logout requests). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * A Set-Cookie value. HttpOnly and SameSite=Lax: the browser sends it on the top-level
 * redirect back from the platform, never on another site's POST. maxAge 0 deletes it.
 */
export function cookieHeader(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${options.maxAgeSeconds}${options.secure ? '; Secure' : ''}`;
}

export function sendHtml(response: ServerResponse, status: number, html: string, cookies: string[] = []): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  response.end(html);
}

export function redirect(response: ServerResponse, location: string, cookies: string[] = []): void {
  response.writeHead(302, { location, 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  response.end();
}

export function sendText(response: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(text);
}

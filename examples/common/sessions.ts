/**
 * The demo systems' own sessions: an in-memory map behind a random cookie. Enough for a demo
 * on one process; a real business system keeps them where its other sessions live (database,
 * Redis) so that a logout request reaching any node ends them.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookieHeader, readCookie } from './http.ts';

export interface SessionStore<T> {
  /** A new entry; returns the Set-Cookie header that hands it to the browser. */
  create(data: T): { id: string; cookie: string };
  /** The browser's entry, if it still exists (the idle lifetime restarts). */
  find(request: IncomingMessage): { id: string; data: T } | undefined;
  /** Ends the browser's entry; returns the Set-Cookie header that forgets it. */
  end(request: IncomingMessage): { data: T | undefined; cookie: string };
  /** Ends every entry the predicate matches (a logout request from the platform); returns how many. */
  endWhere(predicate: (data: T) => boolean): number;
}

export function sessionStore<T>(cookieName: string, options: { idleSeconds: number; secure: boolean }): SessionStore<T> {
  const entries = new Map<string, { data: T; expiresAt: number }>();
  const live = (id: string | undefined) => {
    const entry = id === undefined ? undefined : entries.get(id);
    if (!entry || !id) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(id);
      return undefined;
    }
    entry.expiresAt = Date.now() + options.idleSeconds * 1000;
    return entry;
  };
  const cookie = (value: string, maxAgeSeconds: number) => cookieHeader(cookieName, value, { maxAgeSeconds, secure: options.secure });
  return {
    create(data) {
      const id = randomBytes(32).toString('base64url');
      entries.set(id, { data, expiresAt: Date.now() + options.idleSeconds * 1000 });
      return { id, cookie: cookie(id, options.idleSeconds) };
    },
    find(request) {
      const id = readCookie(request, cookieName);
      const entry = live(id);
      return entry && id ? { id, data: entry.data } : undefined;
    },
    end(request) {
      const id = readCookie(request, cookieName);
      const entry = live(id);
      if (id) entries.delete(id);
      return { data: entry?.data, cookie: cookie('', 0) };
    },
    endWhere(predicate) {
      let ended = 0;
      for (const [id, entry] of entries) {
        if (predicate(entry.data)) {
          entries.delete(id);
          ended++;
        }
      }
      return ended;
    },
  };
}

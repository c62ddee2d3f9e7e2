import { createHash, randomBytes } from 'node:crypto';

/** The cookie carries 256 random bits; the database keeps only their SHA-256. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): Buffer {
  return createHash('sha256').update(id, 'utf8').digest();
}

export function looksLikeSessionId(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * The CSRF token of a session (or of an anonymous visitor's `herald_csrf` cookie): a one-way hash of
 * the secret the cookie holds, so a page can carry it without revealing the cookie, and another site
 * (which cannot read the cookie) cannot make it.
 */
export function csrfTokenFor(secret: string): string {
  return createHash('sha256').update(`herald-csrf\0${secret}`, 'utf8').digest('base64url');
}

import type { FastifyReply } from 'fastify';

/**
 * Strict by default for every /app answer: scripts, styles and frames only from Herald itself, no
 * inline script, nobody may frame the app. A route that must differ (a preview shown in a frame of
 * our own) sets its own header first; these fill in only what is not set.
 */
const HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(HEADERS)) {
    if (!reply.hasHeader(name)) void reply.header(name, value);
  }
  // Pages carry a user's data and CSRF token: never kept by a shared cache (assets set their own).
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
}

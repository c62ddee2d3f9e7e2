import { pino, type DestinationStream, type Logger } from 'pino';
import type { Env } from './config/env.ts';

/** Paths that may hold secrets: never written to a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.accessToken',
  '*.key',
  '*.secret',
  '*.password',
  '*.smtpUrl',
];

/** Herald's logger; `destination` (default stdout) lets tests read every line written. */
export function createLogger(level: Env['LOG_LEVEL'], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'herald' } };
  return destination ? pino(options, destination) : pino(options);
}

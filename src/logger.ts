import { pino, type Logger } from 'pino';
import type { Env } from './config/env.ts';

/** Paths that may hold secrets: never written to a log line. */
export const REDACTED_PATHS = ['req.headers.authorization', 'headers.authorization', '*.token', '*.accessToken', '*.key'];

export function createLogger(level: Env['LOG_LEVEL']): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'herald' } });
}

import { Ajv } from 'ajv';
import { ConfigInvalid } from '../errors.ts';
import { DEV_SEAL_KEY } from '../archive/seals/seal-key.ts';
import { DEV_SECRET_KEY } from '../secrets/secret-key.ts';

/** Herald is configured only by these environment variables (README, "Configuration"). */
export interface Env {
  /** @defaultValue 'postgres://postgres@127.0.0.1:5432/herald' */
  DATABASE_URL: string;
  /** @defaultValue 'redis://127.0.0.1:6379' */
  REDIS_URL: string;
  /** REDIS_URL is one node of a Redis Cluster; the others are found from it. @defaultValue false */
  HERALD_REDIS_CLUSTER: boolean;
  /** @defaultValue 3000 */
  PORT: number;
  /** @defaultValue '127.0.0.1' */
  HOST: string;
  /** Web root, newspaper batches and other files Herald writes. @defaultValue './data' */
  HERALD_DATA_DIR: string;
  /** @defaultValue 'info' */
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder holding `tenants/*.yaml`. @defaultValue './config' */
  HERALD_CONFIG_DIR: string;
  /** Folder holding the rule files. @defaultValue './rules' */
  HERALD_RULES_DIR: string;
  /** Apply database migrations when the API starts. @defaultValue false */
  HERALD_MIGRATE: boolean;
  /** Jobs each channel worker runs at once, per process. @defaultValue 4 */
  HERALD_WORKER_CONCURRENCY: number;
  /** Key prefix of every queue; the braces are a Redis Cluster hash tag. @defaultValue '{herald}' */
  HERALD_QUEUE_PREFIX: string;
  /** Other due website publications a job takes along in one claim and one commit. @defaultValue 50 */
  HERALD_WEBSITE_BATCH: number;
  /** A job's lock and a publication's lease: how soon a killed worker's work is taken over. @defaultValue 30000 */
  HERALD_JOB_LOCK_MS: number;
  /**
   * 32 bytes (64 hex digits or base64) that encrypt secrets at rest (Facebook Page tokens). Required
   * when NODE_ENV is `production`. @defaultValue a public development key elsewhere
   */
  HERALD_SECRET_KEY: string;
  /**
   * The 32-byte Ed25519 seed (64 hex digits or base64) that signs the archive's daily seals; its public
   * key is served at /v1/archive/seal-key. Required when NODE_ENV is `production`. @defaultValue a
   * public development seed elsewhere
   */
  HERALD_SEAL_KEY: string;
  /**
   * `format` of the exported documents in a Noark 5 extraction: the file extension (what Arkade
   * checks) or the PRONOM id (what the standard's text asks), as the depot wants it. @defaultValue 'pdf'
   */
  HERALD_NOARK_FORMAT: 'pdf' | 'fmt/477';
  /** The Graph API, version included. @defaultValue 'https://graph.facebook.com/v26.0' */
  HERALD_FACEBOOK_GRAPH_URL: string;
  /** How long one Graph API call may take. @defaultValue 10000 */
  HERALD_FACEBOOK_TIMEOUT_MS: number;
  /** How many days after publication a post's comments are harvested into the archive. @defaultValue 30 */
  HERALD_FACEBOOK_COMMENT_DAYS: number;
  /** SMTP server for alert e-mail, `smtp://user:pass@host:587` or `smtps://…`. @defaultValue unset: no e-mail */
  HERALD_SMTP_URL?: string;
  /** The From of alert e-mail. @defaultValue 'Herald <herald@localhost>' */
  HERALD_ALERT_FROM: string;
  /** How often the deadline watch looks (ms). @defaultValue 60000 */
  HERALD_ALERT_WATCH_MS: number;
  /** Port of each worker process's own `/metrics` (0: none). @defaultValue 9464 */
  HERALD_WORKER_METRICS_PORT: number;
  /** Address the worker's `/metrics` listens on. @defaultValue '127.0.0.1' */
  HERALD_WORKER_METRICS_HOST: string;
  /**
   * The deployment operator's key (at least 32 characters, e.g. `openssl rand -hex 32`): the one
   * credential that opens the queue dashboard, which shows every municipality's jobs. @defaultValue
   * unset: the dashboard opens to no one
   */
  HERALD_OPERATOR_KEY?: string;
  /** Event-loop delay (ms) above which the API answers 503 + Retry-After (0: never). @defaultValue 1000 */
  HERALD_MAX_EVENT_LOOP_DELAY_MS: number;
  /** A web app session not used for this long ends. @defaultValue 60 */
  HERALD_SESSION_IDLE_MINUTES: number;
  /** A web app session ends this long after sign-in. @defaultValue 12 */
  HERALD_SESSION_MAX_HOURS: number;
  /** Mark the web app's cookies Secure even on plain-http requests (TLS ends at a proxy). @defaultValue false */
  HERALD_COOKIE_SECURE: boolean;
}

const schema = {
  type: 'object',
  properties: {
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://', default: 'postgres://postgres@127.0.0.1:5432/herald' },
    REDIS_URL: { type: 'string', pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' },
    HERALD_REDIS_CLUSTER: { type: 'boolean', default: false },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    HERALD_DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    HERALD_CONFIG_DIR: { type: 'string', minLength: 1, default: './config' },
    HERALD_RULES_DIR: { type: 'string', minLength: 1, default: './rules' },
    HERALD_MIGRATE: { type: 'boolean', default: false },
    HERALD_WORKER_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 256, default: 4 },
    HERALD_WEBSITE_BATCH: { type: 'integer', minimum: 0, maximum: 1000, default: 200 },
    HERALD_JOB_LOCK_MS: { type: 'integer', minimum: 1000, maximum: 600000, default: 30000 },
    HERALD_QUEUE_PREFIX: { type: 'string', pattern: '^\\{[A-Za-z0-9_-]+\\}$', default: '{herald}' },
    HERALD_SECRET_KEY: { type: 'string', pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$' },
    HERALD_SEAL_KEY: { type: 'string', pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$' },
    HERALD_NOARK_FORMAT: { enum: ['pdf', 'fmt/477'], default: 'pdf' },
    HERALD_FACEBOOK_GRAPH_URL: { type: 'string', pattern: '^https?://', default: 'https://graph.facebook.com/v26.0' },
    HERALD_FACEBOOK_TIMEOUT_MS: { type: 'integer', minimum: 500, maximum: 120000, default: 10000 },
    HERALD_FACEBOOK_COMMENT_DAYS: { type: 'integer', minimum: 0, maximum: 3650, default: 30 },
    HERALD_SMTP_URL: { type: 'string', pattern: '^smtps?://' },
    HERALD_ALERT_FROM: { type: 'string', minLength: 3, default: 'Herald <herald@localhost>' },
    HERALD_ALERT_WATCH_MS: { type: 'integer', minimum: 1000, maximum: 3600000, default: 60000 },
    HERALD_WORKER_METRICS_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 9464 },
    HERALD_WORKER_METRICS_HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    HERALD_OPERATOR_KEY: { type: 'string', pattern: '^\\S{32,}$' },
    HERALD_MAX_EVENT_LOOP_DELAY_MS: { type: 'integer', minimum: 0, maximum: 60000, default: 1000 },
    HERALD_SESSION_IDLE_MINUTES: { type: 'integer', minimum: 1, maximum: 1440, default: 60 },
    HERALD_SESSION_MAX_HOURS: { type: 'integer', minimum: 1, maximum: 720, default: 12 },
    HERALD_COOKIE_SECURE: { type: 'boolean', default: false },
  },
  required: [],
} as const;

/**
 * Their values are credentials or keys: a start-up error names them without repeating the value (a
 * mistyped key is often one character off the real one, and start-up errors end up in logs).
 */
const SECRET_VARIABLES = new Set(['HERALD_SMTP_URL', 'HERALD_SECRET_KEY', 'HERALD_SEAL_KEY', 'HERALD_OPERATOR_KEY']);

const validate = new Ajv({ useDefaults: true, coerceTypes: true, allErrors: true }).compile(schema);

/** Reads and checks the environment; throws one error naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Readonly<Env> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  if (!validate(picked)) {
    const problems = (validate.errors ?? []).map((e) => {
      const name = e.instancePath.slice(1);
      const shown = SECRET_VARIABLES.has(name) ? '(hidden)' : JSON.stringify(source[name]);
      return `  ${name}=${shown}: ${e.message ?? 'invalid'}`;
    });
    throw new ConfigInvalid(problems.join('\n'));
  }
  // A public key would leave every stored token readable: production must bring its own.
  if (picked.HERALD_SECRET_KEY === undefined) {
    if (source.NODE_ENV === 'production') throw new ConfigInvalid('  HERALD_SECRET_KEY is required when NODE_ENV=production (32 random bytes: openssl rand -hex 32)');
    picked.HERALD_SECRET_KEY = DEV_SECRET_KEY;
  }
  // A public seal key would let anyone sign seals: production must bring its own.
  if (picked.HERALD_SEAL_KEY === undefined) {
    if (source.NODE_ENV === 'production') throw new ConfigInvalid('  HERALD_SEAL_KEY is required when NODE_ENV=production (a 32-byte Ed25519 seed: openssl rand -hex 32)');
    picked.HERALD_SEAL_KEY = DEV_SEAL_KEY;
  }
  return Object.freeze(picked as unknown as Env);
}

/** JSON Schema of `config/tenants/<slug>.yaml`; defaults are filled in by ajv (`useDefaults`). */
const clock = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' } as const;

const newspaper = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'issueWeekdays', 'bookingDeadline', 'ad'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
    name: { type: 'string', minLength: 1 },
    generallyRead: { type: 'boolean', default: false },
    orderReference: { type: 'string', minLength: 1, maxLength: 100 },
    confirmWithinDays: { type: 'integer', minimum: 0, maximum: 60, default: 2 },
    issueWeekdays: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'integer', minimum: 1, maximum: 7 },
    },
    bookingDeadline: {
      type: 'object',
      additionalProperties: false,
      required: ['workingDaysBefore', 'time'],
      properties: { workingDaysBefore: { type: 'integer', minimum: 0, maximum: 30 }, time: clock },
    },
    ad: {
      type: 'object',
      additionalProperties: false,
      required: ['columnWidthMm', 'columns', 'maxHeightMm'],
      properties: {
        columnWidthMm: { type: 'number', exclusiveMinimum: 0, maximum: 400 },
        columns: { type: 'integer', minimum: 1, maximum: 10 },
        maxHeightMm: { type: 'number', exclusiveMinimum: 0, maximum: 600 },
      },
    },
    delivery: {
      default: { kind: 'directory' },
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind'],
          properties: { kind: { const: 'directory' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'host', 'username', 'path', 'privateKeyPath'],
          properties: {
            kind: { const: 'sftp' },
            host: { type: 'string', minLength: 1 },
            port: { type: 'integer', minimum: 1, maximum: 65535 },
            username: { type: 'string', minLength: 1 },
            path: { type: 'string', minLength: 1 },
            privateKeyPath: { type: 'string', minLength: 1 },
            hostKeySha256: { type: 'string', pattern: '^[A-Za-z0-9+/]{43}=?$' },
          },
        },
      ],
    },
  },
} as const;

/** Who hears from the deadline watch (src/alerts/), and when. */
const alerts = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    webhook: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'secretEnv'],
      properties: {
        url: { type: 'string', format: 'uri', pattern: '^https?://' },
        // The name of the environment variable holding the HMAC key: the secret itself stays out of
        // the file (and so out of every log and API answer that shows configuration).
        secretEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,99}$' },
      },
    },
    deadlineMarginHours: { type: 'integer', minimum: 1, maximum: 2160, default: 72 },
    reminderHours: { type: 'integer', minimum: 1, maximum: 720, default: 24 },
  },
} as const;

/**
 * Single sign-on through the municipality's OpenID provider (Entra ID, ID-porten, …): the web app's
 * "Sign in with …" button. Users are matched by the e-mail claim to an existing user of this tenant;
 * unknown users are refused unless `provisionRole` says which role they get.
 */
const singleSignOn = {
  type: 'object',
  additionalProperties: false,
  required: ['issuer', 'clientId', 'clientSecretEnv'],
  properties: {
    issuer: { type: 'string', format: 'uri', pattern: '^https?://' },
    clientId: { type: 'string', minLength: 1, maxLength: 200 },
    // The name of the environment variable holding the client secret, never the secret itself.
    clientSecretEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,99}$' },
    label: { type: 'string', minLength: 1, maxLength: 80 },
    emailClaim: { type: 'string', minLength: 1, maxLength: 80, default: 'email' },
    provisionRole: { enum: ['hr', 'communications', 'archivist', 'admin'] },
  },
} as const;

export const tenantSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['slug', 'name', 'organisationNumber', 'channels'],
  properties: {
    slug: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' },
    name: { type: 'string', minLength: 1 },
    organisationNumber: { type: 'string', pattern: '^\\d{9}$' },
    timeZone: { type: 'string', minLength: 1, default: 'Europe/Oslo' },
    language: { enum: ['nb', 'nn'], default: 'nb' },
    samiLanguageArea: { type: 'boolean', default: false },
    channels: {
      type: 'object',
      additionalProperties: false,
      required: ['website'],
      properties: {
        website: {
          type: 'object',
          additionalProperties: false,
          required: ['baseUrl'],
          properties: {
            baseUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
            cmsWebhook: {
              type: 'object',
              additionalProperties: false,
              required: ['url', 'secret'],
              properties: {
                url: { type: 'string', format: 'uri', pattern: '^https?://' },
                // An HMAC key shorter than this is guessable.
                secret: { type: 'string', minLength: 16 },
              },
            },
          },
        },
        newspapers: { type: 'array', items: newspaper, default: [] },
        facebook: {
          type: 'object',
          additionalProperties: false,
          required: ['pageId'],
          properties: {
            pageId: { type: 'string', pattern: '^\\d{5,20}$' },
            postingWindow: {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'to'],
              properties: { from: clock, to: clock },
              default: { from: '07:00', to: '22:00' },
            },
          },
        },
      },
    },
    alerts,
    singleSignOn,
    rules: {
      type: 'object',
      default: {},
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          params: { type: 'object', additionalProperties: { type: 'number' } },
          severity: { const: 'error' },
        },
      },
    },
  },
} as const;

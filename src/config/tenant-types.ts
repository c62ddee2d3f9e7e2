import type { Role } from '../notices/types.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** An SFTP drop at the paper: key authentication only, the host key pinned where given. */
export interface SftpDelivery {
  kind: 'sftp';
  host: string;
  /** @defaultValue 22 */
  port?: number;
  username: string;
  /** The folder on the server; each issue's batch goes in `<path>/<issueDate>/`. */
  path: string;
  /** OpenSSH private key file (unencrypted) of this deployment; the paper holds its public half. */
  privateKeyPath: string;
  /** SHA-256 of the server's host key, base64 as `ssh-keygen -l` prints it (without `SHA256:`). @defaultValue any key is accepted */
  hostKeySha256?: string;
}

export type NewspaperDelivery = { kind: 'directory' } | SftpDelivery;

export interface Newspaper {
  /** Stable id within the tenant, e.g. `glamdalen`. */
  id: string;
  name: string;
  /** "Alminnelig lest på stedet" (pbl §§ 12-8, 12-10, 12-12): may carry plan notices. */
  generallyRead: boolean;
  /** The municipality's order (customer) reference with this paper, printed in every manifest. */
  orderReference?: string;
  /** Days after the issue date by which the paper's proof should be recorded; later, the notice is flagged. @defaultValue 2 */
  confirmWithinDays: number;
  issueWeekdays: IsoWeekday[];
  /** Booking closes this many working days before the issue, at this local time. */
  bookingDeadline: { workingDaysBefore: number; time: string };
  ad: { columnWidthMm: number; columns: number; maxHeightMm: number };
  delivery: NewspaperDelivery;
}

export interface FacebookChannelConfig {
  pageId: string;
  /** Local wall-clock window in which posts go out, e.g. 07:00–22:00; posts outside it are moved in. */
  postingWindow: { from: string; to: string };
}

/** Where the website channel also pushes each page: an HTTP endpoint of the municipality's CMS. */
export interface CmsWebhookConfig {
  url: string;
  /** Key of the HMAC-SHA256 signature in `X-Herald-Signature`. */
  secret: string;
}

/** A tenant's override of a rule: only ever stricter (checked at start-up). */
export interface RuleOverrideConfig {
  params?: Record<string, number>;
  severity?: 'error';
}

/** Where the deadline watch's alerts go (src/alerts/), and how often they repeat. */
export interface AlertConfig {
  /** The municipality's alert address; every alert goes there besides the notice's submitter. */
  email?: string;
  /**
   * A signed POST per alert message (HMAC-SHA256 in `X-Herald-Signature`). `secretEnv` names the
   * environment variable of the worker that holds the key.
   */
  webhook?: { url: string; secretEnv: string };
  /** How long before a legal moment a mandatory publication that is not out raises an alert. @defaultValue 72 */
  deadlineMarginHours: number;
  /** How often an open alert is repeated. @defaultValue 24 */
  reminderHours: number;
}

/** The municipality's OpenID provider for the web app's single sign-on (src/web/oidc/). */
export interface SingleSignOnConfig {
  /** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** The environment variable of the API process that holds the client secret. */
  clientSecretEnv: string;
  /** The button's text, e.g. "Microsoft Entra ID". @defaultValue the tenant's name */
  label?: string;
  /** The ID token claim matched against users' login e-mail. @defaultValue 'email' */
  emailClaim: string;
  /** Unknown users who sign in get a user of this role; without it they are refused. */
  provisionRole?: Role;
}

/** A municipality, as configured in `config/tenants/<slug>.yaml`. */
export interface Tenant {
  slug: string;
  name: string;
  /** Enhetsregisteret organisation number, 9 digits. */
  organisationNumber: string;
  /** IANA zone; @defaultValue 'Europe/Oslo' */
  timeZone: string;
  /** Written standard of the municipality (målform). */
  language: 'nb' | 'nn';
  /** In the administrative area for Sami languages (samelova § 3-2). @defaultValue false */
  samiLanguageArea: boolean;
  channels: {
    website: { baseUrl: string; cmsWebhook?: CmsWebhookConfig };
    newspapers: Newspaper[];
    facebook?: FacebookChannelConfig;
  };
  /** Filled in with its defaults when loaded from YAML; absent in hand-built tenants (tests). */
  alerts?: AlertConfig;
  singleSignOn?: SingleSignOnConfig;
  /** Keyed by rule id, e.g. `vacancy.deadline: { params: { days: 21 } }`. */
  rules: Record<string, RuleOverrideConfig>;
}

export type { Role };

import type { Cluster, Redis } from 'ioredis';
import * as client from 'openid-client';
import type { SingleSignOnConfig } from '../config/tenant-types.ts';
import { ServiceUnavailable } from '../errors.ts';

/** What the start of a sign-in leaves for its callback (in Redis, 10 minutes, read once). */
export interface PendingSignIn {
  tenant: string;
  state: string;
  verifier: string;
  nonce: string;
  next: string;
  redirectUri: string;
}

const PENDING_MS = 10 * 60_000;

/** A plain-http issuer is allowed on loopback only (a provider in a test or on the same host). */
function loopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * OpenID Connect sign-in with `openid-client` (v6): authorization code flow with PKCE (S256), state
 * and nonce. Each tenant's provider is discovered once (again after a failure).
 */
export class OidcSignIn {
  readonly #configs = new Map<string, Promise<client.Configuration>>();

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  #key(state: string): string {
    return `${this.keyPrefix}:oidc:${state}`;
  }

  configuration(tenant: string, sso: SingleSignOnConfig): Promise<client.Configuration> {
    let config = this.#configs.get(tenant);
    if (!config) {
      const secret = this.env[sso.clientSecretEnv];
      if (!secret) return Promise.reject(new ServiceUnavailable(`Single sign-on of ${tenant} (its client secret, ${sso.clientSecretEnv}, is not set)`));
      const issuer = new URL(sso.issuer);
      // Marked deprecated only to say "for tests": exactly its use here (a provider on loopback).
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      const insecure = loopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined;
      config = client.discovery(issuer, sso.clientId, secret, undefined, insecure);
      config.catch(() => this.#configs.delete(tenant));
      this.#configs.set(tenant, config);
    }
    return config;
  }

  /** Where to send the browser: the provider's authorization endpoint for a fresh state. */
  async start(tenant: string, sso: SingleSignOnConfig, redirectUri: string, next: string): Promise<{ url: URL; state: string }> {
    const config = await this.configuration(tenant, sso);
    const pending: PendingSignIn = {
      tenant,
      state: client.randomState(),
      verifier: client.randomPKCECodeVerifier(),
      nonce: client.randomNonce(),
      next,
      redirectUri,
    };
    await this.redis.set(this.#key(pending.state), JSON.stringify(pending), 'PX', PENDING_MS);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, state: pending.state };
  }

  /** The pending sign-in of `state`, taken (a callback replayed finds nothing). */
  async take(state: string): Promise<PendingSignIn | null> {
    const json = await this.redis.getdel(this.#key(state));
    return json ? (JSON.parse(json) as PendingSignIn) : null;
  }

  /** Exchanges the code (checking state, nonce, PKCE, issuer and the ID token) for the ID token's claims. */
  async finish(pending: PendingSignIn, sso: SingleSignOnConfig, query: string): Promise<client.IDToken> {
    const config = await this.configuration(pending.tenant, sso);
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = query;
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    return claims;
  }
}

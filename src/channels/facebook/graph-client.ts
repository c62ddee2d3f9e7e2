import { GraphApiError, GraphTransportError, graphErrorOf } from './graph-error.ts';
import { readUsage, type Usage } from './usage.ts';

/** The Graph API version Herald is written against; the base URL is configurable (HERALD_FACEBOOK_GRAPH_URL). */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v26.0';

export interface GraphClientOptions {
  /** Versioned base URL. @defaultValue DEFAULT_GRAPH_URL */
  baseUrl?: string;
  /** How long one call may take, answer body included. @defaultValue 10 000 */
  timeoutMs?: number;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below the versioned base, e.g. `/123/feed`. */
  path: string;
  /** A Page access token: sent in the Authorization header, never in a URL (URLs end up in logs). */
  token: string;
  query?: Record<string, string>;
  /** Sent as JSON, exactly these bytes when given as a Buffer (what the archive holds). */
  body?: Buffer;
}

export interface GraphAnswer {
  status: number;
  body: unknown;
  usage: Usage;
}

export interface GraphClient {
  readonly baseUrl: string;
  /** One call; throws GraphApiError for Facebook's error answers and GraphTransportError when there is none. */
  call(request: GraphRequest): Promise<GraphAnswer>;
}

function describeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** A small Graph API client over Node's fetch, with a timeout on every call. */
export function createGraphClient(options: GraphClientOptions = {}): GraphClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(request: GraphRequest): Promise<GraphAnswer> {
    const url = new URL(`${baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${request.token}`, accept: 'application/json' };
    if (request.body) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    let usage: Usage;
    try {
      // The signal covers the answer's body too: a server that stalls mid-body times out as well.
      const res = await fetch(url, { method: request.method, headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
      status = res.status;
      usage = readUsage(res.headers);
      text = await res.text();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new GraphTransportError('timeout', `Facebook did not answer ${request.method} ${request.path} within ${timeoutMs} ms`);
      }
      throw new GraphTransportError('network', `the connection to Facebook failed during ${request.method} ${request.path}: ${describeFailure(error)}`);
    }
    let body: unknown;
    try {
      body = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      throw new GraphTransportError('unreadable', `Facebook answered ${status} to ${request.method} ${request.path} with a body that is not JSON`, status);
    }
    if (status >= 200 && status < 300) {
      const error = graphErrorOf(body);
      if (error) throw new GraphApiError(status, error, usage);
      return { status, body, usage };
    }
    const error = graphErrorOf(body);
    if (!error) throw new GraphTransportError('unreadable', `Facebook answered ${status} to ${request.method} ${request.path} without an error object`, status);
    throw new GraphApiError(status, error, usage);
  }

  return { baseUrl, call };
}

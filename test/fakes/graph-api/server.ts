import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Faults, type Fault } from './faults.ts';
import { registerGraphRoutes, type LoggedRequest } from './graph-routes.ts';
import { registerInspectRoutes } from './inspect-routes.ts';
import { ALL_SCOPES, FakeGraphState, graphNow, type FakeComment, type FakePost, type FakeToken } from './state.ts';

export interface FakeGraphOptions {
  /** @defaultValue 0 (any free port) */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** @defaultValue 'v26.0' */
  version?: string;
}

export interface FakeGraph {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The versioned base URL to give Herald (HERALD_FACEBOOK_GRAPH_URL). */
  url: string;
  state: FakeGraphState;
  faults: Faults;
  /** Every Graph request received, in order (without tokens). */
  requests: LoggedRequest[];
  /** A Page with a valid token for it. */
  addPage(pageId: string, opts?: { name?: string; token?: string }): FakeToken;
  addToken(pageId: string, token: string, opts?: Partial<Omit<FakeToken, 'token' | 'pageId'>>): FakeToken;
  /** Facebook stops accepting the token, answering 190 with this subcode (460: password changed). */
  revokeToken(token: string, subcode?: number): void;
  fail(fault: Fault): void;
  /** Live (not deleted) published posts of a Page, oldest first. */
  posts(pageId: string): FakePost[];
  addComment(postId: string, comment: { name: string; message: string; parentId?: string }): FakeComment | null;
  /** The usage every answer about the Page reports from now on. */
  setUsage(pageId: string, percent: number, regainMinutes?: number): void;
  close(): Promise<void>;
}

/**
 * A fake Facebook Graph API on loopback: a real HTTP server that speaks the protocol Herald uses, with
 * Facebook's answer and error shapes, token checks, usage headers and switchable faults. What it
 * models and what it does not: README.md beside this file.
 */
export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const version = options.version ?? 'v26.0';
  const state = new FakeGraphState();
  const faults = new Faults();
  const requests: LoggedRequest[] = [];
  const closing = new AbortController();
  let origin = '';
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });

  const addToken = (pageId: string, token: string, opts: Partial<Omit<FakeToken, 'token' | 'pageId'>> = {}): FakeToken => {
    state.page(pageId);
    const entry: FakeToken = { token, pageId, revokedWith: 0, expiresAt: 0, dataAccessExpiresAt: 0, scopes: ALL_SCOPES, ...opts };
    state.tokens.set(token, entry);
    return entry;
  };
  const addComment = (postId: string, comment: { name: string; message: string; parentId?: string }): FakeComment | null => {
    const post = state.post(postId);
    if (!post) return null;
    const made: FakeComment = {
      id: `${postId.split('_')[1] ?? postId}_${state.nextId()}`,
      from: { id: state.nextId(), name: comment.name },
      message: comment.message,
      createdTime: graphNow(),
      parentId: comment.parentId ?? null,
    };
    post.comments.push(made);
    return made;
  };

  registerGraphRoutes(app, { state, faults, requests, origin: () => origin, version, closing: closing.signal });
  registerInspectRoutes(app, { state, faults, addComment });
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  origin = `http://${options.host ?? '127.0.0.1'}:${(app.server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}/${version}`,
    state,
    faults,
    requests,
    addPage(pageId, opts = {}) {
      state.page(pageId, opts.name);
      return addToken(pageId, opts.token ?? `page-token-${pageId}`);
    },
    addToken,
    revokeToken(token, subcode = 460) {
      const entry = state.tokens.get(token);
      if (entry) entry.revokedWith = subcode;
    },
    fail: (fault) => {
      faults.add(fault);
    },
    posts: (pageId) => (state.pages.get(pageId)?.posts ?? []).filter((p) => !p.deleted && p.published),
    addComment,
    setUsage(pageId, percent, regainMinutes = 0) {
      state.page(pageId).usage = { percent, regainMinutes };
    },
    async close() {
      closing.abort();
      await app.close();
    },
  };
}

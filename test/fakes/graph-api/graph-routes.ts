import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Edge, FaultAction, Faults } from './faults.ts';
import { graphError, type FakeError } from './graph-errors.ts';
import { graphTime, instantParam, paginate } from './listing.ts';
import { graphNow, type FakeGraphState, type FakePage, type FakePost, type FakeToken } from './state.ts';
import { usageHeaders } from './usage.ts';

export interface LoggedRequest {
  method: string;
  edge: Edge;
  pageId: string | null;
  node: string;
  at: Date;
  /** The parameters sent (body and query), without the access token. */
  params: Record<string, string>;
  /** Where the access token came: the Authorization header, the query string (the URL) or the body. */
  tokenIn: 'header' | 'query' | 'body' | null;
}

interface Answer {
  status: number;
  body: unknown;
}

export interface GraphRouteContext {
  state: FakeGraphState;
  faults: Faults;
  requests: LoggedRequest[];
  origin: () => string;
  version: string;
  /** Aborted when the fake closes, so slow answers end. */
  closing: AbortSignal;
}

type Params = Record<string, string>;

function flatten(value: unknown): Params {
  const out: Params = {};
  if (value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** The token as Facebook takes it: `Authorization: Bearer|OAuth <token>`, or `access_token` in the query or body. */
function tokenOf(request: FastifyRequest, params: Params): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? params.access_token ?? null;
}

const fail = (error: FakeError): Answer => ({ status: error.status, body: error.body });

function checkToken(state: FakeGraphState, token: string | null): FakeToken | Answer {
  if (token === null) return fail(graphError(104));
  const known = state.tokens.get(token);
  if (!known) return fail(graphError(190));
  if (known.revokedWith !== 0) return fail(graphError(190, { subcode: known.revokedWith }));
  if (known.expiresAt !== 0 && known.expiresAt * 1000 < Date.now()) return fail(graphError(190, { subcode: 463 }));
  return known;
}

/** A Page token acts for its own Page only, and posting needs pages_manage_posts. */
function mayActOn(token: FakeToken, pageId: string, write: boolean): Answer | null {
  if (token.pageId !== pageId) return fail(graphError(200, { message: '(#200) The user hasn\'t authorized the application to perform this action' }));
  if (write && !token.scopes.includes('pages_manage_posts')) return fail(graphError(200));
  return null;
}

function fieldsOf(params: Params, defaults: string): Set<string> {
  return new Set((params.fields ?? defaults).split(',').map((f) => f.replace(/\{.*$/, '').trim()));
}

function postView(post: FakePost, fields: Set<string>, origin: string): Record<string, unknown> {
  const view: Record<string, unknown> = { id: post.id };
  if (fields.has('message') && post.message !== '') view.message = post.message;
  if (fields.has('created_time')) view.created_time = graphTime(post.createdTime);
  if (fields.has('permalink_url')) view.permalink_url = `${origin}/fake-facebook/posts/${post.id}`;
  if (fields.has('is_published')) view.is_published = post.published;
  if (fields.has('scheduled_publish_time') && post.scheduledPublishTime !== null) view.scheduled_publish_time = post.scheduledPublishTime;
  return view;
}

/** Scheduled posts whose time has come are published (lazily, when anyone looks). */
function publishDue(page: FakePage): void {
  for (const post of page.posts) {
    if (!post.published && post.scheduledPublishTime !== null && post.scheduledPublishTime * 1000 <= Date.now()) post.published = true;
  }
}

function createPost(ctx: GraphRouteContext, page: FakePage, edge: 'feed' | 'photos', params: Params): Answer {
  const message = edge === 'photos' ? (params.caption ?? params.message ?? '') : (params.message ?? '');
  if (edge === 'photos' && !params.url) return fail(graphError(324, { message: '(#324) Requires upload file' }));
  if (edge === 'feed' && message === '' && !params.link) return fail(graphError(100, { message: '(#100) Missing message or attachment' }));
  let published = true;
  let scheduled: number | null = null;
  if (params.published === 'false' && params.scheduled_publish_time) {
    const at = instantParam(params.scheduled_publish_time);
    const ahead = at === null ? -1 : at - Date.now();
    if (ahead < 10 * 60_000 || ahead > 30 * 86_400_000) return fail(graphError(100, { message: '(#100) The specified scheduled publish time is invalid.' }));
    published = false;
    scheduled = Math.floor((at ?? 0) / 1000);
  }
  const post: FakePost = {
    id: `${page.id}_${ctx.state.nextId()}`,
    pageId: page.id,
    message,
    link: params.link ?? null,
    photo: edge === 'photos' ? { id: ctx.state.nextId(), url: params.url ?? '', altText: params.alt_text_custom ?? null } : null,
    createdTime: graphNow(),
    published,
    scheduledPublishTime: scheduled,
    deleted: false,
    comments: [],
  };
  page.posts.push(post);
  if (post.photo) return { status: 200, body: { id: post.photo.id, post_id: post.id } };
  const fields = fieldsOf(params, 'id');
  return { status: 200, body: fields.has('permalink_url') ? { id: post.id, permalink_url: `${ctx.origin()}/fake-facebook/posts/${post.id}` } : { id: post.id } };
}

function missing(node: string): Answer {
  return fail(graphError(100, { subcode: 33, message: `Unsupported request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` }));
}

/** The normal answer to a Graph request (after the token was checked). May create a post. */
function answer(ctx: GraphRouteContext, method: string, node: string, edge: Edge, token: FakeToken, params: Params): Answer {
  const { state } = ctx;
  const nextUrl = (path: string) => (after: string) => `${ctx.origin()}/${ctx.version}/${path}?access_token=${encodeURIComponent(token.token)}&limit=${params.limit ?? 25}&after=${after}`;
  switch (edge) {
    case 'me':
      return { status: 200, body: { id: token.pageId, name: state.page(token.pageId).name } };
    case 'debug_token': {
      const input = state.tokens.get(params.input_token ?? '');
      const valid = input !== undefined && input.revokedWith === 0 && (input.expiresAt === 0 || input.expiresAt * 1000 > Date.now());
      return {
        status: 200,
        body: {
          data: {
            app_id: '1234567890',
            type: 'PAGE',
            application: 'Herald (fake)',
            data_access_expires_at: input?.dataAccessExpiresAt ?? 0,
            expires_at: input?.expiresAt ?? 0,
            is_valid: valid,
            scopes: input?.scopes ?? [],
            profile_id: input?.pageId,
            ...(!valid && { error: graphError(190, input ? { subcode: input.revokedWith || 463 } : {}).body.error }),
          },
        },
      };
    }
    case 'feed':
    case 'photos':
    case 'published_posts':
    case 'scheduled_posts': {
      const page = state.pages.get(node);
      if (!page) return missing(node);
      const refused = mayActOn(token, node, method === 'POST');
      if (refused) return refused;
      if (method === 'POST' && (edge === 'feed' || edge === 'photos')) return createPost(ctx, page, edge, params);
      if (method !== 'GET') return fail(graphError(100, { message: '(#100) Unsupported post request.' }));
      publishDue(page);
      const since = instantParam(params.since);
      const until = instantParam(params.until);
      const wanted = edge === 'scheduled_posts' ? (p: FakePost) => !p.published : (p: FakePost) => p.published;
      const posts = page.posts
        .filter((p) => !p.deleted && wanted(p) && (since === null || p.createdTime.getTime() >= since) && (until === null || p.createdTime.getTime() <= until))
        .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime());
      const fields = fieldsOf(params, 'id,message,created_time');
      return { status: 200, body: paginate(posts.map((p) => postView(p, fields, ctx.origin())), params, nextUrl(`${node}/${edge}`)) };
    }
    case 'comments': {
      const post = state.post(node);
      if (!post || post.deleted) return missing(node);
      const refused = mayActOn(token, post.pageId, false);
      if (refused) return refused;
      const stream = params.filter === 'stream';
      const list = post.comments.filter((c) => stream || c.parentId === null);
      if (params.order === 'reverse_chronological') list.reverse();
      const fields = fieldsOf(params, 'id,message,created_time,from');
      const view = list.map((c) => ({
        id: c.id,
        ...(fields.has('from') && { from: c.from }),
        ...(fields.has('message') && { message: c.message }),
        ...(fields.has('created_time') && { created_time: graphTime(c.createdTime) }),
        ...(fields.has('parent') && c.parentId !== null && { parent: { id: c.parentId } }),
      }));
      return { status: 200, body: paginate(view, params, nextUrl(`${node}/comments`)) };
    }
    case 'post': {
      const post = state.post(node);
      if (!post || post.deleted) return missing(node);
      const refused = mayActOn(token, post.pageId, method === 'DELETE');
      if (refused) return refused;
      if (method === 'DELETE') {
        post.deleted = true;
        return { status: 200, body: { success: true } };
      }
      return { status: 200, body: postView(post, fieldsOf(params, 'id,message,created_time'), ctx.origin()) };
    }
  }
}

function edgeOf(node: string, edge: string | undefined): Edge | null {
  if (edge === undefined) return node === 'debug_token' ? 'debug_token' : node === 'me' ? 'me' : 'post';
  return (['feed', 'photos', 'published_posts', 'scheduled_posts', 'comments'] as const).find((e) => e === edge) ?? null;
}

function pageOfRequest(state: FakeGraphState, node: string, edge: Edge, token: FakeToken | null): FakePage | undefined {
  if (edge === 'post' || edge === 'comments') return state.pages.get(node.split('_')[0] ?? '');
  if (edge === 'me' || edge === 'debug_token') return token ? state.pages.get(token.pageId) : undefined;
  return state.pages.get(node);
}

/** The Graph API under `/<version>/…`: the endpoints Herald uses, Facebook's shapes, token checks, usage headers and faults. */
export function registerGraphRoutes(app: FastifyInstance, ctx: GraphRouteContext): void {
  const handle = async (request: FastifyRequest<{ Params: { version: string; node: string; edge?: string } }>, reply: FastifyReply): Promise<unknown> => {
    const { node, edge: edgeName } = request.params;
    const params = { ...flatten(request.query), ...flatten(request.body) };
    const edge = edgeOf(node, edgeName);
    const token = tokenOf(request, params);
    const logged = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'access_token'));
    const known = token === null ? undefined : ctx.state.tokens.get(token);
    const page = edge === null ? undefined : pageOfRequest(ctx.state, node, edge, known ?? null);
    if (edge === null) return reply.code(400).headers(usageHeaders(page)).send(graphError(100, { message: `(#100) Unknown path components: /${edgeName ?? ''}` }).body);
    const tokenIn = typeof request.headers.authorization === 'string' ? 'header' : 'access_token' in flatten(request.query) ? 'query' : 'access_token' in flatten(request.body) ? 'body' : null;
    ctx.requests.push({ method: request.method, edge, pageId: page?.id ?? null, node, at: new Date(), params: logged, tokenIn });

    const checked = checkToken(ctx.state, token);
    if (!('token' in checked)) {
      const error = (checked.body as FakeError['body']).error;
      if (error.code === 190) void reply.header('www-authenticate', `OAuth "Facebook Platform" "invalid_token" "${error.message}"`);
      return reply.code(checked.status).headers(usageHeaders(page)).send(checked.body);
    }
    const fault: FaultAction | null = ctx.faults.take(request.method, edge, page?.id ?? null);
    const normal = (): Answer => answer(ctx, request.method, node, edge, checked, params);

    if (fault?.kind === 'error') {
      const error = graphError(fault.code, fault);
      return reply.code(error.status).headers(usageHeaders(page, { percent: fault.usagePercent ?? (fault.regainMinutes ? 100 : undefined), regainMinutes: fault.regainMinutes })).send(error.body);
    }
    if (fault?.kind === 'error-after-create') {
      normal();
      const error = graphError(fault.code, fault);
      return reply.code(error.status).headers(usageHeaders(page)).send(error.body);
    }
    if (fault?.kind === 'drop') {
      if (fault.afterCreate) normal();
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault?.kind === 'slow') {
      const result = fault.afterCreate ? normal() : null;
      await sleep(fault.ms, undefined, { signal: ctx.closing }).catch(() => undefined);
      const late = result ?? fail(graphError(2));
      return reply.code(late.status).headers(usageHeaders(page)).send(late.body);
    }
    if (fault?.kind === 'late-create') await sleep(fault.ms, undefined, { signal: ctx.closing }).catch(() => undefined);
    const result = normal();
    return reply.code(result.status).headers(usageHeaders(page)).send(result.body);
  };
  const versioned = async (request: FastifyRequest<{ Params: { version: string; node: string; edge?: string } }>, reply: FastifyReply): Promise<unknown> => {
    if (!/^v\d+\.\d+$/.test(request.params.version)) return reply.code(400).send(graphError(2500, { message: 'Unknown path components: the version must look like v26.0' }).body);
    return handle(request, reply);
  };
  app.route({ method: ['GET', 'POST', 'DELETE'], url: '/:version/:node', handler: versioned });
  app.route({ method: ['GET', 'POST'], url: '/:version/:node/:edge', handler: versioned });
}

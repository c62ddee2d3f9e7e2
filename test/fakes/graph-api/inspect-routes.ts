import type { FastifyInstance } from 'fastify';
import type { Fault } from './faults.ts';
import type { Faults } from './faults.ts';
import type { FakeComment, FakeGraphState, FakePost } from './state.ts';

/** Outside the Graph API: what a person (or the demo) looks at on the fake Pages, and the switches. */
export interface InspectContext {
  state: FakeGraphState;
  faults: Faults;
  addComment(postId: string, comment: { name: string; message: string; parentId?: string }): FakeComment | null;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function postJson(post: FakePost) {
  return {
    id: post.id,
    message: post.message,
    link: post.link,
    photo: post.photo,
    createdTime: post.createdTime.toISOString(),
    published: post.published,
    deleted: post.deleted,
    comments: post.comments.map((c) => ({ ...c, createdTime: c.createdTime.toISOString() })),
  };
}

function postHtml(post: FakePost): string {
  const photo = post.photo ? `<p><img src="${escape(post.photo.url)}" alt="${escape(post.photo.altText ?? '')}" width="320"></p>` : '';
  const comments = post.comments.map((c) => `<li><b>${escape(c.from.name)}</b> ${escape(c.message)} <small>${c.createdTime.toISOString()}</small></li>`).join('');
  const state = post.deleted ? ' <em>(deleted)</em>' : post.published ? '' : ' <em>(scheduled)</em>';
  return `<article id="${escape(post.id)}"><h2>${escape(post.id)}${state}</h2><small>${post.createdTime.toISOString()}</small>${photo}<pre>${escape(post.message)}</pre>${comments ? `<ul>${comments}</ul>` : ''}</article>`;
}

export function registerInspectRoutes(app: FastifyInstance, ctx: InspectContext): void {
  app.get('/fake-facebook', async (_request, reply) => {
    const pages = [...ctx.state.pages.values()].map((p) => `<li><a href="/fake-facebook/${escape(p.id)}">${escape(p.name)}</a> (${p.posts.filter((x) => !x.deleted).length} posts)</li>`);
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>Fake Facebook</title><h1>Fake Facebook Pages</h1><ul>${pages.join('')}</ul>`);
  });

  /** A Page's posts, newest first, as a reader would see them (deleted ones marked). */
  app.get<{ Params: { pageId: string } }>('/fake-facebook/:pageId', async (request, reply) => {
    const page = ctx.state.pages.get(request.params.pageId);
    if (!page) return reply.code(404).send({ error: 'no such fake Page' });
    const posts = [...page.posts].reverse().map(postHtml).join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>${escape(page.name)}</title><h1>${escape(page.name)} (fake Facebook Page)</h1>${posts || '<p>No posts yet.</p>'}`);
  });

  app.get<{ Params: { pageId: string } }>('/fake-facebook/:pageId/feed', async (request, reply) => {
    const page = ctx.state.pages.get(request.params.pageId);
    if (!page) return reply.code(404).send({ error: 'no such fake Page' });
    return { pageId: page.id, name: page.name, posts: [...page.posts].reverse().map(postJson) };
  });

  app.get<{ Params: { postId: string } }>('/fake-facebook/posts/:postId', async (request, reply) => {
    const post = ctx.state.post(request.params.postId);
    if (!post) return reply.code(404).send({ error: 'no such fake post' });
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>${escape(post.id)}</title>${postHtml(post)}`);
  });

  /** A resident comments on a post: `{ "name": "Kari", "message": "…" }`. */
  app.post<{ Params: { postId: string }; Body: { name?: string; message?: string; parentId?: string } }>('/fake-facebook/posts/:postId/comments', async (request, reply) => {
    const { name, message, parentId } = request.body;
    if (typeof name !== 'string' || typeof message !== 'string') return reply.code(400).send({ error: 'name and message are required' });
    const comment = ctx.addComment(request.params.postId, { name, message, ...(parentId !== undefined && { parentId }) });
    if (!comment) return reply.code(404).send({ error: 'no such fake post' });
    return reply.code(201).send({ ...comment, createdTime: comment.createdTime.toISOString() });
  });

  /** Arms a fault, e.g. `{ "match": { "edge": "feed" }, "action": { "kind": "error", "code": 32, "regainMinutes": 5 } }`. */
  app.post<{ Body: Fault }>('/fake-facebook/faults', async (request, reply) => {
    ctx.faults.add(request.body);
    return reply.code(204).send();
  });
}

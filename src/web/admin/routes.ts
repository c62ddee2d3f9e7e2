import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { generateApiKey } from '../../auth/api-key.ts';
import { hashPassword } from '../../auth/password.ts';
import { NotFound } from '../../errors.ts';
import { ROLES, type Role } from '../../notices/types.ts';
import { insertUserWithKey, listApiKeys, revokeApiKey } from '../../store/api-keys.ts';
import { insertWebUser, listWebUsers, setUserDisabled, setUserPassword } from '../../store/web-users.ts';
import { webContext } from '../context.ts';
import { t } from '../i18n/index.ts';
import { webRole } from '../require-role.ts';
import { adminPage, secretOncePage } from './page.ts';
import { sendPage } from '../send-page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Form {
  name?: unknown;
  email?: unknown;
  role?: unknown;
}

/** A fresh password for a new or reset user: 96 random bits, shown once. */
function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

function userId(id: string): string {
  if (!UUID.test(id)) throw new NotFound('The user');
  return id;
}

/** /app/admin: an admin manages their own municipality's users and API keys, nobody else's. */
export default async function adminRoutes(app: FastifyInstance): Promise<void> {
  const guard = { preHandler: webRole(['admin'], 'manage users and API keys') };
  const overview = async (request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) => {
    const ctx = webContext(request, reply);
    const [users, keys] = await Promise.all([listWebUsers(app.pg, ctx.principal.tenantId), listApiKeys(app.pg, ctx.principal.tenantSlug)]);
    return sendPage(reply, status, adminPage(ctx, { users, keys, ...(error ? { error } : {}) }));
  };

  /** The form's name and role, or the message saying what is wrong. */
  const check = (lang: Parameters<typeof t>[0], body: Form | undefined): { name: string; role: Role } | string => {
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (name.length === 0 || name.length > 200) return t(lang, 'admin.invalidName');
    const role = body?.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return t(lang, 'admin.invalidRole');
    return { name, role: role as Role };
  };

  app.get('/admin', guard, (request, reply) => overview(request, reply));

  app.post<{ Body: Form | undefined }>('/admin/users', guard, async (request, reply) => {
    const ctx = webContext(request, reply);
    const checked = check(ctx.lang, request.body);
    if (typeof checked === 'string') return overview(request, reply, 400, checked);
    const email = typeof request.body?.email === 'string' ? request.body.email.trim() : '';
    if (!EMAIL.test(email) || email.length > 254) return overview(request, reply, 400, t(ctx.lang, 'admin.invalidEmail'));
    const password = newPassword();
    try {
      await insertWebUser(app.pg, { tenantSlug: ctx.principal.tenantSlug, role: checked.role, name: checked.name, loginEmail: email, passwordHash: await hashPassword(password) });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return overview(request, reply, 409, t(ctx.lang, 'admin.emailTaken'));
      throw error;
    }
    request.log.info({ event: 'web.admin.user-created', role: checked.role }, 'user created');
    return sendPage(reply, 201, secretOncePage(ctx, { message: t(ctx.lang, 'admin.userCreated', { name: checked.name }), label: t(ctx.lang, 'admin.passwordOnce'), secret: password }));
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/password', guard, async (request, reply) => {
    const ctx = webContext(request, reply);
    const id = userId(request.params.id);
    const password = newPassword();
    if (!(await setUserPassword(app.pg, ctx.principal.tenantId, id, await hashPassword(password)))) throw new NotFound('The user');
    await app.pg.query('DELETE FROM web_sessions WHERE user_id = $1', [id]);
    const name = (await listWebUsers(app.pg, ctx.principal.tenantId)).find((u) => u.id === id)?.name ?? '';
    request.log.info({ event: 'web.admin.password-reset', userId: id }, 'password reset');
    return sendPage(reply, 200, secretOncePage(ctx, { message: t(ctx.lang, 'admin.passwordReset', { name }), label: t(ctx.lang, 'admin.passwordOnce'), secret: password }));
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post<{ Params: { id: string } }>(`/admin/users/:id/${action}`, guard, async (request, reply) => {
      const ctx = webContext(request, reply);
      const id = userId(request.params.id);
      if (action === 'disable' && id === ctx.principal.userId) return overview(request, reply, 409, t(ctx.lang, 'admin.notSelf'));
      if (!(await setUserDisabled(app.pg, ctx.principal.tenantId, id, action === 'disable'))) throw new NotFound('The user');
      request.log.info({ event: `web.admin.user-${action}d`, userId: id }, `user ${action}d`);
      return reply.redirect('/app/admin', 303);
    });
  }

  app.post<{ Body: Form | undefined }>('/admin/keys', guard, async (request, reply) => {
    const ctx = webContext(request, reply);
    const checked = check(ctx.lang, request.body);
    if (typeof checked === 'string') return overview(request, reply, 400, checked);
    const created = generateApiKey();
    await insertUserWithKey(app.pg, { tenantSlug: ctx.principal.tenantSlug, role: checked.role, name: checked.name, prefix: created.prefix, hash: created.hash });
    request.log.info({ event: 'web.admin.key-created', prefix: created.prefix }, 'API key created');
    return sendPage(reply, 201, secretOncePage(ctx, { message: t(ctx.lang, 'admin.keyCreated'), label: t(ctx.lang, 'admin.keyOnce'), secret: created.key }));
  });

  app.post<{ Params: { id: string } }>('/admin/keys/:id/revoke', guard, async (request, reply) => {
    const ctx = webContext(request, reply);
    if (!UUID.test(request.params.id) || (await revokeApiKey(app.pg, ctx.principal.tenantSlug, request.params.id)) === 0) throw new NotFound('The key');
    request.log.info({ event: 'web.admin.key-revoked', keyId: request.params.id }, 'API key revoked');
    return reply.redirect('/app/admin', 303);
  });
}

import type pg from 'pg';
import type { Principal } from '../auth/principal.ts';

export interface SessionLimits {
  /** A session not seen for this long has ended. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
}

export interface ResolvedSession {
  sessionId: string;
  principal: Principal;
  language: string | null;
  tenantName: string;
}

export async function createSession(
  pool: pg.Pool,
  input: { idHash: Buffer; userId: string; absoluteMs: number },
): Promise<void> {
  await pool.query(
    `INSERT INTO web_sessions (id_hash, user_id, tenant_id, expires_at)
     SELECT $1, u.id, u.tenant_id, now() + make_interval(secs => $3::double precision / 1000)
       FROM users u WHERE u.id = $2 AND u.disabled_at IS NULL`,
    [input.idHash, input.userId, input.absoluteMs],
  );
}

/**
 * The signed-in principal of a live session, or null (unknown, expired, idle too long, or its user
 * disabled). The principal is the same shape an API key gives, with the session's id as `keyId`.
 * Refreshes `last_seen_at` at most once a minute, so most requests do not write.
 */
export async function resolveSession(pool: pg.Pool, idHash: Buffer, idleMs: number): Promise<ResolvedSession | null> {
  const { rows } = await pool.query<ResolvedSession & { stale: boolean }>({
    name: 'resolve-web-session',
    text: `SELECT s.id AS "sessionId", u.language, t.name AS "tenantName",
                  json_build_object('keyId', s.id, 'userId', u.id, 'userName', u.name, 'role', u.role,
                                    'tenantId', t.id, 'tenantSlug', t.slug) AS principal,
                  s.last_seen_at < now() - interval '1 minute' AS stale
             FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = s.tenant_id
            WHERE s.id_hash = $1 AND s.expires_at > now()
              AND s.last_seen_at > now() - make_interval(secs => $2::double precision / 1000)
              AND u.disabled_at IS NULL AND u.tenant_id = s.tenant_id`,
    values: [idHash, idleMs],
  });
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await pool.query('UPDATE web_sessions SET last_seen_at = now() WHERE id = $1', [row.sessionId]);
  return { sessionId: row.sessionId, principal: row.principal, language: row.language, tenantName: row.tenantName };
}

export async function deleteSession(pool: pg.Pool, idHash: Buffer): Promise<void> {
  await pool.query('DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
}

/** Ends every session of a user (disabled, or their password reset). */
export async function deleteUserSessions(pool: pg.Pool, userId: string): Promise<void> {
  await pool.query('DELETE FROM web_sessions WHERE user_id = $1', [userId]);
}

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    pg: pg.Pool;
  }
}

export interface PostgresPluginOptions {
  pool: pg.Pool;
  /** Close the pool when the app closes (false when a test or CLI owns it). @defaultValue true */
  owned?: boolean;
}

async function postgresPlugin(app: FastifyInstance, opts: PostgresPluginOptions): Promise<void> {
  app.decorate('pg', opts.pool);
  // An idle client losing its server (restart) must not crash the process; the next query reconnects.
  opts.pool.on('error', (error) => {
    app.log.warn({ err: error }, 'postgres idle client error');
  });
  if (opts.owned ?? true) {
    app.addHook('onClose', async () => {
      await opts.pool.end();
    });
  }
}

export default fp(postgresPlugin, { name: 'herald-postgres', fastify: '5.x' });

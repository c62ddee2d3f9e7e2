import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface PublicRoutesOptions {
  /** The website channel's web root (`<HERALD_DATA_DIR>/web`). */
  webRoot: string;
}

/**
 * GET /public/<tenant>/…: the website channel's output as the workers wrote it (index, pages,
 * feed.atom, calendar.ics, notices.json). No key: this is what residents read.
 */
export default async function publicRoutes(app: FastifyInstance, opts: PublicRoutesOptions): Promise<void> {
  const root = resolve(opts.webRoot);
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/public/',
    index: ['index.html'],
    redirect: true,
    dotfiles: 'deny',
    serveDotFiles: false,
    // Temp files of an atomic write are never served.
    allowedPath: (pathName) => !pathName.split('/').some((part) => part.startsWith('.')),
    setHeaders: (res, path) => {
      if (path.endsWith('.atom')) void res.header('content-type', 'application/atom+xml; charset=utf-8');
      if (path.endsWith('.ics')) void res.header('content-type', 'text/calendar; charset=utf-8');
      void res.header('x-content-type-options', 'nosniff');
      void res.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:");
    },
  });
}

export function webRootOf(dataDir: string): string {
  return join(dataDir, 'web');
}

import type { FastifyPluginAsync } from 'fastify';
import adminRoutes from './admin/routes.ts';
import archiveRoutes from './archive/routes.ts';
import homeRoutes from './home/routes.ts';
import type { WebOptions } from './options.ts';
import languageRoutes from './language/routes.ts';
import oidcRoutes from './oidc/routes.ts';
import signInRoutes from './sign-in/routes.ts';
import noticeFormRoutes from './notice-form/routes.ts';
import noticePageRoutes from './notice-page/routes.ts';
import planRoutes from './plan/routes.ts';
import previewRoutes from './previews/routes.ts';

/** Every route module of the web app, registered under /app. Each developer adds their own lines. */
export const webRoutes: readonly FastifyPluginAsync<WebOptions>[] = [
  signInRoutes,
  oidcRoutes,
  languageRoutes,
  homeRoutes,
  adminRoutes,
  archiveRoutes,
  noticeFormRoutes,
  noticePageRoutes,
  planRoutes,
  previewRoutes,
];

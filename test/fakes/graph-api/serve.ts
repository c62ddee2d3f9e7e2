import { loadTenants } from '../../../src/config/tenants.ts';
import { startFakeGraph } from './server.ts';

/**
 * The fake Graph API as a process, for `npm run demo`: one fake Page per configured tenant Page, each
 * with the token `demo-page-token-<slug>`. Posts are shown at http://127.0.0.1:<port>/fake-facebook/.
 *   FAKE_GRAPH_PORT (default 3900), HERALD_CONFIG_DIR (default ./config)
 */
const port = Number(process.env.FAKE_GRAPH_PORT ?? 3900);
const fake = await startFakeGraph({ port });
for (const tenant of loadTenants(process.env.HERALD_CONFIG_DIR ?? './config')) {
  const page = tenant.channels.facebook;
  if (page) fake.addPage(page.pageId, { name: tenant.name, token: `demo-page-token-${tenant.slug}` });
}
process.stderr.write(`fake Graph API on ${fake.url} (Pages: ${fake.origin}/fake-facebook/)\n`);

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

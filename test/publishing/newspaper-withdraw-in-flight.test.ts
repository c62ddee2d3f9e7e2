import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createNewspaperChannel } from '../../src/channels/newspaper/index.ts';
import type { NoticeView } from '../../src/notices/present.ts';
import { publishNewspaperIssue } from '../../src/publishing/newspaper-batch.ts';
import { withdrawPublication } from '../../src/publishing/withdraw.ts';
import type { TenantDirectory } from '../../src/tenancy/directory.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { archiveRecords } from '../helpers/workers.ts';
import { startCuttingProxy, type CuttingProxy } from '../fakes/sftp/cutting-proxy.ts';
import { startSftpServer, type SftpTestServer } from '../fakes/sftp/openssh-server.ts';
import { BEFORE_DEADLINE, DEADLINE, ISSUE, submitNewspaperNotices } from '../channels/newspaper/support.ts';
import { directoryWithSftp, sftpDelivery } from '../channels/newspaper/sftp-tenant.ts';

// A withdrawal that lands while the issue's batch is on its way to the paper (its SFTP upload held
// mid-way by a proxy): the withdrawal drops its pull note into the issue folder and the row ends
// `withdrawn`; then the batch arrives, that ad with it. The ad WAS delivered: the archive must have
// its delivered record and the manifest record must list it, as the manifest itself does.

let t: TestApp;
let server: SftpTestServer;
let proxy: CuttingProxy;
let directory: TenantDirectory;
let now = BEFORE_DEADLINE;

before(async () => {
  server = await startSftpServer();
  proxy = await startCuttingProxy(server.port);
  directory = directoryWithSftp(sftpDelivery(server, { port: proxy.port }));
  t = await buildTestApp({ clock: () => now, directory });
});
after(async () => {
  await proxy.close();
  await server.close();
  await t.close();
});

test('withdrawn while its issue is being sent: the ad is archived as delivered beside the pull note', async () => {
  const comms = await t.key('asnes', 'communications');
  const [gone, kept] = await submitNewspaperNotices(t, comms, 2, 'Sendes');
  assert.ok(gone && kept);
  const clock = () => new Date(DEADLINE.getTime() + 1000);
  const newspaper = createNewspaperChannel({ directoryRoot: join(t.dataDir, 'newspapers'), clock, sftp: { readyTimeoutMs: 5000 } });

  // Held after the SSH handshake, while the ads go up: before any manifest is at the paper.
  const held = proxy.holdNextAfter(8000);
  const sending = publishNewspaperIssue({ pool: t.db.pool, directory, newspaper, leaseMs: 10_000, clock }, kept.publicationId, false);
  await held;
  const folder = join(server.uploadDir, 'asnes', 'glamdalen', ISSUE);
  const manifestsAt = async () => (await readdir(folder).catch(() => [])).filter((f) => /^manifest-.*\.json$/.test(f));
  assert.deepEqual(await manifestsAt(), [], 'the batch is still on its way');

  now = clock();
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/notices/${gone.notice.id}/withdraw`,
    headers: { authorization: `Bearer ${comms}`, 'content-type': 'application/json' },
    payload: { reason: 'Feil dato i kunngjøringen' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const takenDown = await withdrawPublication({ pool: t.db.pool, directory, adapters: new Map([['newspaper', newspaper]]), clock }, gone.publicationId);
  assert.ok(takenDown, 'the pull note went to the paper while the batch was held');

  proxy.release();
  assert.equal((await sending).outcome.kind, 'published');

  const [manifestName] = await manifestsAt();
  assert.ok(manifestName);
  const manifest = JSON.parse(await readFile(join(folder, manifestName), 'utf8')) as { ads: { publicationId: string; pdf: { file: string } }[] };
  assert.deepEqual(manifest.ads.map((a) => a.publicationId).sort(), [gone.publicationId, kept.publicationId].sort(), 'the batch carried both ads');
  const files = await readdir(folder);
  assert.ok(files.includes(`${gone.notice.id}.WITHDRAWN.txt`), files.join(', '));

  const records = await archiveRecords(t.db.pool);
  const ofGone = records.filter((r) => r.publicationId === gone.publicationId);
  assert.deepEqual(ofGone.map((r) => r.event), ['withdrawn', 'delivered'], 'the pull note, then the ad as it reached the paper');
  const pdf = manifest.ads.find((a) => a.publicationId === gone.publicationId)?.pdf.file ?? '';
  assert.ok(ofGone[1]?.content.equals(await readFile(join(folder, pdf))), 'the exact PDF the paper got');
  const batchRecords = records.filter((r) => r.publicationId === null && r.event === 'delivered' && r.receipt?.kind === 'newspaper-batch');
  assert.equal(batchRecords.length, 1);
  assert.deepEqual(((batchRecords[0]?.receipt?.publications ?? []) as string[]).slice().sort(), [gone.publicationId, kept.publicationId].sort(), 'the manifest record lists every ad it carried');
  assert.ok(batchRecords[0]?.content.equals(await readFile(join(folder, manifestName))));

  const { rows } = await t.db.pool.query<{ id: string; state: string; delivered: boolean }>(
    `SELECT id, state, delivered_at IS NOT NULL AS delivered FROM publications WHERE id = ANY($1::uuid[])`,
    [[gone.publicationId, kept.publicationId]],
  );
  assert.deepEqual(new Map(rows.map((r) => [r.id, [r.state, r.delivered]])), new Map([[gone.publicationId, ['withdrawn', true]], [kept.publicationId, ['delivered', true]]]));
  // Handed to the paper before its issue: the paper must be asked to pull it.
  const view = (await t.app.inject({ url: `/v1/notices/${gone.notice.id}`, headers: { authorization: `Bearer ${comms}` } })).json<NoticeView>();
  assert.equal(view.publications.find((p) => p.channel === 'newspaper')?.followUp?.action, 'pull');
});

import { after } from 'node:test';
import { createNewspaperChannel } from '../../../src/channels/newspaper/index.ts';
import { startSftpServer } from '../../fakes/sftp/openssh-server.ts';
import { runConformance } from '../conformance.ts';
import { newspaperTask, paper, tempDir, tenantWith } from './fixtures.ts';
import { sftpDelivery } from './sftp-tenant.ts';

const server = await startSftpServer();
after(() => server.close());
const clock = (): Date => new Date('2030-03-01T11:00:05Z');

runConformance(
  'newspaper (sftp, OpenSSH on loopback)',
  async () => createNewspaperChannel({ directoryRoot: await tempDir(), clock }),
  () => newspaperTask('meeting', tenantWith(paper({}, sftpDelivery(server)))),
);

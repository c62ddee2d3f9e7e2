import { createNewspaperChannel } from '../../../src/channels/newspaper/index.ts';
import { runConformance } from '../conformance.ts';
import { newspaperTask, tempDir } from './fixtures.ts';

const clock = (): Date => new Date('2030-03-01T11:00:05Z');

runConformance(
  'newspaper (directory)',
  async () => createNewspaperChannel({ directoryRoot: await tempDir(), clock }),
  () => newspaperTask('plan-ettersyn'),
);

import { createWebsiteChannel } from '../../../src/channels/website/index.ts';
import { runConformance } from '../conformance.ts';
import { snapshot, task, tempWebRoot } from './fixtures.ts';

const clock = (): Date => new Date('2030-03-02T09:00:00Z');

runConformance(
  'website',
  async () => createWebsiteChannel({ webRoot: await tempWebRoot(), clock }),
  () => task(snapshot('meeting')),
);

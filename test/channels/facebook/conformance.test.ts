import { after, before } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.ts';
import { startFakeGraph, type FakeGraph } from '../../fakes/graph-api/server.ts';
import { runConformance } from '../conformance.ts';
import { facebookSetup, facebookTask } from './fixtures.ts';

// The contract every channel keeps, for Facebook: the real adapter and Page store against the fake Graph API.

let db: TestDatabase;
let fake: FakeGraph;

before(async () => {
  db = await createTestDatabase();
  fake = await startFakeGraph();
});
after(async () => {
  await fake.close();
  await db.drop();
});

runConformance('facebook', async () => (await facebookSetup(db, fake)).adapter, () => facebookTask());

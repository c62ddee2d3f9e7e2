import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CANNOT_TELL, type ChannelAdapter, type PublicationTask, type Receipt } from '../../src/channels/types.ts';

function assertReceipt(value: unknown, what: string): asserts value is Receipt {
  assert.ok(value !== null && typeof value === 'object', `${what}: expected a receipt`);
  const receipt = value as Receipt;
  assert.ok(receipt.at instanceof Date && !Number.isNaN(receipt.at.getTime()), `${what}: receipt.at is a valid Date`);
  assert.ok(receipt.url === null || typeof receipt.url === 'string', `${what}: receipt.url is a string or null`);
}

/**
 * What every channel adapter must do, whatever it talks to (like BullMQ's adapter-conformance suite).
 * `makeAdapter` gives a fresh adapter on a fresh target for each test; `makeTask` a new publication of
 * a new notice each call, so tests never see each other's deliveries.
 */
export function runConformance(name: string, makeAdapter: () => ChannelAdapter | Promise<ChannelAdapter>, makeTask: () => PublicationTask): void {
  describe(`channel conformance: ${name}`, () => {
    test('the adapter is named for the channel it serves', async () => {
      const adapter = await makeAdapter();
      assert.equal(adapter.name, makeTask().channel);
    });

    test('render is deterministic: equal tasks give the same bytes and content type', async () => {
      const adapter = await makeAdapter();
      const task = makeTask();
      const first = await adapter.render(task);
      const second = await adapter.render(structuredClone(task));
      assert.ok(first.bytes.length > 0, 'the artifact has bytes');
      assert.ok(first.contentType.length > 0, 'the artifact has a content type');
      assert.equal(second.contentType, first.contentType);
      assert.ok(second.bytes.equals(first.bytes), 'same bytes on a second render');
    });

    test('findExisting never reports a delivery that did not happen', async () => {
      const adapter = await makeAdapter();
      const task = makeTask();
      const found = await adapter.findExisting(task, await adapter.render(task));
      assert.ok(found === null || found === CANNOT_TELL, 'nothing delivered yet');
    });

    test('deliver, then findExisting finds it (or says it cannot tell; never null)', async () => {
      const adapter = await makeAdapter();
      const task = makeTask();
      const artifact = await adapter.render(task);
      assertReceipt(await adapter.deliver(task, artifact), 'deliver');
      const found = await adapter.findExisting(task, artifact);
      assert.notEqual(found, null, 'a retry after a delivery must not deliver again');
      if (found !== CANNOT_TELL) assertReceipt(found, 'findExisting');
    });

    test('withdraw after deliver answers with a receipt', async () => {
      const adapter = await makeAdapter();
      const task = makeTask();
      const delivered = await adapter.deliver(task, await adapter.render(task));
      assertReceipt(await adapter.withdraw(task, delivered), 'withdraw');
    });
  });
}

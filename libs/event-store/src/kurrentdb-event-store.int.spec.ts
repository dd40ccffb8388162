import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';
import { describeEventStoreContract } from './event-store.contract';
import { openKurrentDbEventStore } from './kurrentdb-open';
import {
  KURRENTDB_IMAGE,
  KURRENTDB_PORT,
  KURRENTDB_SINGLE_NODE_ENV,
  KURRENTDB_STARTUP_TIMEOUT_MS,
  kurrentDbStoreUrl,
} from './test-support/kurrentdb-test-server';

/**
 * The contract suite against a real KurrentDB 25.1 in a container (testcontainers). Without a container
 * runtime the file reports itself skipped, with the reason, in about a second: jest collects tests
 * synchronously, so the runtime is probed once, up front, in a child process (testcontainers' own probe,
 * `getContainerRuntimeClient()`, rejects in milliseconds when there is none).
 */
const runtime = probeContainerRuntime();

if (!runtime.available) {
  process.stderr.write(`KurrentDB integration tests skipped: no container runtime (${runtime.reason})\n`);
  describe.skip(`KurrentDbEventStore on ${KURRENTDB_IMAGE}: skipped, no container runtime (${runtime.reason})`, () => {
    it.skip(`needs Docker or Podman to start ${KURRENTDB_IMAGE}`, () => undefined);
  });
} else {
  jest.setTimeout(60_000);
  let container: StartedTestContainer | undefined;
  let url = '';

  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    container = await new GenericContainer(KURRENTDB_IMAGE)
      .withEnvironment({ ...KURRENTDB_SINGLE_NODE_ENV })
      .withExposedPorts(KURRENTDB_PORT)
      // The image's own HEALTHCHECK (GET /health/live), which docker/compose.yaml waits for too.
      .withWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(KURRENTDB_STARTUP_TIMEOUT_MS)
      .start();
    url = kurrentDbStoreUrl(container.getHost(), container.getMappedPort(KURRENTDB_PORT));
    await untilWritable(url);
  }, KURRENTDB_STARTUP_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await container?.stop();
  }, 60_000);

  describeEventStoreContract(`KurrentDbEventStore on ${KURRENTDB_IMAGE}`, () => openKurrentDbEventStore(url), { atomicBatches: true });

  describe(`KurrentDbEventStore on ${KURRENTDB_IMAGE}`, () => {
    it('finds multi-stream appends, so batches are atomic', async () => {
      const store = await openKurrentDbEventStore(url);
      try {
        expect(store.capabilities).toMatchObject({ atomicBatches: true });
        expect(store.capabilities.serverVersion).toMatch(/^25\.1/);
      } finally {
        await store.close();
      }
    });

    it('feeds the $ce-phone category projection with the simulator’s stream names', async () => {
      const store = await openKurrentDbEventStore(url);
      const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
      const client = KurrentDBClient.connectionString(url);
      try {
        const stream = `phone-${randomUUID().slice(0, 12)}.SEP001122334455`;
        await store.append([{ stream, expectedRevision: 'no_stream', events: [{ id: randomUUID(), type: 'PhoneRegistered', data: { name: 'SEP001122334455' } }] }]);
        const deadline = Date.now() + 30_000;
        let linked = false;
        while (!linked && Date.now() < deadline) {
          try {
            for await (const resolved of client.readStream('$ce-phone', { direction: 'backwards', fromRevision: 'end', maxCount: 200, resolveLinkTos: true })) {
              if (resolved.event?.streamId === stream) linked = true;
            }
          } catch {
            // $ce-phone appears with the first phone event the projection handles
          }
          if (!linked) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(linked).toBe(true);
      } finally {
        await client.dispose();
        await store.close();
      }
    });
  });
}

/** Waits until the node takes writes (it reports healthy a little before it is leader). */
async function untilWritable(storeUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const store = await openKurrentDbEventStore(storeUrl);
      try {
        await store.append([{ stream: `trustsimready-${randomUUID()}`, expectedRevision: 'no_stream', events: [{ id: randomUUID(), type: 'Ready', data: {} }] }]);
        return;
      } finally {
        await store.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Asks testcontainers, in a child process, whether a container runtime answers. */
function probeContainerRuntime(): { available: boolean; reason: string } {
  const script = [
    "require('testcontainers').getContainerRuntimeClient().then(",
    "  () => { process.stdout.write('ok'); process.exit(0); },",
    "  (e) => { process.stdout.write('no:' + String((e && e.message) || e).split('\\n')[0]); process.exit(0); });",
  ].join('\n');
  try {
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..', '..', '..'),
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.startsWith('ok') ? { available: true, reason: '' } : { available: false, reason: out.replace(/^no:/, '') || 'no answer' };
  } catch (error) {
    return { available: false, reason: `the probe failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore, type EventData, type EventStore, type StreamAppend } from '@trustsim/event-store';

export interface AppendRate {
  events: number;
  seconds: number;
  perSecond: number;
}

/**
 * How the benchmark makes event ids: 'ordered' like the simulator's (a run prefix, then a counter), or
 * 'random' UUIDv4s, which cost SQLite's id index far more (every insert lands on a random page).
 */
export type BenchEventIds = 'ordered' | 'random';

/**
 * Times ONE append of `events` small events (JSON of ~150 bytes) spread over `streams` new streams, the
 * shape of a simulation step on a full cluster. Building the batch is not timed. Give it a fresh store:
 * the rate falls as the store grows.
 */
export async function measureAppendRate(
  store: EventStore,
  events: number,
  streams: number,
  ids: BenchEventIds = 'ordered',
): Promise<AppendRate> {
  const batch = stepBatch(events, streams, ids);
  const start = performance.now();
  await store.append(batch);
  const seconds = (performance.now() - start) / 1000;
  return { events, seconds, perSecond: events / seconds };
}

/** `measureAppendRate` on a new SQLite file in a temporary directory, which is removed afterwards. */
export async function measureSqliteAppendRate(
  events: number,
  streams: number,
  ids: BenchEventIds = 'ordered',
): Promise<AppendRate> {
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-append-rate-'));
  try {
    const store = new SqliteEventStore(join(dir, 'append-rate.db'));
    try {
      return await measureAppendRate(store, events, streams, ids);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stepBatch(events: number, streams: number, ids: BenchEventIds): StreamAppend[] {
  const run = randomUUID().replace(/-/g, '').slice(0, 12);
  let counter = 0;
  const nextId = ids === 'random' ? () => randomUUID() : () => orderedId(run, counter++);
  const batch: StreamAppend[] = [];
  for (let s = 0; s < streams; s++) {
    // An even spread; the first streams take the remainder.
    const count = Math.floor(events / streams) + (s < events % streams ? 1 : 0);
    const phone = `SEP${s.toString(16).toUpperCase().padStart(12, '0')}`;
    const stepEvents: EventData[] = [];
    for (let k = 0; k < count; k++) {
      stepEvents.push({
        id: nextId(),
        type: 'TrustListVerified',
        data: {
          phone,
          file: `ITL${phone}.tlv`,
          signer: 'CN=ITLRECOVERY_cucm-pub',
          serial: (s * 31 + k).toString(16).padStart(32, '0'),
          verdict: 'trusted',
        },
        metadata: { run, step: k },
      });
    }
    batch.push({ stream: `phone-${run}.${phone}`, expectedRevision: 'no_stream', events: stepEvents });
  }
  return batch;
}

/** A UUID-shaped id that sorts in creation order within a run, like the simulator's. */
function orderedId(run: string, counter: number): string {
  const c = counter.toString(16).padStart(18, '0');
  return `${run.slice(0, 8)}-${run.slice(8, 12)}-4${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6)}`;
}

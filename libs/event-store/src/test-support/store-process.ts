/**
 * One trustsim process's use of a shared SQLite event store, for sqlite-concurrency.spec.ts. Started with
 * ts-child.js; prints one JSON line with what happened (and `holding`/`released` around a held lock).
 *
 *   hold <file> <ms>                      takes the write lock, writes an event, keeps the lock <ms>, commits
 *   append <file> <prefix> <batches> <events> [busyTimeoutMs]   appends <batches> batches of <events> events
 *   read <file>                           opens the store and counts its events
 *   watch <file> <until-count>            reads the count again and again until it reaches <until-count>
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { EventData } from '../event-store';
import { SqliteEventStore } from '../sqlite-event-store';

const [role, file, ...args] = process.argv.slice(3);
const say = (line: string) => writeSync(1, `${line}\n`); // synchronous: the parent sees it before we block
const report = (result: Record<string, unknown>) => say(JSON.stringify(result));
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

async function count(store: SqliteEventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

function events(n: number, prefix: string): EventData[] {
  return Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'PhoneReset', data: { phone: `${prefix}-${i}`, padding: 'x'.repeat(200) } }));
}

async function main(): Promise<void> {
  const started = Date.now();
  switch (role) {
    case 'hold': {
      // A process in the middle of a long step: the write lock, taken and held as a big append holds it.
      const db = new Database(file);
      db.exec('BEGIN IMMEDIATE');
      const stream = db.prepare('INSERT INTO streams (name) VALUES (?)').run(`held-${process.pid}`).lastInsertRowid;
      db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)').run(randomUUID(), stream, 'Held', '{}', '{}');
      say('holding');
      sleep(Number(args[0]));
      db.exec('COMMIT');
      say('released');
      db.close();
      return;
    }
    case 'append': {
      const [prefix, batches, size, busyTimeoutMs] = args;
      try {
        const store = new SqliteEventStore(file, busyTimeoutMs ? { busyTimeoutMs: Number(busyTimeoutMs) } : {});
        for (let b = 0; b < Number(batches); b++) {
          await store.append([{ stream: `${prefix}-${b}`, expectedRevision: 'no_stream', events: events(Number(size), prefix) }]);
        }
        await store.close();
        report({ ok: true, ms: Date.now() - started });
      } catch (error) {
        report({ ok: false, name: (error as Error).name, message: (error as Error).message, ms: Date.now() - started });
      }
      return;
    }
    case 'read': {
      try {
        const store = new SqliteEventStore(file);
        const n = await count(store);
        await store.close();
        report({ ok: true, count: n, ms: Date.now() - started });
      } catch (error) {
        report({ ok: false, name: (error as Error).name, message: (error as Error).message, ms: Date.now() - started });
      }
      return;
    }
    case 'watch': {
      const until = Number(args[0]);
      const seen: number[] = [];
      try {
        const store = new SqliteEventStore(file);
        while (seen.length === 0 || seen[seen.length - 1] < until) {
          seen.push(await count(store));
          if (Date.now() - started > 120_000) throw new Error(`gave up at ${seen[seen.length - 1]} events`);
        }
        await store.close();
        report({ ok: true, seen, ms: Date.now() - started });
      } catch (error) {
        report({ ok: false, name: (error as Error).name, message: (error as Error).message, seen });
      }
      return;
    }
    default:
      throw new Error(`unknown role ${role}`);
  }
}

void main();

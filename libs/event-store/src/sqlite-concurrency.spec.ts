/**
 * A SQLite store shared by several trustsim processes (issue 13 item 3), tested with real processes
 * (test-support/store-process.ts): opening takes no write lock, readers never wait for a writer (WAL),
 * a writer waits for another writer's lock and, if it gives up, fails in one line naming the file.
 * Order, not timing, is asserted: "the reader answered before the holder let go".
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreBusyError, type EventData } from './event-store';
import { SqliteEventStore } from './sqlite-event-store';

const BOOT = join(__dirname, 'test-support', 'ts-child.js');
const SCRIPT = join(__dirname, 'test-support', 'store-process.ts');
const TIMEOUT = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'trustsim-sqlite-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A store file holding `n` events, closed again: what an earlier run left. */
async function storeWith(n: number): Promise<string> {
  const file = join(dir, `shared-${++files}.db`);
  const store = new SqliteEventStore(file);
  const events: EventData[] = Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Earlier', data: {} }));
  await store.append([{ stream: 'earlier', expectedRevision: 'no_stream', events }]);
  await store.close();
  return file;
}

interface Result {
  ok: boolean;
  name?: string;
  message?: string;
  count?: number;
  seen?: number[];
}

/** Every line any child printed, in the order they arrived: `<name>: <line>`. */
let timeline: string[] = [];
const children: Child[] = [];
beforeEach(() => (timeline = []));
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.stop()));
});

class Child {
  private readonly lines: string[] = [];
  private readonly waiting: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private stderr = '';
  readonly exited: Promise<number | null>;

  private readonly process: ReturnType<typeof spawn>;

  constructor(
    readonly name: string,
    args: string[],
  ) {
    const child = (this.process = spawn(process.execPath, [BOOT, SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: join(__dirname, '../../..') }));
    children.push(this);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        this.lines.push(line);
        timeline.push(`${name}: ${line}`);
        for (const waiter of this.waiting.filter((w) => w.match(line))) {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', resolve));
  }

  /** Resolves with the first line that `match`es (already printed or still to come). */
  line(match: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiting.push({ match, resolve });
      void this.exited.then((code) => reject(new Error(`${this.name} exited (${code}) without the line expected; stderr: ${this.stderr}`)));
    });
  }

  /** Ends this child (a holder whose lock is no longer needed: its transaction rolls back). */
  stop(): Promise<number | null> {
    this.process.kill();
    return this.exited;
  }

  async result(): Promise<Result> {
    return JSON.parse(await this.line((l) => l.startsWith('{'))) as Result;
  }
}

const hold = (file: string, ms: number) => new Child('holder', ['hold', file, String(ms)]);
const indexOf = (entry: string) => timeline.findIndex((line) => line.startsWith(entry));

describe('SQLite store shared by processes', () => {
  it('opening an existing store takes no write lock: it opens and reads while another connection holds one', async () => {
    const file = await storeWith(10);
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      // Before issue 13 every open ran its migration in BEGIN IMMEDIATE and failed here after the timeout.
      const store = new SqliteEventStore(file, { busyTimeoutMs: 100 });
      let n = 0;
      for await (const _ of store.readAll()) n++;
      expect(n).toBe(10);
      await store.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('a reader in another process is not blocked by a writer holding the lock (WAL)', async () => {
    const file = await storeWith(100);
    const holder = hold(file, 10_000);
    await holder.line((l) => l === 'holding');
    const reader = new Child('reader', ['read', file]);
    const read = await reader.result();
    expect(read).toMatchObject({ ok: true, count: 100 }); // the held, uncommitted event is not seen
    expect(indexOf('holder: released')).toBe(-1); // the reader answered while the lock was still held
    await holder.stop();
  }, TIMEOUT);

  it('a writer that meets another writer waits for it, then appends', async () => {
    const file = await storeWith(100);
    const holder = hold(file, 1_500);
    await holder.line((l) => l === 'holding');
    const writer = new Child('writer', ['append', file, 'w', '2', '10']);
    expect(await writer.result()).toMatchObject({ ok: true });
    expect(indexOf('holder: released')).toBeGreaterThanOrEqual(0);
    expect(indexOf('holder: released')).toBeLessThan(indexOf('writer: {'));
    expect(await new Child('reader', ['read', file]).result()).toMatchObject({ ok: true, count: 100 + 1 + 20 });
  }, TIMEOUT);

  it('a writer that gives up says so in one line naming the file (StoreBusyError)', async () => {
    const file = await storeWith(1);
    const holder = hold(file, 10_000);
    await holder.line((l) => l === 'holding');
    const writer = new Child('writer', ['append', file, 'w', '1', '1', '300']);
    const result = await writer.result();
    expect(result).toEqual(expect.objectContaining({ ok: false, name: 'StoreBusyError' }));
    expect(result.message).toBe(`another trustsim process is writing to ${file} (waited 300 ms); try again when it has finished`);
    expect(indexOf('holder: released')).toBe(-1);
    await holder.stop();
  }, TIMEOUT);

  it('two writers at once both store everything, and the file stays intact', async () => {
    const file = await storeWith(100);
    const a = new Child('a', ['append', file, 'a', '30', '200']);
    const b = new Child('b', ['append', file, 'b', '30', '200']);
    expect(await a.result()).toMatchObject({ ok: true });
    expect(await b.result()).toMatchObject({ ok: true });
    expect(await new Child('reader', ['read', file]).result()).toMatchObject({ ok: true, count: 100 + 2 * 30 * 200 });
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, TIMEOUT);

  it('a reader keeps reading while another process appends 40,000-event batches, and sees each batch whole or not at all', async () => {
    const file = await storeWith(100);
    const batches = 3;
    const size = 40_000;
    const watcher = new Child('watcher', ['watch', file, String(100 + batches * size)]);
    const writer = new Child('writer', ['append', file, 'big', String(batches), String(size)]);
    expect(await writer.result()).toMatchObject({ ok: true });
    const watched = await watcher.result();
    expect(watched.ok).toBe(true);
    const seen = watched.seen!;
    expect(seen.every((n) => (n - 100) % size === 0)).toBe(true);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen[seen.length - 1]).toBe(100 + batches * size);
  }, TIMEOUT);

  it('an append that gives up in this process is a StoreBusyError too (the class the CLI reports in one line)', async () => {
    const file = await storeWith(1);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const store = new SqliteEventStore(file, { busyTimeoutMs: 50 });
      const error = await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [{ id: randomUUID(), type: 'T', data: {} }] }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreBusyError);
      expect((error as StoreBusyError).file).toBe(file);
      expect((error as Error).message).not.toContain('\n');
      await store.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

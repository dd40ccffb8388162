import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStore, StoreBusyError, StoreUnavailableError } from './event-store';
import { MemoryEventStore } from './memory-event-store';
import { openEventStore } from './open-event-store';
import { SqliteEventStore } from './sqlite-event-store';

describe('openEventStore', () => {
  let cwd: string;
  const opened: EventStore[] = [];
  const open = async (url?: string) => {
    const store = await openEventStore(url, cwd);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'trustsim-open-store-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(cwd, { recursive: true, force: true });
  });

  it('opens .trustsim/trustsim.db under the working directory by default', async () => {
    const store = await open();
    expect(store).toBeInstanceOf(SqliteEventStore);
    expect((store as SqliteEventStore).file).toBe(join(cwd, '.trustsim', 'trustsim.db'));
    expect(existsSync(join(cwd, '.trustsim', 'trustsim.db'))).toBe(true);
  });

  it('opens memory: in memory', async () => {
    expect(await open('memory:')).toBeInstanceOf(MemoryEventStore);
  });

  it.each([
    ['sqlite:runs/a.db', ['runs', 'a.db']],
    ['runs/b.db', ['runs', 'b.db']],
  ])('opens %s as a SQLite file relative to the working directory', async (url, path) => {
    const store = await open(url);
    expect((store as SqliteEventStore).file).toBe(join(cwd, ...path));
  });

  it('opens an absolute path as it is', async () => {
    const file = join(cwd, 'elsewhere', 'c.db');
    expect(((await open(`sqlite:${file}`)) as SqliteEventStore).file).toBe(file);
  });

  it.each(['kurrentdb://admin:changeit@localhost:2113?tls=false', 'esdb://admin:changeit@localhost:2113'])(
    'refuses %s when no server answers there, without echoing the password',
    async (url) => {
      const error = await open(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).not.toContain('changeit');
    },
  );

  it('refuses an unknown scheme', async () => {
    await expect(open('postgres://db/trustsim')).rejects.toThrow(/unknown event store "postgres:"/);
  });

  it('names a path it cannot open and what to check', async () => {
    writeFileSync(join(cwd, 'file'), '');
    const error = await open('file/trustsim.db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(join(cwd, 'file', 'trustsim.db'));
    expect((error as Error).message).toMatch(/Check that/);
  });
});

describe('openEventStore options', () => {
  it('passes the busy timeout to a SQLite store (an append then waits that long for another writer)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trustsim-open-busy-'));
    const store = await openEventStore('busy.db', cwd, { busyTimeoutMs: 20 });
    const other = new Database(join(cwd, 'busy.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await store.append([{ stream: 's', expectedRevision: 'any', events: [{ id: 'e1', type: 'T', data: {} }] }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreBusyError);
      expect((error as Error).message).toMatch(/^another trustsim process is writing to .*busy\.db \(waited 20 ms\); try again when it has finished$/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendFailedError, EventData, EventStore, ExpectedRevision, RecordedEvent, StoreUnavailableError } from './event-store';
import { describeAppendUnits, describeEventStoreContract, describeUniqueEventIds } from './event-store.contract';
import { PAGE_SQL, READ_STREAM_SQL, selectionPageSql, SqliteEventStore } from './sqlite-event-store';
import { prepareRevision } from './sqlite-known-revisions';

const dir = mkdtempSync(join(tmpdir(), 'trustsim-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const newFile = () => join(dir, `store-${++files}.db`);

describeEventStoreContract('SqliteEventStore', async () => new SqliteEventStore(newFile()));
describeUniqueEventIds('SqliteEventStore', async () => new SqliteEventStore(newFile()));
// The same contract with appends on the writer thread (what `trustsim run` uses).
describeEventStoreContract('SqliteEventStore (writer thread)', async () => new SqliteEventStore(newFile(), { writer: 'thread' }));
describeUniqueEventIds('SqliteEventStore (writer thread)', async () => new SqliteEventStore(newFile(), { writer: 'thread' }));
describeAppendUnits('SqliteEventStore (writer thread)', async () => new SqliteEventStore(newFile(), { writer: 'thread' }));

describe('SqliteEventStore without a writer thread', () => {
  it('offers no append units: a caller appends whole batches', () => {
    const store = new SqliteEventStore(newFile());
    expect(store.beginAppendUnit).toBeUndefined();
    return store.close();
  });
});

describe('SqliteEventStore', () => {
  const open: EventStore[] = [];
  const openStore = (file: string, options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(file, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('leaves no part of a batch that fails halfway in the file', async () => {
    const file = newFile();
    const store = openStore(file);
    await store.append([{ stream: 'before', expectedRevision: 'no_stream', events: [event()] }]);

    const secret = 'SECRET-PRIVATE-KEY-MATERIAL';
    const batch = ['phone-1', 'phone-2', 'phone-3'].map((stream) => ({
      stream,
      expectedRevision: 'no_stream' as const,
      events: Array.from({ length: 100 }, () => event({ secret })),
    }));
    batch[1].events[50] = event({ secret, serial: 2n ** 64n });
    const error = await store.append(batch).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppendFailedError);
    expect((error as AppendFailedError).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(batch[1].events[50].id);
    expect((error as Error).message).not.toContain(secret);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT s.name FROM events e JOIN streams s ON s.id = e.stream').pluck().all()).toEqual(['before']);
      expect(raw.prepare('SELECT name FROM streams').pluck().all()).toEqual(['before']);
    } finally {
      raw.close();
    }
  });

  it('turns a failure inside SQLite into an AppendFailedError and stores nothing', async () => {
    const file = newFile();
    const store = openStore(file);
    // A trigger stands in for a disk or constraint failure on the second stream of the batch.
    const raw = new Database(file);
    raw.exec("CREATE TRIGGER fail BEFORE INSERT ON events WHEN (SELECT name FROM streams WHERE id = NEW.stream) = 'x' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    raw.close();

    const error = await store
      .append([
        { stream: 'y', expectedRevision: 'no_stream', events: [event()] },
        { stream: 'x', expectedRevision: 'no_stream', events: [event()] },
      ])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppendFailedError);
    expect((error as AppendFailedError).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_TRIGGER' });
    expect(await store.streamRevision('y')).toBeUndefined();
    // The stream the batch wrote before failing is still new for the next append.
    withConnection(file, (db) => db.exec('DROP TRIGGER fail'));
    expect((await store.append([{ stream: 'y', expectedRevision: 'no_stream', events: [event()] }])).revisions).toEqual({ y: 0 });
  });

  it('keeps the data across close and reopen', async () => {
    const file = newFile();
    const first = openStore(file);
    const written = await first.append([{ stream: 'cert', expectedRevision: 'no_stream', events: [event({ n: 1 }), event({ n: 2 })] }]);
    await first.close();

    const second = openStore(file);
    expect((await second.readStream('cert')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    const more = await second.append([{ stream: 'cert', expectedRevision: 1, events: [event({ n: 3 })] }]);
    expect(more.revisions).toEqual({ cert: 2 });
    expect(more.position > written.position).toBe(true);
  });

  it('creates the directory of its file and writes ahead (WAL)', async () => {
    const file = join(dir, 'nested', randomUUID(), 'trustsim.db');
    const store = openStore(file);
    await store.append([{ stream: 's', expectedRevision: 'any', events: [event()] }]);
    expect(existsSync(file)).toBe(true);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('page_size', { simple: true })).toBe(16384);
    } finally {
      raw.close();
    }
  });

  it('keeps the page size of a file made before (SQLite sets it only on a new file)', async () => {
    const file = newFile();
    withConnection(file, (db) => {
      db.pragma('page_size = 4096');
      db.exec('CREATE TABLE other (x)');
    });
    const store = openStore(file);
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [event({ n: 1 })] }]);
    expect((await store.readStream('s')).map((e) => e.data)).toEqual([{ n: 1 }]);
    withConnection(file, (db) => expect(db.pragma('page_size', { simple: true })).toBe(4096));
  });

  it('sees what another connection writes: revisions at once, subscriptions by polling', async () => {
    const file = newFile();
    const reader = openStore(file, { pollIntervalMs: 20 });
    const writer = openStore(file);
    const seen: RecordedEvent[] = [];
    await reader.subscribeToAll({}, (e) => {
      seen.push(e);
    });

    await writer.append([{ stream: 's', expectedRevision: 'no_stream', events: [event()] }]);
    expect(await reader.streamRevision('s')).toBe(0);
    await reader.append([{ stream: 's', expectedRevision: 0, events: [event()] }]);
    await writer.append([{ stream: 's', expectedRevision: 1, events: [event()] }]);

    await eventually(() => seen.length === 3);
    expect(seen.map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  // An appender knows the revisions it wrote (sqlite-known-revisions.ts): what another connection commits
  // in between must count, whether it comes first to the file or to a stream.
  for (const writer of ['inline', 'thread'] as const) {
    it(`appends where another connection left a stream, whoever wrote last (${writer} writer)`, async () => {
      const file = newFile();
      const a = openStore(file, { writer });
      const b = openStore(file, { writer });
      const at = (s: string, expectedRevision: ExpectedRevision) => [{ stream: s, expectedRevision, events: [event()] }];

      await a.append(at('s', 'no_stream'));
      await b.append(at('s', 0));
      await b.append(at('t', 'no_stream'));
      expect((await a.append(at('s', 1))).revisions).toEqual({ s: 2 });
      await expect(a.append(at('t', 'no_stream'))).rejects.toMatchObject({ stream: 't', expected: 'no_stream', actual: 0 });
      expect((await a.append(at('s', 'any'))).revisions).toEqual({ s: 3 });
      await expect(b.append(at('s', 1))).rejects.toMatchObject({ stream: 's', expected: 1, actual: 3 });
      expect((await b.append(at('s', 3))).revisions).toEqual({ s: 4 });
      for (let revision = 4; revision < 10; revision += 2) {
        expect((await a.append(at('s', revision))).revisions).toEqual({ s: revision + 1 });
        expect((await b.append(at('s', revision + 1))).revisions).toEqual({ s: revision + 2 });
      }
      expect((await a.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  }

  it('pages filtered reads and subscriptions correctly with small pages', async () => {
    const store = openStore(newFile(), { pageSize: 3 });
    for (let i = 0; i < 5; i++) {
      await store.append(
        ['phone-a', 'cluster', 'phone-b'].map((stream) => ({ stream, expectedRevision: 'any' as const, events: [event({ i }), event({ i })] })),
      );
    }
    const phones = await collect(store.readAll({ streamPrefix: 'phone-' }));
    expect(phones).toHaveLength(20);
    expect(await collect(store.readAll({ streamRegex: '^cluster$' }))).toHaveLength(10);
    expect(await collect(store.readAll({ streamPrefix: 'phone-', after: phones[5].position, maxCount: 7 }))).toEqual(phones.slice(6, 13));

    const seen: RecordedEvent[] = [];
    await store.subscribeToAll({ streamRegex: '^cluster$' }, (e) => {
      seen.push(e);
    });
    await eventually(() => seen.length === 10);
    await store.append([{ stream: 'cluster', expectedRevision: 'any', events: [event()] }]);
    await eventually(() => seen.length === 11);
  });

  it('filters by a prefix that no string is above (only U+10FFFF)', async () => {
    const store = openStore(newFile());
    const top = '\u{10ffff}';
    await store.append([`${top}a`, 'z', top, `z${top}`].map((stream) => ({ stream, expectedRevision: 'any' as const, events: [event()] })));
    const read = await collect(store.readAll({ streamPrefix: top }));
    expect(read.map((e) => e.stream)).toEqual([`${top}a`, top]);
  });

  it('moves a file of schema version 1 (stream names in the events table) to this version, events unchanged', async () => {
    const file = newFile();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    withConnection(file, (db) => {
      db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
        type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision))`);
      const insert = db.prepare('INSERT INTO events (position, id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
      insert.run(3, ids[0], 'phone-b', 0, 'PhoneReset', '{"n":1}', '{}');
      insert.run(5, ids[1], 'phone-a', 0, 'PhoneReset', '{"n":2}', '{"at":"t"}');
      insert.run(9, ids[2], 'phone-b', 1, 'PhoneRegistered', '{"n":3}', '{}');
      db.pragma('user_version = 1');
    });
    const store = openStore(file);
    const all: RecordedEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(all.map((e) => [e.id, e.stream, e.revision, e.type, e.data])).toEqual([
      [ids[0], 'phone-b', 0, 'PhoneReset', { n: 1 }],
      [ids[1], 'phone-a', 0, 'PhoneReset', { n: 2 }],
      [ids[2], 'phone-b', 1, 'PhoneRegistered', { n: 3 }],
    ]);
    expect(all[1].metadata).toEqual({ at: 't' });
    expect(await store.streamRevision('phone-b')).toBe(1);
    // Appends go on where version 1 left each stream; a position is never reused.
    await store.append([{ stream: 'phone-b', expectedRevision: 1, events: [event({ n: 4 })] }]);
    await expect(store.append([{ stream: 'phone-a', expectedRevision: 'no_stream', events: [event()] }])).rejects.toThrow('expected revision');
    const b = await store.readStream('phone-b');
    expect(b.map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
    expect(b[2].position > all[2].position).toBe(true);
    withConnection(file, (db) => expect(db.pragma('user_version', { simple: true })).toBe(2));
  });

  it('reads a stream and its revision through the indexes, and pages through the log by position (query plans)', async () => {
    const file = newFile();
    const store = openStore(file);
    await store.append(['a', 'b'].map((stream) => ({ stream, expectedRevision: 'no_stream' as const, events: [event(), event()] })));
    withConnection(file, (db) => {
      db.function('regexp', (_pattern: unknown, _text: unknown) => 1);
      const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
      for (const sql of [READ_STREAM_SQL, prepareRevision(db).source]) {
        const args = sql === READ_STREAM_SQL ? ['a', 0, 10] : ['a'];
        expect(plan(sql, ...args)).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
      }
      for (const sql of [...Object.values(PAGE_SQL), selectionPageSql('(+s.name >= ? AND +s.name < ?) OR +s.name IN (?, ?)')]) {
        const args = [0, 10, ...Array.from({ length: (sql.match(/\?/g) ?? []).length - 3 }, () => 'a'), 10];
        expect(plan(sql, ...args)).toMatch(/^SEARCH e USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\); SEARCH s USING INTEGER PRIMARY KEY/);
      }
    });
  });

  it('moves a version-1 file of the first builds too (their table of stream revisions is dropped), and says so when moving fails', async () => {
    const version1 = (file: string, extra: string) =>
      withConnection(file, (db) => {
        db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
          type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, revision)); ${extra}`);
        db.prepare("INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, 's', 0, 'E', '{}', '{}')").run(randomUUID());
        db.pragma('user_version = 1');
      });
    const early = newFile();
    version1(early, "CREATE TABLE streams (name TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID; INSERT INTO streams VALUES ('s', 0);");
    const store = openStore(early);
    expect(await store.streamRevision('s')).toBe(0);
    await store.append([{ stream: 's', expectedRevision: 0, events: [event()] }, { stream: 't', expectedRevision: 'no_stream', events: [event()] }]);
    expect((await store.readStream('t')).map((e) => e.stream)).toEqual(['t']);

    const blocked = newFile();
    version1(blocked, 'CREATE TABLE events_v1 (x);');
    expect(() => openStore(blocked)).toThrow(StoreUnavailableError);
    expect(() => openStore(blocked)).toThrow(/schema version 1, which this trustsim moves to version 2 when it opens it, and that failed: .*events_v1/);
    withConnection(blocked, (db) => expect(db.pragma('user_version', { simple: true })).toBe(1));
  });

  it('keeps stream names out of the events table: a writer that stores a name there (an older trustsim) fails', async () => {
    const file = newFile();
    const store = openStore(file);
    await store.append([{ stream: 's', expectedRevision: 'no_stream', events: [event()] }]);
    withConnection(file, (db) => {
      expect(() => db.prepare("INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, 'phone-3', 0, 'E', '{}', '{}')").run(randomUUID())).toThrow(/CHECK constraint failed/);
    });
  });

  it('refuses a file written by a later trustsim (a later schema version), naming both versions', () => {
    const file = newFile();
    withConnection(file, (db) => db.pragma('user_version = 3'));
    expect(() => openStore(file)).toThrow(StoreUnavailableError);
    expect(() => openStore(file)).toThrow('its schema version is 3, this trustsim reads versions up to 2');
  });

  it('refuses a file that is not an event store, naming it', () => {
    const file = newFile();
    writeFileSync(file, 'certificate trust list, not a database'.repeat(100));
    expect(() => openStore(file)).toThrow(StoreUnavailableError);
    expect(() => openStore(file)).toThrow(file);
  });

  it('refuses a path whose directory cannot be created, naming it', () => {
    const blocker = newFile();
    writeFileSync(blocker, '');
    const file = join(blocker, 'sub', 'trustsim.db');
    expect(() => openStore(file)).toThrow(StoreUnavailableError);
    expect(() => openStore(file)).toThrow(`cannot open the SQLite event store at ${file}`);
  });
});

function event(data: unknown = {}): EventData {
  return { id: randomUUID(), type: 'Tested', data };
}

function withConnection(file: string, use: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    use(db);
  } finally {
    db.close();
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

import { randomUUID } from 'node:crypto';
import {
  AppendFailedError,
  EventData,
  EventStore,
  RecordedEvent,
  StoreUnavailableError,
  StreamAppend,
  WrongExpectedRevisionError,
} from './event-store';
import { readAllInPages } from './log-pages';

/** What an adapter declares it can promise, where adapters differ; the suite checks exactly that. */
export interface EventStoreContractOptions {
  /**
   * Whether a batch across streams is all-or-nothing (default true: the local stores, KurrentDB 25.1+).
   * An adapter that appends stream by stream (EventStoreDB/KurrentDB before multi-stream appends) declares
   * false, and the suite then checks its weaker promise instead: the batch stops at the conflicting stream,
   * which gets nothing, and sending the batch again once the conflict is resolved completes it exactly once.
   */
  atomicBatches?: boolean;
}

/**
 * The behaviour every `EventStore` adapter shares, as one jest suite that only uses the port, so an
 * adapter for a server (EventStoreDB) can run it too. Each test writes to streams of its own (a random
 * prefix) and reads `$all` from a position it wrote itself or through that prefix, so the tests do not
 * need an empty store.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>, options: EventStoreContractOptions = {}): void {
  const atomicBatches = options.atomicBatches ?? true;
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    let p: string;

    beforeEach(async () => {
      store = await open();
      p = uniquePrefix();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('append and read', () => {
      it('stores events with revisions from 0 and reads them back in order', async () => {
        const events = [event('CertificateIssued', { cn: 'cucm-pub' }), event('CertificateTrusted', { store: 'tomcat-trust' }, { by: 'test' })];
        const result = await store.append([{ stream: `${p}cert`, expectedRevision: 'no_stream', events }]);

        const read = await store.readStream(`${p}cert`);
        expect(read.map(({ id, stream, revision, type, data, metadata }) => ({ id, stream, revision, type, data, metadata }))).toEqual([
          { id: events[0].id, stream: `${p}cert`, revision: 0, type: 'CertificateIssued', data: { cn: 'cucm-pub' }, metadata: {} },
          { id: events[1].id, stream: `${p}cert`, revision: 1, type: 'CertificateTrusted', data: { store: 'tomcat-trust' }, metadata: { by: 'test' } },
        ]);
        expect(result).toEqual({ revisions: { [`${p}cert`]: 1 }, position: read[1].position });
        expect(read[0].position < read[1].position).toBe(true);
      });

      it('reads an unknown stream as empty, without a revision', async () => {
        expect(await store.readStream(`${p}nothing`)).toEqual([]);
        expect(await store.streamRevision(`${p}nothing`)).toBeUndefined();
      });

      it('reads a stream from a revision, at most maxCount events', async () => {
        await store.append([{ stream: `${p}s`, expectedRevision: 'no_stream', events: range(5).map((i) => event('Counted', { i })) }]);
        const read = await store.readStream(`${p}s`, { fromRevision: 1, maxCount: 3 });
        expect(read.map((e) => [e.revision, e.data])).toEqual([[1, { i: 1 }], [2, { i: 2 }], [3, { i: 3 }]]);
        expect(await store.readStream(`${p}s`, { fromRevision: 5 })).toEqual([]);
      });

      it('tracks the last revision of each stream', async () => {
        await store.append([{ stream: `${p}s`, expectedRevision: 'no_stream', events: [event(), event()] }]);
        expect(await store.streamRevision(`${p}s`)).toBe(1);
        await store.append([{ stream: `${p}s`, expectedRevision: 1, events: [event()] }]);
        expect(await store.streamRevision(`${p}s`)).toBe(2);
      });

      it('an event read cannot change the store: it is a copy, or immutable', async () => {
        await store.append([{ stream: `${p}s`, expectedRevision: 'no_stream', events: [event('Set', { list: [1] })] }]);
        const [first] = await store.readStream(`${p}s`);
        try {
          (first.data as { list: number[] }).list.push(2);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError); // frozen: the local stores hand out one immutable value per payload
        }
        expect((await store.readStream(`${p}s`))[0].data).toEqual({ list: [1] });
      });

      it('stores large payloads', async () => {
        const data = { blob: 'x'.repeat(1024 * 1024), rows: range(2000).map((i) => ({ i, name: `phone ${i}` })) };
        await store.append([{ stream: `${p}big`, expectedRevision: 'no_stream', events: [event('Big', data)] }]);
        expect((await store.readStream(`${p}big`))[0].data).toEqual(data);
      });

      it('keeps unicode in stream names, types, data and metadata', async () => {
        const stream = `${p}téléphone-東京-📞`;
        const data = { cn: 'Ünïcødé 证书 🔐', rtl: 'שלום', combining: 'e\u0301', astral: '𝄞' };
        await store.append([{ stream, expectedRevision: 'no_stream', events: [event('Zertifikat✓', data, { note: '注释' })] }]);
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ stream, type: 'Zertifikat✓', data, metadata: { note: '注释' } });
        expect(await collect(store.readAll({ streamPrefix: `${p}téléphone-東京` }))).toHaveLength(1);
      });

      it('refuses data that is not JSON, storing nothing of the batch', async () => {
        const append = store.append([
          { stream: `${p}a`, expectedRevision: 'no_stream', events: [event()] },
          { stream: `${p}b`, expectedRevision: 'no_stream', events: [event('Bad', { serial: 1n })] },
        ]);
        await expect(append).rejects.toBeInstanceOf(AppendFailedError);
        expect(await store.streamRevision(`${p}a`)).toBeUndefined();
      });
    });

    describe('expected revisions', () => {
      beforeEach(async () => {
        await store.append([{ stream: `${p}one`, expectedRevision: 'no_stream', events: [event(), event()] }]);
      });

      it('a number must be the last revision', async () => {
        await expectConflict(store.append([{ stream: `${p}one`, expectedRevision: 0, events: [event()] }]), `${p}one`, 0, 1);
        await expectConflict(store.append([{ stream: `${p}none`, expectedRevision: 0, events: [event()] }]), `${p}none`, 0, undefined);
        await store.append([{ stream: `${p}one`, expectedRevision: 1, events: [event()] }]);
        expect(await store.streamRevision(`${p}one`)).toBe(2);
      });

      it("'no_stream' needs a stream without events", async () => {
        await expectConflict(store.append([{ stream: `${p}one`, expectedRevision: 'no_stream', events: [event()] }]), `${p}one`, 'no_stream', 1);
        await store.append([{ stream: `${p}new`, expectedRevision: 'no_stream', events: [event()] }]);
        expect(await store.streamRevision(`${p}new`)).toBe(0);
      });

      it("'stream_exists' needs a stream with events", async () => {
        await expectConflict(
          store.append([{ stream: `${p}none`, expectedRevision: 'stream_exists', events: [event()] }]),
          `${p}none`,
          'stream_exists',
          undefined,
        );
        await store.append([{ stream: `${p}one`, expectedRevision: 'stream_exists', events: [event()] }]);
        expect(await store.streamRevision(`${p}one`)).toBe(2);
      });

      it("'any' accepts a stream in any state", async () => {
        await store.append([
          { stream: `${p}one`, expectedRevision: 'any', events: [event()] },
          { stream: `${p}fresh`, expectedRevision: 'any', events: [event()] },
        ]);
        expect([await store.streamRevision(`${p}one`), await store.streamRevision(`${p}fresh`)]).toEqual([2, 0]);
      });
    });

    describe('batches across streams', () => {
      it('appends every stream of a batch, in batch order', async () => {
        const result = await store.append([
          { stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A1'), event('A2')] },
          { stream: `${p}b`, expectedRevision: 'no_stream', events: [event('B1')] },
        ]);
        expect(result.revisions).toEqual({ [`${p}a`]: 1, [`${p}b`]: 0 });
        const all = await collect(store.readAll({ streamPrefix: p }));
        expect(all.map((e) => e.type)).toEqual(['A1', 'A2', 'B1']);
        expect(result.position).toBe(all[2].position);
      });

      if (atomicBatches) it('a conflict on the third stream leaves the first and second untouched', async () => {
        await store.append([
          { stream: `${p}first`, expectedRevision: 'no_stream', events: [event()] },
          { stream: `${p}third`, expectedRevision: 'no_stream', events: [event(), event()] },
        ]);
        const before = await collect(store.readAll({ streamPrefix: p }));

        const append = store.append([
          { stream: `${p}first`, expectedRevision: 0, events: [event(), event()] },
          { stream: `${p}second`, expectedRevision: 'no_stream', events: [event()] },
          { stream: `${p}third`, expectedRevision: 0, events: [event()] },
        ]);

        await expectConflict(append, `${p}third`, 0, 1);
        expect(await store.streamRevision(`${p}first`)).toBe(0);
        expect(await store.streamRevision(`${p}second`)).toBeUndefined();
        expect(await collect(store.readAll({ streamPrefix: p }))).toEqual(before);
      });

      if (atomicBatches) it('after a batch that failed, the next append finds its streams where they were, not where the batch would have put them', async () => {
        await store.append([
          { stream: `${p}first`, expectedRevision: 'no_stream', events: [event()] },
          { stream: `${p}third`, expectedRevision: 'no_stream', events: [event()] },
        ]);
        await expectConflict(
          store.append([
            { stream: `${p}first`, expectedRevision: 0, events: [event(), event()] },
            { stream: `${p}second`, expectedRevision: 'no_stream', events: [event()] },
            { stream: `${p}third`, expectedRevision: 5, events: [event()] },
          ]),
          `${p}third`,
          5,
          0,
        );

        const result = await store.append([
          { stream: `${p}first`, expectedRevision: 0, events: [event()] },
          { stream: `${p}second`, expectedRevision: 'no_stream', events: [event()] },
        ]);
        expect(result.revisions).toEqual({ [`${p}first`]: 1, [`${p}second`]: 0 });
        await store.append([{ stream: `${p}first`, expectedRevision: 'any', events: [event()] }]);
        expect((await store.readStream(`${p}first`)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      if (!atomicBatches) {
        it('without atomic batches: a conflict on the third stream stops the batch there, and sending it again once resolved completes it exactly once', async () => {
          const setup: StreamAppend[] = [
            { stream: `${p}first`, expectedRevision: 'no_stream', events: [event()] },
            { stream: `${p}third`, expectedRevision: 'no_stream', events: [event(), event()] },
          ];
          await store.append(setup);
          const batch: StreamAppend[] = [
            { stream: `${p}first`, expectedRevision: 0, events: [event(), event()] },
            { stream: `${p}second`, expectedRevision: 'no_stream', events: [event()] },
            { stream: `${p}third`, expectedRevision: 0, events: [event()] },
          ];

          await expectConflict(store.append(batch), `${p}third`, 0, 1);
          // Streams are written in batch order: those before the conflict are, the conflicting one is not.
          expect(await store.streamRevision(`${p}first`)).toBe(2);
          expect(await store.streamRevision(`${p}second`)).toBe(0);
          expect(await store.streamRevision(`${p}third`)).toBe(1);

          const resolved = batch.map((append) => (append.stream === `${p}third` ? { ...append, expectedRevision: 1 } : append));
          const result = await store.append(resolved);
          expect(result.revisions).toEqual({ [`${p}first`]: 2, [`${p}second`]: 0, [`${p}third`]: 2 });
          const all = await collect(store.readAll({ streamPrefix: p }));
          expect(all.map((e) => e.id)).toEqual([...setup, ...batch].flatMap((append) => append.events.map((e) => e.id)));
          expect(result.position).toBe(all[all.length - 1].position);
        });
      }

      it('stores a batch above 1 MiB whole, in batch order, and once when it is sent again', async () => {
        // Above the 1 MiB a KurrentDB server takes in one append: an adapter for it has to split it safely.
        const blob = 'x'.repeat(2000);
        const sizes: Record<string, number> = { a: 300, b: 900, c: 300 };
        const batch = Object.entries(sizes).map(([s, n]) => ({
          stream: `${p}${s}`,
          expectedRevision: 'no_stream' as const,
          events: range(n).map((i) => event('Chunky', { i, blob })),
        }));

        const first = await store.append(batch);
        expect(first.revisions).toEqual({ [`${p}a`]: 299, [`${p}b`]: 899, [`${p}c`]: 299 });
        const all = await collect(store.readAll({ streamPrefix: p }));
        expect(all.map((e) => e.id)).toEqual(batch.flatMap((append) => append.events.map((e) => e.id)));
        expect(all.map((e) => e.revision)).toEqual(batch.flatMap((append) => append.events.map((_, i) => i)));
        expect(first.position).toBe(all[all.length - 1].position);

        expect(await store.append(batch)).toEqual(first);
        expect(await collect(store.readAll({ streamPrefix: p }))).toHaveLength(1500);
      });
    });

    describe('idempotent retries', () => {
      it('a batch retried with the same ids is stored once', async () => {
        const batch = [
          { stream: `${p}a`, expectedRevision: 'no_stream' as const, events: [event(), event()] },
          { stream: `${p}b`, expectedRevision: 'no_stream' as const, events: [event()] },
        ];
        const first = await store.append(batch);
        const retry = await store.append(batch);
        expect(retry).toEqual(first);
        expect(await collect(store.readAll({ streamPrefix: p }))).toHaveLength(3);
      });

      it("a retry with 'any' is stored once", async () => {
        const batch = [{ stream: `${p}a`, expectedRevision: 'any' as const, events: [event(), event()] }];
        const first = await store.append(batch);
        expect(await store.append(batch)).toEqual(first);
        expect(await store.readStream(`${p}a`)).toHaveLength(2);
      });

      it('a retry succeeds after the stream has moved on', async () => {
        const original = [{ stream: `${p}a`, expectedRevision: 'no_stream' as const, events: [event('First')] }];
        const first = await store.append(original);
        await store.append([{ stream: `${p}a`, expectedRevision: 0, events: [event('Second')] }]);
        expect(await store.append(original)).toEqual(first);
        expect((await store.readStream(`${p}a`)).map((e) => e.type)).toEqual(['First', 'Second']);
      });

      it('after a retry, the stream goes on from its last revision, not from the retried one', async () => {
        const original = [{ stream: `${p}a`, expectedRevision: 'no_stream' as const, events: [event('First')] }];
        await store.append(original);
        await store.append([{ stream: `${p}a`, expectedRevision: 0, events: [event('Second')] }]);
        expect((await store.append(original)).revisions).toEqual({ [`${p}a`]: 0 });

        await expectConflict(store.append([{ stream: `${p}a`, expectedRevision: 0, events: [event('Again')] }]), `${p}a`, 0, 1);
        expect((await store.append([{ stream: `${p}a`, expectedRevision: 1, events: [event('Third')] }])).revisions).toEqual({ [`${p}a`]: 2 });
        await store.append([{ stream: `${p}a`, expectedRevision: 'any', events: [event('Fourth')] }]);
        expect((await store.readStream(`${p}a`)).map((e) => [e.revision, e.type])).toEqual([
          [0, 'First'],
          [1, 'Second'],
          [2, 'Third'],
          [3, 'Fourth'],
        ]);
      });
    });

    describe('readAll', () => {
      it('reads every stream in commit order, with positions that compare in that order', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        await store.append([{ stream: `${p}a`, expectedRevision: 'any', events: [event('A1')] }]);
        await store.append([{ stream: `${p}b`, expectedRevision: 'any', events: [event('B1'), event('B2')] }]);
        await store.append([{ stream: `${p}a`, expectedRevision: 'any', events: [event('A2')] }]);

        const all = await collect(store.readAll({ after: start }));
        expect(all.map((e) => `${e.stream.slice(p.length)}:${e.type}`)).toEqual(['a:A1', 'b:B1', 'b:B2', 'a:A2']);
        for (let i = 1; i < all.length; i++) expect(all[i - 1].position < all[i].position).toBe(true);
      });

      it('pages through a long log with after and maxCount', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        for (const batch of range(3)) {
          await store.append(
            ['x', 'y', 'z'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'any' as const, events: range(250).map((i) => event('N', { batch, i })) })),
          );
        }
        // More than one page of the local stores (2,000 events).
        const all = await collect(store.readAll({ after: start }));
        expect(all).toHaveLength(2250);

        const paged: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await collect(store.readAll({ after, maxCount: 600 }));
          if (page.length === 0) break;
          paged.push(...page);
          after = page[page.length - 1].position;
        }
        expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
        expect(await collect(store.readAll({ after: all[all.length - 1].position }))).toEqual([]);
      });

      it('reads up to a position (to, inclusive), filtered or not, across pages', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        await store.append(['u', 'v'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'any' as const, events: range(1500).map((i) => event('N', { i })) })));
        const all = await collect(store.readAll({ after: start }));
        const to = all[2499].position;
        expect((await collect(store.readAll({ after: start, to }))).map((e) => e.id)).toEqual(all.slice(0, 2500).map((e) => e.id));
        const onlyV = await collect(store.readAll({ after: start, to, streamRegex: `^${p}v$` }));
        expect(onlyV.map((e) => e.id)).toEqual(all.slice(1500, 2500).map((e) => e.id));
        expect(await collect(store.readAll({ after: to, to }))).toEqual([]);
        expect(await collect(store.readAll({ after: start, to: all[0].position, maxCount: 5 }))).toHaveLength(1);
      });

      it('filters by stream prefix', async () => {
        await store.append(
          ['phone-1', 'cluster-1', 'phone-2', 'phones'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'no_stream' as const, events: [event()] })),
        );
        const read = await collect(store.readAll({ streamPrefix: `${p}phone-` }));
        expect(read.map((e) => e.stream.slice(p.length))).toEqual(['phone-1', 'phone-2']);
      });

      it('filters by a prefix that ends in any character, astral ones included', async () => {
        const names = ['tel-📞-1', 'tel-📟', 'tel-📞', 'tel-\uffff', 'tel-\ud7ff', 'tel-📞-2'];
        await store.append(names.map((s) => ({ stream: `${p}${s}`, expectedRevision: 'no_stream' as const, events: [event()] })));
        const read = await collect(store.readAll({ streamPrefix: `${p}tel-📞` }));
        expect(read.map((e) => e.stream.slice(p.length))).toEqual(['tel-📞-1', 'tel-📞', 'tel-📞-2']);
        expect(await collect(store.readAll({ streamPrefix: `${p}tel-\ud7ff` }))).toHaveLength(1);
      });

      it('filters by stream regex', async () => {
        await store.append(
          ['phone-1', 'cluster-1', 'phone-2', 'cluster-22'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'no_stream' as const, events: [event()] })),
        );
        const read = await collect(store.readAll({ streamRegex: `^${p}(phone|cluster)-1$` }));
        expect(read.map((e) => e.stream.slice(p.length))).toEqual(['phone-1', 'cluster-1']);
      });

      it('filters by a selection of names and prefixes, in commit order, taking names literally', async () => {
        const names = ['phone-1', 'cluster-1', 'phone-12', 'cluster-12', 'cluster-1.a', 'phones', 'run-(x).y', 'run-(x)Zy', 'run-(x).y.z'];
        await store.append(names.map((s) => ({ stream: `${p}${s}`, expectedRevision: 'no_stream' as const, events: [event()] })));
        const read = await collect(store.readAll({ streams: { names: [`${p}cluster-1`, `${p}run-(x).y`], prefixes: [`${p}phone-1`, `${p}cluster-1.`] } }));
        expect(read.map((e) => e.stream.slice(p.length))).toEqual(['phone-1', 'cluster-1', 'phone-12', 'cluster-1.a', 'run-(x).y']);
        expect(await collect(store.readAll({ streams: { prefixes: [`${p}run-(x).`] } }))).toHaveLength(2);
        expect(await collect(store.readAll({ streams: {} }))).toEqual([]);
      });

      it('refuses two filters together', async () => {
        await expect(collect(store.readAll({ streamPrefix: p, streamRegex: '.' }))).rejects.toThrow();
        await expect(collect(store.readAll({ streamRegex: '.', streams: { prefixes: [p] } }))).rejects.toThrow();
      });

      it('hands out the same events a page at a time (readAllInPages), with or without a filter', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        await store.append(['u', 'v'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'any' as const, events: range(1500).map((i) => event('N', { i })) })));
        for (const options of [{ after: start }, { after: start, streams: { names: [`${p}v`] } }, { after: start, maxCount: 2100 }]) {
          const events = await collect(store.readAll(options));
          const pages: (readonly RecordedEvent[])[] = [];
          for await (const page of readAllInPages(store, options)) pages.push(page);
          expect(pages.every((page) => page.length > 0)).toBe(true);
          expect(pages.flat().map((e) => e.id)).toEqual(events.map((e) => e.id));
        }
      });

      it('refuses a position it did not hand out', async () => {
        await expect(collect(store.readAll({ after: 'not a position' }))).rejects.toThrow();
      });
    });

    describe('subscribeToAll', () => {
      let subscription: { close(): Promise<void> } | undefined;
      afterEach(async () => {
        await subscription?.close();
        subscription = undefined;
      });

      it('delivers the stored events, then live ones, in commit order and once each', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        await store.append([{ stream: `${p}a`, expectedRevision: 'any', events: [event('Stored1'), event('Stored2')] }]);
        const seen: RecordedEvent[] = [];
        subscription = await store.subscribeToAll({ after: start }, (e) => {
          seen.push(e);
        });
        await eventually(() => seen.length === 2);

        await store.append([{ stream: `${p}b`, expectedRevision: 'any', events: [event('Live1')] }]);
        await store.append([{ stream: `${p}a`, expectedRevision: 'any', events: [event('Live2'), event('Live3')] }]);
        await eventually(() => seen.length === 5);
        await pause(50);

        expect(seen.map((e) => e.type)).toEqual(['Stored1', 'Stored2', 'Live1', 'Live2', 'Live3']);
        const all = await collect(store.readAll({ after: start }));
        expect(seen).toEqual(all);
      });

      it('delivers only the streams its regex matches', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        const seen: string[] = [];
        subscription = await store.subscribeToAll({ after: start, streamRegex: `^${p}phone-` }, (e) => {
          seen.push(e.stream.slice(p.length));
        });
        await store.append(['cluster-1', 'phone-1', 'phone-2'].map((s) => ({ stream: `${p}${s}`, expectedRevision: 'any' as const, events: [event()] })));
        await eventually(() => seen.length === 2);
        expect(seen).toEqual(['phone-1', 'phone-2']);
      });

      it('awaits an async handler before delivering the next event', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        let running = 0;
        let overlapped = false;
        const seen: number[] = [];
        subscription = await store.subscribeToAll({ after: start }, async (e) => {
          overlapped ||= running > 0;
          running += 1;
          await pause(2);
          seen.push((e.data as { i: number }).i);
          running -= 1;
        });
        for (const i of range(6)) {
          await store.append([{ stream: `${p}s`, expectedRevision: 'any', events: [event('N', { i })] }]);
        }
        await eventually(() => seen.length === 6);
        expect(seen).toEqual(range(6));
        expect(overlapped).toBe(false);
      });

      it('delivers nothing more once closed, even when closed from its own handler', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        await store.append([{ stream: `${p}s`, expectedRevision: 'any', events: [event(), event(), event()] }]);
        const seen: RecordedEvent[] = [];
        const own = await store.subscribeToAll({ after: start }, async (e) => {
          seen.push(e);
          await own.close();
        });
        await eventually(() => seen.length === 1);
        await store.append([{ stream: `${p}s`, expectedRevision: 'any', events: [event()] }]);
        await pause(50);
        expect(seen).toHaveLength(1);
      });

      it('reports a failing handler to onError and stops', async () => {
        const { position: start } = await store.append([{ stream: `${p}marker`, expectedRevision: 'any', events: [event()] }]);
        const failure = new Error('projection failed');
        const errors: unknown[] = [];
        let calls = 0;
        subscription = await store.subscribeToAll(
          { after: start, onError: (error) => errors.push(error) },
          () => {
            calls += 1;
            throw failure;
          },
        );
        await store.append([{ stream: `${p}s`, expectedRevision: 'any', events: [event(), event()] }]);
        await eventually(() => errors.length === 1);
        await pause(50);
        expect(errors).toEqual([failure]);
        expect(calls).toBe(1);
      });
    });

    it('closes once; later calls reject with StoreUnavailableError', async () => {
      await store.close();
      await store.close();
      await expect(store.readStream(`${p}s`)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.append([{ stream: `${p}s`, expectedRevision: 'any', events: [event()] }])).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    });
  });
}

/**
 * What the local stores (memory, SQLite) add to the contract: one id names one event in the whole
 * store. EventStoreDB checks ids only where a retry would put them, so it does not run this suite.
 */
export function describeUniqueEventIds(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} (unique event ids)`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('refuses an id already stored in another stream, storing nothing of the batch', async () => {
      const taken = event();
      await store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [taken] }]);
      const append = store.append([
        { stream: 'c', expectedRevision: 'no_stream', events: [event()] },
        { stream: 'b', expectedRevision: 'no_stream', events: [taken] },
      ]);
      await expect(append).rejects.toThrow(AppendFailedError);
      await expect(append).rejects.toThrow(/already stored in stream a at revision 0/);
      expect(await store.streamRevision('c')).toBeUndefined();
    });

    it('refuses a retry whose later events differ', async () => {
      const [e1, e2] = [event(), event()];
      await store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [e1, e2] }]);
      await expect(store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [e1, event()] }])).rejects.toThrow(
        AppendFailedError,
      );
      expect(await store.streamRevision('a')).toBe(1);
    });

    it('refuses events already stored at another place of the stream', async () => {
      const e1 = event();
      await store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [e1] }]);
      await store.append([{ stream: 'a', expectedRevision: 0, events: [event()] }]);
      await expect(store.append([{ stream: 'a', expectedRevision: 1, events: [e1] }])).rejects.toThrow(AppendFailedError);
      expect(await store.streamRevision('a')).toBe(1);
    });

    it('refuses an id twice in one batch', async () => {
      const twice = event();
      await expect(store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [event(), twice, twice] }])).rejects.toThrow(
        AppendFailedError,
      );
      expect(await store.streamRevision('a')).toBeUndefined();
    });
  });
}

function event(type = 'Tested', data: unknown = {}, metadata?: Record<string, unknown>): EventData {
  return { id: randomUUID(), type, data, ...(metadata && { metadata }) };
}

function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}-`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function expectConflict(
  append: Promise<unknown>,
  stream: string,
  expected: WrongExpectedRevisionError['expected'],
  actual: number | undefined,
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ stream, expected, actual });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `condition` holds (checked every few ms), failing after `timeoutMs`. */
async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(5);
  }
}

/**
 * What a store that takes one transaction in parts (EventStore.beginAppendUnit: SQLite with its writer
 * thread) promises: the parts and the commit are one append — all of it or none of it, expected revisions
 * counting the parts before — and other appends on the store are neither caught in a unit nor lost with it.
 */
export function describeAppendUnits(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} (append units)`, () => {
    let store: EventStore;
    let p: string;
    beforeEach(async () => {
      store = await open();
      p = uniquePrefix();
    });
    afterEach(async () => {
      await store.close();
    });
    const types = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

    it('stores the parts and the commit as one append: nothing before the commit, everything after, a stream across parts at its revisions', async () => {
      const unit = store.beginAppendUnit!();
      unit.part([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0'), event('A1')] }]);
      unit.part([{ stream: `${p}a`, expectedRevision: 1, events: [event('A2')] }, { stream: `${p}b`, expectedRevision: 'no_stream', events: [event('B0')] }]);
      expect(await types(`${p}a`)).toEqual([]);
      const result = await unit.commit([{ stream: `${p}c`, expectedRevision: 'no_stream', events: [event('C0')] }]);
      expect(await types(`${p}a`)).toEqual(['A0', 'A1', 'A2']);
      expect(await types(`${p}b`)).toEqual(['B0']);
      expect(result.revisions).toEqual({ [`${p}a`]: 2, [`${p}b`]: 0, [`${p}c`]: 0 });
      expect(result.position).toBe((await store.readStream(`${p}c`))[0].position);
    });

    it('fails whole when a part is at the wrong revision: the commit rejects with it and nothing is stored', async () => {
      await store.append([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      const unit = store.beginAppendUnit!();
      unit.part([{ stream: `${p}b`, expectedRevision: 'no_stream', events: [event('B0')] }]);
      unit.part([{ stream: `${p}a`, expectedRevision: 5, events: [event('A1')] }]);
      await expect(unit.commit([{ stream: `${p}c`, expectedRevision: 'no_stream', events: [event('C0')] }])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect([await types(`${p}a`), await types(`${p}b`), await types(`${p}c`)]).toEqual([['A0'], [], []]);
    });

    it('fails whole on a part that is not JSON, naming the event', async () => {
      const unit = store.beginAppendUnit!();
      const bad = { ...event('Bad'), data: { n: BigInt(1) } };
      unit.part([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      unit.part([{ stream: `${p}b`, expectedRevision: 'no_stream', events: [bad] }]);
      await expect(unit.commit([])).rejects.toThrow(new RegExp(`${p}b: the data of event ${bad.id} \\(Bad\\) is not JSON-serializable`));
      expect(await types(`${p}a`)).toEqual([]);
    });

    it('drops an abandoned unit; an append made meanwhile waits for it and is kept', async () => {
      const unit = store.beginAppendUnit!();
      unit.part([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      const other = store.append([{ stream: `${p}other`, expectedRevision: 'no_stream', events: [event('O0')] }]);
      unit.abandon();
      await other;
      expect(await types(`${p}a`)).toEqual([]);
      expect(await types(`${p}other`)).toEqual(['O0']);
      await store.append([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      expect(await types(`${p}a`)).toEqual(['A0']);
    });

    it('keeps an append made while a unit is open out of the unit: it lands after the commit, and a failed unit does not take it along', async () => {
      const unit = store.beginAppendUnit!();
      unit.part([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      const other = store.append([{ stream: `${p}other`, expectedRevision: 'no_stream', events: [event('O0')] }]);
      await expect(unit.commit([{ stream: `${p}a`, expectedRevision: 7, events: [event('A1')] }])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const result = await other;
      expect(await types(`${p}a`)).toEqual([]);
      expect((await store.readStream(`${p}other`))[0].position).toBe(result.position);
    });

    it('after a unit that failed or was abandoned, the next append finds its streams where they were, not where the unit would have put them', async () => {
      await store.append([{ stream: `${p}a`, expectedRevision: 'no_stream', events: [event('A0')] }]);
      const failed = store.beginAppendUnit!();
      failed.part([{ stream: `${p}a`, expectedRevision: 0, events: [event('A1'), event('A2')] }, { stream: `${p}b`, expectedRevision: 'no_stream', events: [event('B0')] }]);
      await expect(failed.commit([{ stream: `${p}c`, expectedRevision: 3, events: [event('C0')] }])).rejects.toBeInstanceOf(WrongExpectedRevisionError);

      const abandoned = store.beginAppendUnit!();
      abandoned.part([{ stream: `${p}a`, expectedRevision: 0, events: [event('A1')] }]);
      abandoned.abandon();

      const result = await store.append([
        { stream: `${p}a`, expectedRevision: 0, events: [event('A1')] },
        { stream: `${p}b`, expectedRevision: 'no_stream', events: [event('B0')] },
      ]);
      expect(result.revisions).toEqual({ [`${p}a`]: 1, [`${p}b`]: 0 });
      const unit = store.beginAppendUnit!();
      unit.part([{ stream: `${p}a`, expectedRevision: 1, events: [event('A2')] }]);
      expect((await unit.commit([{ stream: `${p}b`, expectedRevision: 0, events: [event('B1')] }])).revisions).toEqual({ [`${p}a`]: 2, [`${p}b`]: 1 });
      expect([await types(`${p}a`), await types(`${p}b`)]).toEqual([['A0', 'A1', 'A2'], ['B0', 'B1']]);
    });
  });
}

import fc from 'fast-check';
import { prepareBatch } from './append-batch';
import type { StreamAppend } from './event-store';
import { fromWire, toWire, transferred } from './sqlite-writer-protocol';

/**
 * A batch crosses to the SQLite writer thread as one UTF-8 buffer and tables of indexes: what arrives must
 * be exactly what an append on the store's own connection would have written (prepareBatch), whatever the
 * text — ASCII or not, in chunks or across them.
 */
describe('the writer thread wire format', () => {
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const append = fc.record({
    stream: fc.string({ minLength: 1, maxLength: 8 }),
    expectedRevision: fc.oneof(fc.constant('any' as const), fc.constant('no_stream' as const), fc.nat(5)),
    events: fc.array(
      fc.record({
        id: fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }),
        type: fc.string({ minLength: 1, maxLength: 6 }),
        data: fc.oneof(text, fc.dictionary(text, fc.oneof(text, fc.integer()), { maxKeys: 3 })),
        metadata: fc.option(fc.dictionary(text, text, { maxKeys: 2 }), { nil: undefined }),
      }),
      { maxLength: 700 },
    ),
  });

  it('gives the writer what an append on the store\'s own connection would write, for any text', () => {
    fc.assert(
      fc.property(fc.array(append, { maxLength: 4 }), (batch) => {
        const wire = structuredClone(toWire(batch as StreamAppend[]));
        expect([...fromWire(wire)]).toEqual(prepareBatch(batch as StreamAppend[]));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps ids and data whole across chunks, with characters of every width', () => {
    const events = Array.from({ length: 1500 }, (_, i) => ({ id: i % 3 ? `id-${i}` : `é-${i}-😀`, type: i % 2 ? 'A' : 'Bé', data: { n: i, s: 'x'.repeat(i % 50) + (i % 7 ? '' : '\u{1F600}') }, metadata: { at: 'now' } }));
    const batch: StreamAppend[] = [{ stream: 'phone-1', expectedRevision: 'no_stream', events }];
    const wire = toWire(batch);
    expect([...fromWire(structuredClone(wire, { transfer: transferred(wire) }))]).toEqual(prepareBatch(batch));
  });

  it('fails as an append would on data that is not JSON, naming the event', () => {
    const bad = { id: 'e1', type: 'T', data: { n: BigInt(1) } };
    expect(() => toWire([{ stream: 's', expectedRevision: 'any', events: [bad] }])).toThrow('stream s: the data of event e1 (T) is not JSON-serializable');
  });
});

import { randomUUID } from 'node:crypto';
import { MemoryEventStore, type RecordedEvent, type StreamSelection } from '@trustsim/event-store';
import { onePhoneStreams, parseStream, runStreams, streamName } from './streams';

/** The streams a selection reads from a store holding `streams`, one event each, in that order. */
async function selected(streams: string[], selection: StreamSelection): Promise<string[]> {
  const store = new MemoryEventStore();
  await store.append(streams.map((stream) => ({ stream, expectedRevision: 'no_stream' as const, events: [{ id: randomUUID(), type: 'E', data: {} }] })));
  const read: RecordedEvent[] = [];
  for await (const e of store.readAll({ streams: selection })) read.push(e);
  await store.close();
  return read.map((e) => e.stream);
}

describe("a run's streams (what a fold reads)", () => {
  // Run "ab" beside run "abc", whose id starts with it: no stream of the one may leak into the other.
  const log = [
    'run-ab', 'run-abc', 'clock-ab', 'frames-abc', 'cluster-ab.hq', 'cluster-abc.hq', 'node-ab.hq.pub',
    'phone-ab.SEP001', 'phone-abc.SEP001', 'phone-ab.SEP0011', 'tvs-ab.hq.sub1', 'phones-ab', 'other',
  ];

  it('selects every stream of the run and none of another run whose id extends it', async () => {
    expect(await selected(log, runStreams('ab'))).toEqual(['run-ab', 'clock-ab', 'cluster-ab.hq', 'node-ab.hq.pub', 'phone-ab.SEP001', 'phone-ab.SEP0011', 'tvs-ab.hq.sub1']);
    expect(await selected(log, runStreams('abc'))).toEqual(['run-abc', 'frames-abc', 'cluster-abc.hq', 'phone-abc.SEP001']);
  });

  it('selects one phone with the cluster side and run level, not its neighbours', async () => {
    expect(await selected(log, onePhoneStreams('ab', 'SEP001'))).toEqual(['run-ab', 'clock-ab', 'cluster-ab.hq', 'node-ab.hq.pub', 'phone-ab.SEP001', 'tvs-ab.hq.sub1']);
  });

  it('selects exactly the streams that read back as the run\'s', async () => {
    const ours = log.filter((s) => parseStream(s)?.runId === 'ab');
    expect(await selected(log, runStreams('ab'))).toEqual(ours);
    expect(ours).toContain(streamName('phone', 'ab', 'SEP001'));
  });
});

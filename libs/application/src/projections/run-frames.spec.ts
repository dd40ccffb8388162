import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EventStore } from '@trustsim/event-store';
import { CompactRunState, RunPhoneOrder, RunPhoneOrderQuery, RunStateQuery } from '../queries/run-state.query';
import { createTestApp, runScenario } from '../test-support/test-app';
import { EVENT_STORE } from '../tokens';
import { framesStream } from '../engine/streams';
import { foldRunFrames, readRunFrames, STATUS_CODES } from './run-frames';
import { StoredRuns } from './stored-runs';

/**
 * The studio's compact state after step N is the fold `show --at N` makes: for every step of a run (and
 * of a fork, before and after its fork point), each phone's status character is its outcome's status.
 */
describe('run frames: the state after each step, one character per phone', () => {
  let app: INestApplicationContext;
  let store: EventStore;
  beforeAll(async () => {
    app = await createTestApp();
    store = app.get(EVENT_STORE);
  });
  afterAll(() => app.close());

  async function expectFramesMatchShowAt(runId: string): Promise<void> {
    const frames = await foldRunFrames(store, runId);
    const runs = new StoredRuns(store);
    const steps = frames.frames.filter((f) => f.entry.step !== 'settle');
    for (const [at, frame] of steps.entries()) {
      const shown = await runs.load(runId, at);
      expect(frame.statuses).toBe(shown.outcomes.map((o) => STATUS_CODES[o.status]).join(''));
      expect(shown.outcomes.map((o) => o.name)).toEqual(frames.phones);
    }
    const settled = await runs.load(runId);
    expect(frames.frames[frames.frames.length - 1].statuses).toBe(settled.outcomes.map((o) => STATUS_CODES[o.status]).join(''));
  }

  it('a run of the library: every frame is the fold show --at reads', async () => {
    const run = await runScenario(app, 'itl-recovery-nonsecure.yaml');
    await expectFramesMatchShowAt(run.runId);
    const frames = await foldRunFrames(store, run.runId);
    expect(frames.frames.map((f) => f.entry)).toEqual(run.timeline);
    // Two groups, contiguous in the scenario's order.
    expect(frames.segments.map((s) => [s.group, s.first, s.count])).toEqual([
      ['lobby', 0, 500],
      ['legacy', 500, 20],
    ]);
  }, 120_000);

  it('a fork: its frames before the fork point are its source\'s, after it its own', async () => {
    const file = 'regen-tvs-then-callmanager-11.5.yaml';
    const source = await runScenario(app, file);
    const fork = await runScenario(app, file, { fork: { run: source.runId, afterStep: 2 } });
    await expectFramesMatchShowAt(fork.runId);
    const [a, b] = [await foldRunFrames(store, source.runId), await foldRunFrames(store, fork.runId)];
    expect(b.frames.slice(0, 3)).toEqual(a.frames.slice(0, 3));
    expect(b.frames.map((f) => f.statuses)).toEqual(a.frames.map((f) => f.statuses));
  }, 120_000);

  it('the frames the run recorded (StepFrame) are its fold, for a run and for a fork; without them, the fold is read', async () => {
    const file = 'regen-tvs-then-callmanager-11.5.yaml';
    const source = await runScenario(app, file);
    const fork = await runScenario(app, file, { fork: { run: source.runId, afterStep: 2 } });
    for (const run of [source, fork]) {
      const recorded = await store.readStream(framesStream(run.runId));
      expect(recorded.map((e) => (e.data as { step: unknown }).step)).toEqual(run.timeline.slice(run === fork ? 3 : 0).map((t) => t.step));
      expect(await readRunFrames(store, run.runId)).toEqual(await foldRunFrames(store, run.runId));
    }
    // A frames stream that misses a step (a run stored by an older release has none) is not trusted: the log is folded.
    const missingOne: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: async (stream: string, options?: object) => {
        const events = await store.readStream(stream, options);
        return stream === framesStream(source.runId) ? events.slice(0, -1) : events;
      },
    });
    expect(await readRunFrames(missingOne, source.runId)).toEqual(await foldRunFrames(store, source.runId));
  }, 120_000);

  it('RunStateQuery: the frame after a step with group counts; RunPhoneOrderQuery: the phones in that order', async () => {
    const run = await runScenario(app, 'regen-callmanager-and-tvs-together-11.5.yaml');
    const queries = app.get(QueryBus);
    const state: CompactRunState = await queries.execute(new RunStateQuery(run.runId, 1));
    expect(state.entry).toEqual(run.timeline[1]);
    expect(state.groups.map((g) => [g.group, g.counts.degraded])).toEqual([
      ['floor1', 300],
      ['floor2', 200],
    ]);
    const order: RunPhoneOrder = await queries.execute(new RunPhoneOrderQuery(run.runId.slice(0, 6)));
    expect(order.phones).toEqual(run.outcomes.map((o) => o.name));
    await expect(queries.execute(new RunStateQuery(run.runId, 7))).rejects.toThrow(/has no step 7: it stored steps 0 \(installed\) to 3/);
  }, 120_000);
});


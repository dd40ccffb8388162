import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EventStore, MemoryEventStore, SqliteEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { Rehearsal } from '../engine/rehearsal';
import { loadValidScenario } from '../scenario-loader';
import { SCENARIOS } from '../test-support/test-app';
import { foldRun, type FoldedRun } from './fold-run';
import { foldRunFrames, readRunFrames } from './run-frames';

/** Every scenario of the library, relative to scenarios/. */
function library(dir = SCENARIOS): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? library(path) : /\.ya?ml$/.test(name) ? [relative(SCENARIOS, path)] : [];
    });
}

const canonicalOf = new WeakMap<object, string>();

/** A phone state as text, keys sorted (maps as entries): 5,000 phones compare as strings, not as deep objects. */
function canonical(value: object): string {
  let text = canonicalOf.get(value);
  if (text === undefined) {
    text = JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Map) return { map: [...v].sort(([a], [b]) => String(a).localeCompare(String(b))) };
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
      return v;
    });
    canonicalOf.set(value, text);
  }
  return text;
}

/** What "the state of a run" is: every aggregate, the artefacts its events carried, its counts and its progress. */
function stateOf(parts: { states: FoldedRun['states']; artefacts: FoldedRun['artefacts']; counts: ReadonlyMap<string, number>; progress: FoldedRun['progress'] }) {
  const s = parts.states.snapshot();
  return {
    clusters: s.clusters,
    nodes: s.nodes,
    tftp: s.tftp,
    tvs: s.tvs,
    phones: s.phones.map(canonical),
    clock: s.clock,
    sftp: s.sftp,
    artefacts: parts.artefacts.keys(),
    counts: new Map(parts.counts),
    timeline: [...parts.progress.timeline],
    expectations: [...parts.progress.expectations],
    lastUploads: [...parts.progress.lastUploads],
  };
}

const keysDir = mkdtempSync(join(tmpdir(), 'trustsim-fold-keys-'));
/** Where the SQLite stores go, one file per scenario; removed with the keys when the file's tests end. */
const storesDir = mkdtempSync(join(tmpdir(), 'trustsim-fold-'));
let stores = 0;
const storeFile = () => join(storesDir, `runs-${stores++}.db`);
afterAll(() => {
  rmSync(storesDir, { recursive: true, force: true });
  rmSync(keysDir, { recursive: true, force: true });
});

/**
 * The invariant that makes trustsim event-sourced: for every scenario of the library, folding the stored
 * log with the aggregates' evolve functions gives the live state after every step — every aggregate, the
 * artefacts, the counts and the run's progress — on the embedded SQLite store and on the memory store.
 */
describe.each([
  ['memory', () => new MemoryEventStore()],
  ['SQLite', () => new SqliteEventStore(storeFile())],
] as [string, () => EventStore][])('fold of the stored log = live state after every step (%s store)', (_name, open) => {
  it.each(library())('%s', async (file) => {
    const store = open();
    try {
      const scenario = loadValidScenario(join(SCENARIOS, file));
      const live: ReturnType<typeof stateOf>[] = [];
      const rehearsal: Rehearsal = new Rehearsal(scenario, {
        store,
        keys: new KeyPool({ seed: scenario.seed, cacheDir: keysDir }),
        onStep: () => live.push(stateOf({ states: rehearsal.engine.states, artefacts: rehearsal.engine.artefacts, counts: rehearsal.engine.log.countsByType, progress: rehearsal.progress })),
      });
      await rehearsal.run();
      const folded: ReturnType<typeof stateOf>[] = [];
      await foldRun(store, rehearsal.runId, { onStep: (_entry, run) => folded.push(stateOf(run)) });
      expect(folded.length).toBe(scenario.steps.length + 2); // installed, each step, settled
      expect(folded.length).toBe(live.length);
      folded.forEach((state, step) => {
        for (const key of Object.keys(state) as (keyof typeof state)[]) expect({ step, key, value: state[key] }).toEqual({ step, key, value: live[step][key] });
      });
      // The frames the run recorded beside its steps (what the studio reads) are the fold's.
      expect(await readRunFrames(store, rehearsal.runId)).toEqual(await foldRunFrames(store, rehearsal.runId));
    } finally {
      await store.close();
    }
  }, 60_000);
});

/**
 * The same invariant where `trustsim run` stores: SQLite with its writer thread, each step written in
 * parts while it is computed (parts of 50 phone events here, so that every scenario's steps are cut up),
 * and the next step computed while the last one is written. Steps go one by one (`apply` waits until a
 * step is stored) so that the live state can be taken after each.
 */
describe('fold of the stored log = live state after every step (SQLite with its writer thread, steps in parts)', () => {
  it.each(library())('%s', async (file) => {
    const store = new SqliteEventStore(storeFile(), { writer: 'thread' });
    try {
      const scenario = loadValidScenario(join(SCENARIOS, file));
      const rehearsal: Rehearsal = new Rehearsal(scenario, { store, keys: new KeyPool({ seed: scenario.seed, cacheDir: keysDir }), partEvents: 50 });
      const live: ReturnType<typeof stateOf>[] = [];
      const capture = () => live.push(stateOf({ states: rehearsal.engine.states, artefacts: rehearsal.engine.artefacts, counts: rehearsal.engine.log.countsByType, progress: rehearsal.progress }));
      await rehearsal.start();
      capture();
      for (const step of scenario.steps) {
        await rehearsal.apply(step);
        capture();
      }
      await rehearsal.finish();
      capture();
      const folded: ReturnType<typeof stateOf>[] = [];
      await foldRun(store, rehearsal.runId, { onStep: (_entry, run) => folded.push(stateOf(run)) });
      expect(folded.length).toBe(live.length);
      folded.forEach((state, step) => {
        for (const key of Object.keys(state) as (keyof typeof state)[]) expect({ step, key, value: state[key] }).toEqual({ step, key, value: live[step][key] });
      });
      // The frames the run recorded beside its steps (what the studio reads) are the fold's.
      expect(await readRunFrames(store, rehearsal.runId)).toEqual(await foldRunFrames(store, rehearsal.runId));
    } finally {
      await store.close();
    }
  }, 60_000);
});

import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@trustsim/event-store';
import type { KeyPool } from '@trustsim/pki';
import { EVENT_STORE, KEY_POOL } from '../tokens';
import { ExplainedEvent, explainPhone, Explanation } from '../explain/explain-phone';
import { foldRun, FoldOptions, type FoldedRun } from './fold-run';
import { RunView } from './run-view';
import { twinKeysNote } from '../reports/twin-note';
import { StoredRuns } from './stored-runs';

/**
 * Reads stored runs for the queries: resolves a run id (or a unique prefix), folds its log up to a step,
 * and gives the read model over the result. Nothing here re-runs a scenario: a run is read from the store
 * alone, so a colleague with the shared store but not the file reads it the same way.
 */
@Injectable()
export class RunReader {
  readonly runs: StoredRuns;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
  ) {
    this.runs = new StoredRuns(store);
  }

  async fold(prefix: string, options: FoldOptions = {}): Promise<FoldedRun> {
    return foldRun(this.store, await this.runs.resolve(prefix), options);
  }

  view(folded: FoldedRun): RunView {
    return new RunView({
      states: folded.states,
      artefacts: folded.artefacts,
      phones: folded.phones,
      assumptions: folded.assumptions,
      epoch: Date.parse(folded.started.start),
      seed: folded.started.seed,
    });
  }

  /** The seed-derived keys of a run (to sign a file again with another digest, or issue a phone's LSC). */
  keysOf(folded: FoldedRun): KeyPool {
    return this.keys(folded.started.seed);
  }

  /** Why one phone ends as it does: its events and the cluster side's, folded to the run's end (or a step). */
  async explain(prefix: string, phone: string, afterStep?: number): Promise<Explanation> {
    const name = phone.toUpperCase();
    const events: ExplainedEvent[] = [];
    const folded = await this.fold(prefix, {
      phone: name,
      ...(afterStep !== undefined ? { afterStep } : {}),
      onEvent: (e, stream) => {
        if (stream.category === 'run' || stream.category === 'clock' || stream.category === 'sftp') return;
        events.push({ category: stream.category, id: stream.id, type: e.type, data: e.data, at: Date.parse(String(e.metadata.at)) });
      },
    });
    // In the order things happened: a step's events are stored stream by stream, so sort by time (stable).
    events.sort((a, b) => a.at - b.at);
    const explanation = explainPhone(this.view(folded), events, name, Date.parse(folded.started.start), folded.progress.chapterNotes);
    // A twin's explanation names certificates by the twin's fingerprints: it says once whose keys they are.
    const note = twinKeysNote(folded.setup.twin);
    return note ? { ...explanation, lines: [note, ...explanation.lines] } : explanation;
  }
}

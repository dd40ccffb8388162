import type { ChapterNote, DomainEvent } from '@trustsim/domain';
import type { ExpectationResult } from './expectation-result';
import type { Refusal } from './refusals';
import type { RunEvent, TimelineEntry } from './run-events';

/** Result of one upload of the last upload step, for `expect: upload: accepted | rejected`. */
export interface UploadOutcome {
  node: string;
  accepted: boolean;
  reason?: string;
}

type Data = Record<string, any>;

/**
 * What a run's own log says about it, folded as the events are committed: its start, its timeline, the
 * expectations checked, whether it completed, and the outcome of the last upload step. The same fold for
 * a live run (batch by batch) and for a stored one read back.
 */
export class RunProgress {
  started?: Extract<RunEvent, { type: 'RunStarted' }>['data'];
  readonly timeline: TimelineEntry[] = [];
  readonly expectations: ExpectationResult[] = [];
  completed?: { passed: boolean };
  /** The uploads of the last step that was not an `expect` step. */
  lastUploads: UploadOutcome[] = [];
  private uploadsThisStep: UploadOutcome[] = [];
  private readonly identityUploads = new Set<string>();
  readonly snapshots: string[] = [];
  /** What CUCM refused, step by step (refusals.ts). */
  readonly refusals: Refusal[] = [];
  /** Where the chapter says otherwise (recorded when the run settles). */
  readonly chapterNotes: ChapterNote[] = [];

  /** One event of the run, in commit order (`nodeId`: `<cluster>.<node>` of a node stream). */
  observe(event: DomainEvent, nodeId?: string): void {
    const d = event.data as Data;
    const node = nodeId?.slice(nodeId.indexOf('.') + 1);
    switch (event.type) {
      case 'RunStarted':
        this.started = d as never;
        return;
      case 'StepCompleted': {
        const entry = d as TimelineEntry;
        this.timeline.push(entry);
        for (const r of entry.refusals ?? []) this.refusals.push({ step: entry.step, ...r });
        if (entry.step !== 'settle' && entry.kind !== 'expect') {
          this.lastUploads = this.uploadsThisStep;
          this.uploadsThisStep = [];
          this.identityUploads.clear();
        }
        return;
      }
      case 'ExpectationChecked':
        this.expectations.push(d as ExpectationResult);
        return;
      case 'SnapshotTaken':
        this.snapshots.push(d.name);
        return;
      case 'RunCompleted':
        this.completed = { passed: Boolean(d.passed) };
        return;
      case 'ChapterSaysOtherwise':
        this.chapterNotes.push(d as ChapterNote);
        return;
      case 'CertificateUploaded':
        this.uploadsThisStep.push({ node: node!, accepted: true });
        return;
      case 'IdentityCertificateUploaded': {
        // One upload, however many nodes a multi-server certificate becomes the identity of.
        const key = `${d.uploadedOn}|${d.fingerprint}`;
        if (!this.identityUploads.has(key)) this.uploadsThisStep.push({ node: d.uploadedOn, accepted: true });
        this.identityUploads.add(key);
        return;
      }
      case 'CertificateUploadRejected':
        this.uploadsThisStep.push({ node: node!, accepted: false, reason: d.reason });
        return;
    }

  }

  /** The step the run reached: the last completed (1-based; 0 = installed), or -1 before install. */
  get lastStep(): number {
    for (let i = this.timeline.length - 1; i >= 0; i--) {
      const s = this.timeline[i].step;
      if (s === 'install') return 0;
      if (typeof s === 'number') return s + 1;
    }
    return -1;
  }
}

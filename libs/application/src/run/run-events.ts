import type { ChapterNote } from '@trustsim/domain';
import type { DomainEvent, PhoneStatus } from '@trustsim/domain';
import type { ExpectationResult } from './expectation-result';
import type { Refusal } from './refusals';
import type { RunSetup } from './run-setup';

/** The stored event format of this release: RunStarted says it, so a reader knows a run it cannot fold. */
export const RUN_FORMAT = 2;

/** One row of the timeline: phones per status after a step. */
export interface TimelineEntry {
  step: number | 'install' | 'settle';
  /** The step's kind (uploadCertificate, expect, ...); absent for install and settle. */
  kind?: string;
  text: string;
  /** Simulated time since the start, ms. */
  at: number;
  counts: Record<PhoneStatus, number>;
  /** Events the step stored (its own, its StepCompleted). */
  events: number;
  /** What CUCM refused during the step (refusals.ts); absent when nothing was. */
  refusals?: Omit<Refusal, 'step'>[];
}

/**
 * The events of a run itself (stream `run-<run>`): what was rehearsed (the scenario's set-up and steps, so
 * the run reads back without its file), each step as it completed, each expectation as checked, and the end.
 */
export type RunEvent =
  | DomainEvent<
      'RunStarted',
      {
        format: typeof RUN_FORMAT;
        scenario: string;
        title: string | null;
        file: string;
        seed: number;
        start: string;
        assumptions: Record<string, string | boolean>;
        setup: RunSetup;
        /** Each step's kind, text and digest (what a fork's file must begin with). */
        steps: readonly { kind: string; text: string; digest: string }[];
        setupDigest: string;
        forkedFrom?: { run: string; afterStep: number };
      }
    >
  | DomainEvent<'StepCompleted', TimelineEntry>
  | DomainEvent<'ExpectationChecked', ExpectationResult>
  | DomainEvent<'PhonesResetRequested', { count: number; batchSize: number; intervalMs: number }>
  | DomainEvent<'SnapshotTaken', { name: string; groups: readonly { group: string; itl: string; ctl: string; phones: number }[] }>
  | DomainEvent<'RunCompleted', { passed: boolean; expectations: number; failed: number }>
  /** Where the chapter's blanket statement and the simulation disagree for this run (chapter-says-otherwise.ts). */
  | DomainEvent<'ChapterSaysOtherwise', ChapterNote>
  /** On the run's frames stream, before each StepCompleted: every phone's status after the step (run-frames.ts). */
  | DomainEvent<'StepFrame', StepFrameData>;

/** Every phone's status after a step, one character each; the install's frame also lists the phones and their groups. */
export interface StepFrameData {
  step: TimelineEntry['step'];
  statuses: string;
  phones?: readonly string[];
  segments?: readonly { cluster: string; group: string; model: string; first: number; count: number }[];
}

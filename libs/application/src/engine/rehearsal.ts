import { randomBytes } from 'node:crypto';
import { AssumptionName, Assumptions, ChapterNote, chapterSaysOtherwise, consultation, ConsultedAssumptions, DomainEvent, defaultCtlKind, importedIdentity, installCluster, installedPurposes, parseRelease, PhoneOutcome, resolveAssumptions, StepNotSimulatedError, twinTrustRequest } from '@trustsim/domain';
import type { EventStore } from '@trustsim/event-store';
import { KeyPool, KeyRequest, MANUFACTURING_CA_KEY } from '@trustsim/pki';
import type { Expectation, Scenario, Step } from '@trustsim/scenarios';
import type { ExpectationResult } from '../run/expectation-result';
import { refusalOf, reportRefusals, type Refusal, type ReportedRefusal } from '../run/refusals';
import type { TimelineEntry } from '../run/run-events';
import { RUN_FORMAT } from '../run/run-events';
import { RunProgress } from '../run/run-progress';
import { runSetupOf, setupDigest, stepDigest } from '../run/run-setup';
import type { FoldedRun } from '../projections/fold-run';
import { RunView } from '../projections/run-view';
import { BackgroundWork } from './background-work';
import { Engine } from './engine';
import type { PhoneEventsKept } from './run-log';
import { checkEventsExpectation, checkPhoneExpectation, checkStoreExpectation, checkUploadExpectation, locationOf, storeContent } from './expectations';
import { checkIdentityExpectation } from './identity-expectations';
import { isRecordedEventType } from '../run/event-catalogue';
import { locateStepError } from './step-errors';
import { IdentityIssuer, isEcPurpose } from './identity-issuer';
import { PhoneFleet } from './phone-fleet';
import { phoneEntries, scenarioNames } from './phone-entries';
import { manufacturingRoot } from './ports';
import { StepActions } from './steps';
import { framesStream, parseStream, streamName } from './streams';
import { segmentsOf } from '../projections/run-frames';
import { describedKeyRequest, UploadCandidates } from './upload-candidates';

export interface RunResult {
  runId: string;
  /** False when the run stopped before its end. */
  completed: boolean;
  scenario: Scenario;
  assumptions: Assumptions;
  /** The assumptions the run's rules read: its outcome can depend on these and on no other (consulted.ts). */
  consulted?: AssumptionName[];
  /** Where the chapter's blanket statement and the simulation disagree for this run, and why (chapter-says-otherwise.ts). */
  chapterNotes?: ChapterNote[];
  timeline: TimelineEntry[];
  outcomes: PhoneOutcome[];
  expectations: ExpectationResult[];
  passed: boolean;
  /** What CUCM refused, step by step, and whether an expectation covered it (run/refusals.ts). */
  refusals: ReportedRefusal[];
  events: number;
  figures: { phoneBoots: number; decisions: number; trustListVerifications: number; wallMs: number; storeMs: number };
  /** A fork: the stored run it started from and the step after which (1-based; 0 = installed). */
  forkedFrom?: { run: string; afterStep: number };
  /** The run's events without ids and run id, when `keepLog` was asked. */
  eventLog?: Engine['log']['log'];
}

export interface RehearsalOptions {
  store: EventStore;
  keys: KeyPool;
  runId?: string;
  /** Keep the event log in memory (determinism checks, tests): all of it, or the streams a predicate accepts. */
  keepLog?: boolean | ((stream: string) => boolean);
  /** Assumptions set on the command line; they win over the file's. */
  assumptions?: Record<string, string | boolean>;
  /** Told each step's timeline entry once it is stored (progress). */
  onStep?: (entry: TimelineEntry) => void;
  /** How many events a long step keeps before storing them (default STREAMED_BATCH). */
  streamBatch?: number;
  /** How many phone events go to a store that takes a step in parts, per part (default PART_EVENTS). */
  partEvents?: number;
  /** Phone events stored (the default) or only counted, for a run made for its outcome only (PhoneEventsKept). */
  phoneEvents?: PhoneEventsKept;
}

/** A fork's file does not share the stored run's set-up or its steps up to the fork point. */
export class ForkMismatchError extends Error {}

/** A step failed after part of its events were stored: the run cannot go back to before it, so it ends there. */
export class RunStoppedError extends Error {
  constructor(
    readonly runId: string,
    step: Step,
    override readonly cause: unknown,
  ) {
    super(`run ${runId}: step ${step.index + 1} (${step.text}) failed after part of its events were stored (${cause instanceof Error ? cause.message : String(cause)}); the run stopped there and reads as incomplete`);
    this.name = 'RunStoppedError';
  }
}

/** How many events a long step keeps before storing them (advanceStoring): bounds a run's memory. */
export const STREAMED_BATCH = 50_000;

/** The store refused a step's events: nothing of that step (or of its batch) was stored, and the run stops there. */
export class StepNotStoredError extends Error {
  constructor(
    readonly step: string,
    readonly runId: string,
    override readonly cause: unknown,
    /** Whether earlier batches of the same step were stored (a long wait stores its events as they pile up). */
    readonly partial = false,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      partial
        ? `run ${runId}: a batch of the events of ${step} could not be stored (${why}); the batches before it are stored, the run stopped there and reads as incomplete`
        : `run ${runId}: the events of ${step} could not be stored (${why}); nothing of that step was stored and the run stopped there`,
    );
    this.name = 'StepNotStoredError';
  }
}

/**
 * One rehearsal of a scenario: its start recorded, the clusters installed, each step carried out on the
 * simulated clock and stored in one transaction with its StepCompleted, the expectations checked against
 * what every phone really holds, and the end. The work of a step is StepActions'; the write path is the
 * Engine's; this is the loop and the record of it.
 */
export class Rehearsal {
  readonly engine: Engine;
  readonly fleet: PhoneFleet;
  readonly work: BackgroundWork;
  readonly progress = new RunProgress();
  readonly assumptions: Assumptions;
  /** The same assumptions as the rules see them: each read is noted (what --all-assumptions varies). */
  private readonly consultation: ConsultedAssumptions;
  private readonly actions: StepActions;
  private forkedFrom?: { run: string; afterStep: number };
  /** Time the run waited for the store (handing batches over, and waiting for one when the next is ready). */
  private storeMs = 0;
  /** The batch on its way to the store, while the run goes on (flush). */
  private storing?: Promise<void>;
  /** Events stored when the last step ended: a step's count is what it added since. */
  private storedAtLastStep = 0;
  /** Whether the current step has stored part of its events already (advanceStoring). */
  private streamed = false;
  /** Refusals of the current step in batches stored already. */
  private stepRefusals: Omit<Refusal, 'step'>[] = [];
  private readonly started = Date.now();

  constructor(
    readonly scenario: Scenario,
    private readonly options: RehearsalOptions,
  ) {
    this.assumptions = resolveAssumptions({ ...scenario.assumptions, ...(options.assumptions ?? {}) });
    this.consultation = consultation(this.assumptions);
    const runId = options.runId ?? randomBytes(6).toString('hex');
    this.engine = new Engine({ runId, setup: runSetupOf(scenario), assumptions: this.consultation.assumptions, store: options.store, keys: options.keys, keepLog: options.keepLog, partEvents: options.partEvents, phoneEvents: options.phoneEvents });
    this.fleet = new PhoneFleet(this.engine, phoneEntries(this.engine.settings.setup, scenarioNames(scenario), runId));
    this.work = new BackgroundWork(this.engine, this.fleet);
    const uploads = new UploadCandidates(options.keys, scenario.file, this.engine.artefacts);
    this.actions = new StepActions(this.engine, this.fleet, this.work, uploads, (type, data) => this.recordRun(type, data));
  }

  get runId(): string {
    return this.engine.runId;
  }

  /** Simulated time since the start, ms. */
  get now(): number {
    return this.work.now;
  }

  async run(): Promise<RunResult> {
    await this.recordStart();
    await this.install();
    for (const step of this.scenario.steps) await this.carryOut(step);
    return this.finish();
  }

  /** Records the start (in a transaction of its own, before any work) and installs the clusters and phones. */
  async start(): Promise<void> {
    await this.recordStart();
    await this.install();
    await this.stored();
  }

  /**
   * A fork: starts from the state a stored run had after one of its steps, folded from its log (no step
   * is replayed), then runs this scenario's remaining steps. The file must share the run's set-up and its
   * steps up to the fork point.
   */
  async fork(from: FoldedRun, afterStep: number): Promise<RunResult> {
    const mismatch = forkMismatch(from, this.scenario, afterStep);
    if (mismatch) throw new ForkMismatchError(mismatch);
    this.forkedFrom = { run: from.runId, afterStep };
    await this.recordStart();
    // Each later step stores, and counts, exactly what it did in the run forked from.
    this.storedAtLastStep = this.engine.log.appended;
    this.seed(from);
    for (const step of this.scenario.steps.slice(afterStep)) await this.carryOut(step);
    return this.finish();
  }

  /**
   * Runs one step and stores its events (the training shell feeds steps one by one). A step that cannot be
   * carried out leaves the run as it was before it: nothing of it is folded or stored.
   */
  async apply(step: Step): Promise<TimelineEntry> {
    const entry = await this.carryOut(step);
    await this.stored();
    return entry;
  }

  /** A step, its events handed to the store; the run goes on while they are written (flush). */
  private async carryOut(step: Step): Promise<TimelineEntry> {
    const before = this.engine.checkpoint();
    try {
      if (step.at !== undefined) await this.advanceStoring(step, step.at);
      if (step.kind === 'restore') this.noteTrustedBeforeRestore(step.cluster);
      if (step.kind === 'wait') await this.advanceStoring(step, this.work.now + step.duration);
      else this.actions.run(step);
      if (step.kind === 'expect') this.checkExpectations(step.expectations, step.index);
    } catch (error) {
      // The step before may still be on its way to the store: it lands first, and if the store refused it,
      // that is why the run stops.
      await this.stored();
      if (error instanceof StepNotStoredError) throw error;
      // Part of this step is stored already (a long wait): it cannot be undone, so the run stops here.
      if (this.streamed) throw new RunStoppedError(this.runId, step, error);
      this.engine.rollback(before);
      // Whatever stops a step is reported where the step is written: a user must never be left with an unlocated error.
      throw locateStepError(step, error);
    }
    return this.endStep(step.index, step.text, step.kind);
  }

  /**
   * Moves the clock to `until`, storing the events of background work in batches of STREAMED_BATCH as
   * they pile up: the step's last batch still ends with its StepCompleted, so a reader of the log sees the
   * step whole or, if the run stops, as incomplete from where its last batch ends.
   */
  private async advanceStoring(step: Step, until: number): Promise<void> {
    while (!this.work.advanceTo(until, this.options.streamBatch ?? STREAMED_BATCH)) {
      this.stepRefusals.push(...this.pendingRefusals());
      await this.flush(`step ${step.index + 1} (${step.text})`, true);
      this.streamed = true;
    }
  }

  /** How many of a cluster's phones are trusted right before a restore: what the chapter's note on restores reads (chapter-says-otherwise.ts). */
  private noteTrustedBeforeRestore(cluster: string): void {
    const phones = this.fleet.outcomes().filter((o) => o.cluster === cluster && o.status === 'trusted').length;
    this.engine.chapterFacts.push({ kind: 'trusted-before-restore', cluster, phones });
  }

  /** Reads of the run's state now (the files TFTP serves, certificates, outcomes), as a stored run's would be read. */
  view(): RunView {
    return new RunView({ states: this.engine.states, artefacts: this.engine.artefacts, phones: this.fleet.phones, assumptions: this.assumptions, epoch: this.engine.epoch, seed: this.scenario.seed });
  }

  /** Settles background work, records every phone's outcome, checks the final expectations and closes the run. */
  async finish(): Promise<RunResult> {
    this.work.settle();
    const outcomes = this.fleet.outcomes();
    // Each phone's final outcome goes into its stream: `diff` and a quick `show` read them as they are.
    const metadata = this.engine.metadata(this.engine.now);
    outcomes.forEach((o, i) => {
      const { name: _name, ...facts } = o;
      this.engine.log.record(this.fleet.phones[i].stream, 'PhoneSettled', facts, metadata, true);
    });
    // Where the chapter says otherwise, the run says so and why, stored with it (the report and explain read it back).
    const world = this.engine.view();
    for (const note of chapterSaysOtherwise(this.engine.chapterFacts, (cluster) => world.release(cluster), outcomes)) this.recordRun('ChapterSaysOtherwise', note);
    this.checkExpectations(this.scenario.expect, undefined, outcomes);
    await this.endStep('settle', 'background work settled', undefined, true);
    await this.stored();
    return this.result(outcomes, true);
  }

  outcomes(): PhoneOutcome[] {
    return this.fleet.outcomes();
  }

  private async recordStart(): Promise<void> {
    const s = this.scenario;
    this.recordRun('RunStarted', {
      format: RUN_FORMAT,
      scenario: s.name,
      title: s.title ?? null,
      file: s.file,
      seed: s.seed,
      start: s.start,
      assumptions: this.assumptions,
      setup: this.engine.settings.setup,
      steps: s.steps.map((step) => ({ kind: step.kind, text: step.text, digest: stepDigest(step) })),
      setupDigest: setupDigest(s),
      ...(this.forkedFrom ? { forkedFrom: this.forkedFrom } : {}),
    });
    // On its own, first: a run that stops later still says it started, and its other events follow it in the log.
    await this.flush('the start of the run');
  }

  /** The state before the first step: every cluster installed at its release, then its phones provisioned. */
  private async install(): Promise<void> {
    const setup = this.engine.settings.setup;
    await this.options.keys.warm(this.installKeyRequests());
    const root = manufacturingRoot(this.options.keys);
    this.engine.artefacts.prime(root);
    setup.clusters.forEach((c, index) => {
      const ctlKind = c.ctl ?? defaultCtlKind(parseRelease(c.version));
      this.engine.execute(
        installCluster(
          { name: c.name, index, version: c.version, security: c.security, ctlKind, parameters: c.parameters, nodes: c.nodes, certificates: c.certificates, trustCertificates: c.trustCertificates, servedCtl: c.servedCtl },
          root,
        ),
      );
    });
    for (const c of setup.clusters) {
      for (const g of c.phones) {
        if (g.lsc && !setup.clusters.find((x) => x.name === g.lsc!.issuer)?.nodes.some((n) => n.services.includes('capf'))) {
          throw new StepNotSimulatedError(`phone group ${c.name}/${g.group}: lsc issuer ${g.lsc.issuer} is not a cluster running CAPF`);
        }
      }
    }
    this.fleet.provision();
    await this.endStep('install', 'clusters installed');
  }

  /**
   * The RSA keys of every identity certificate at install — and of a twin's CAs and trust certificates —
   * derived ahead (in worker threads) rather than one by one.
   */
  private installKeyRequests(): KeyRequest[] {
    const issuer = new IdentityIssuer(this.options.keys, this.scenario.seed);
    const requests: KeyRequest[] = [{ ...MANUFACTURING_CA_KEY }];
    for (const c of this.engine.settings.setup.clusters) {
      const release = parseRelease(c.version);
      const trust = c.trustCertificates ?? [];
      for (const n of c.nodes) {
        for (const purpose of installedPurposes(release, n.role === 'publisher', n.services)) {
          if (isEcPurpose(purpose)) continue; // EC keys derive in well under a millisecond
          const imported = importedIdentity(c.certificates, trust, n.name, purpose);
          const keyLength = c.certificates.find((x) => x.node === n.name && x.purpose === purpose)?.keyLength ?? 2048;
          requests.push(issuer.keyRequest({ cluster: c.name, node: n.name, purpose, generation: 1, keyLength, ...(imported && { imported }) }));
          if (imported?.issuerKey) requests.push(issuer.twinKeyRequest(imported.issuerKey));
        }
      }
      for (const t of trust) {
        const request = twinTrustRequest(t, { certificates: c.certificates, trust });
        requests.push(issuer.twinKeyRequest(request.key), ...(request.issuerKey ? [issuer.twinKeyRequest(request.issuerKey)] : []));
      }
    }
    // Certificates the steps describe by their fields (an 8192-bit root takes seconds: derive it with the rest).
    for (const step of this.scenario.steps) if (step.kind === 'uploadCertificate' && 'subject' in step.certificate) requests.push(describedKeyRequest(step.certificate));
    const unique = new Map(requests.filter((r) => r.kind === 'rsa').map((r) => [`${r.label}|${r.size}`, r]));
    return [...unique.values()];
  }

  /** A fork takes the folded state of the run it starts from: aggregates, artefacts, counts and progress. */
  private seed(from: FoldedRun): void {
    const states = this.engine.states;
    for (const [k, v] of from.states.clusters) states.clusters.set(k, v);
    for (const [k, v] of from.states.nodes) states.nodes.set(k, v);
    for (const [k, v] of from.states.tftp) states.tftp.set(k, v);
    for (const [k, v] of from.states.tvs) states.tvs.set(k, v);
    states.clock = from.states.clock;
    states.sftp = from.states.sftp;
    states.version++;
    const positions = new Map(from.phones.map((p, i) => [p.name, i]));
    this.fleet.phones.forEach((p, i) => states.setPhone(i, from.states.phones[positions.get(p.name)!]));
    this.engine.artefacts.adopt(from.artefacts);
    // `expect: events` counts what the run recorded from its start: the source's events, then the fork's own.
    const counts = this.engine.log.countsByType;
    for (const [type, n] of from.counts) counts.set(type, (counts.get(type) ?? 0) + n);
    this.progress.timeline.push(...from.progress.timeline);
    this.progress.expectations.push(...from.progress.expectations);
    this.progress.lastUploads = from.progress.lastUploads;
  }

  private checkExpectations(expectations: readonly Expectation[], step: number | undefined, outcomes?: PhoneOutcome[]): void {
    const world = this.engine.view();
    for (const e of expectations) {
      let result: Omit<ExpectationResult, 'location' | 'step'>;
      if (e.kind === 'phones') result = checkPhoneExpectation(e, (outcomes ??= this.fleet.outcomes()));
      else if (e.kind === 'store') result = checkStoreExpectation(e, (cluster, node, store) => storeContent(world, cluster, node, store));
      else if (e.kind === 'identity') result = checkIdentityExpectation(e, { nodes: world.hasCluster(e.cluster) ? world.nodes(e.cluster) : [], certificate: (fp) => world.certificate(fp) });
      else if (e.kind === 'upload') result = checkUploadExpectation(e, this.progress.lastUploads);
      else result = checkEventsExpectation(e, this.engine.log.countsByType, isRecordedEventType);
      this.recordRun('ExpectationChecked', { location: locationOf(e), step, ...result });
    }
  }

  private recordRun(type: string, data: unknown): void {
    this.engine.log.record(streamName('run', this.runId), type, data, this.engine.metadata(this.engine.now));
  }

  /** Ends a step: its timeline entry, its StepCompleted (and RunCompleted at the end), all stored in one transaction. */
  private async endStep(step: TimelineEntry['step'], text: string, kind?: string, final = false): Promise<TimelineEntry> {
    const { counts, codes } = this.fleet.statuses();
    this.recordFrame(step, codes);
    const refusals = [...this.stepRefusals, ...this.pendingRefusals()];
    this.stepRefusals = [];
    const entry: TimelineEntry = {
      step,
      ...(kind ? { kind } : {}),
      text,
      at: this.work.now,
      counts,
      events: this.engine.log.appended + this.engine.log.pendingCount + (final ? 2 : 1) - this.storedAtLastStep,
      ...(refusals.length ? { refusals } : {}),
    };
    if (final) {
      // The end of the run is stored with its last step: a run that has RunCompleted has every step.
      const checked = [...this.progress.expectations, ...this.pendingExpectations()];
      const failed = checked.filter((e) => !e.passed).length;
      this.recordRun('RunCompleted', { passed: failed === 0, expectations: checked.length, failed });
    }
    // StepCompleted last: in the log it marks where the step ends.
    this.recordRun('StepCompleted', entry);
    await this.flush(typeof step === 'number' ? `step ${step + 1} (${text})` : text, false, () => this.options.onStep?.(entry));
    this.storedAtLastStep = this.engine.log.appended;
    this.streamed = false;
    return entry;
  }

  /**
   * Every phone's status after the step, on the run's frames stream (run-frames.ts): what the studio and
   * `show --at` read instead of folding the log. The install's frame lists the phones and their groups.
   */
  private recordFrame(step: TimelineEntry['step'], statuses: string): void {
    const listing = step === 'install' ? { phones: this.fleet.phones.map((p) => p.name), segments: segmentsOf({ phones: this.fleet.phones }) } : {};
    this.engine.log.record(framesStream(this.runId), 'StepFrame', { step, statuses, ...listing }, this.engine.metadata(this.engine.now));
  }

  /** What CUCM refused in the events not stored yet (refusals.ts). */
  private pendingRefusals(): Omit<Refusal, 'step'>[] {
    const out: Omit<Refusal, 'step'>[] = [];
    for (const { stream, event } of this.engine.log.pendingInCommitOrder()) {
      const parsed = parseStream(stream);
      const refusal = parsed?.category === 'node' ? refusalOf(event as DomainEvent, parsed.id.replace('.', '/')) : undefined;
      if (refusal) out.push(refusal);
    }
    return out;
  }

  /** Expectations recorded in the current step, not yet folded into the progress. */
  private pendingExpectations(): ExpectationResult[] {
    const out: ExpectationResult[] = [];
    for (const { event } of this.engine.log.pendingInCommitOrder()) if (event.type === 'ExpectationChecked') out.push(event.data as ExpectationResult);
    return out;
  }

  /**
   * Hands the step's events to the store, and the run's progress folds them in the order they will be
   * committed. The store writes while the run goes on with its next step (a store with a writer thread
   * writes on the other core): one batch is on its way at a time, so a batch is handed over only once the
   * one before it is stored, and a batch the store refuses stops the run before anything after it is
   * stored (the progress folded since is then thrown away with the run). `stored()` waits for the batch on
   * its way; `afterStored` runs once it is stored.
   */
  private async flush(what: string, partial = false, afterStored?: () => void): Promise<void> {
    await this.stored();
    const t = Date.now();
    for (const { stream, event } of this.engine.log.pendingInCommitOrder()) {
      const parsed = parseStream(stream);
      if (parsed?.category === 'run') this.progress.observe(event);
      else if (parsed?.category === 'node') this.progress.observe(event, parsed.id);
    }
    const streamed = partial || this.streamed;
    const storing = this.engine.log.flush().then(
      () => afterStored?.(),
      (error: unknown) => {
        throw new StepNotStoredError(what, this.runId, error, streamed);
      },
    );
    // A rejection is handled where the batch is waited for (stored()); until then it is not "unhandled".
    storing.catch(() => undefined);
    this.storing = storing;
    this.storeMs += Date.now() - t;
  }

  /** Waits until every event handed to the store is stored; throws the StepNotStoredError of a batch it refused. */
  private async stored(): Promise<void> {
    const storing = this.storing;
    if (!storing) return;
    this.storing = undefined;
    const t = Date.now();
    try {
      await storing;
    } finally {
      this.storeMs += Date.now() - t;
    }
  }

  private result(outcomes: PhoneOutcome[], completed: boolean): RunResult {
    const expectations = this.progress.expectations;
    return {
      runId: this.runId,
      completed,
      scenario: this.scenario,
      assumptions: this.assumptions,
      consulted: this.consultation.consulted(),
      chapterNotes: this.progress.chapterNotes,
      timeline: this.progress.timeline,
      outcomes,
      expectations,
      passed: expectations.every((r) => r.passed),
      refusals: reportRefusals(this.progress.refusals, expectations, this.progress.timeline),
      events: this.engine.log.appended,
      figures: {
        phoneBoots: this.fleet.boots,
        decisions: this.fleet.decisions,
        trustListVerifications: this.engine.artefacts.verifications,
        wallMs: Date.now() - this.started,
        storeMs: this.storeMs,
      },
      ...(this.engine.log.log ? { eventLog: this.engine.log.log } : {}),
      ...(this.forkedFrom ? { forkedFrom: this.forkedFrom } : {}),
    };
  }
}

/** Why a file cannot fork a stored run at a step: its set-up or one of its steps up to there differs. */
export function forkMismatch(from: FoldedRun, scenario: Scenario, afterStep: number): string | undefined {
  const started = from.started;
  const runId = from.runId;
  if (setupDigest(scenario) !== started.setupDigest) {
    return `${scenario.file} does not start from the same clusters, phones, seed and start time as run ${runId} (scenario ${started.scenario}): a fork changes steps, not the set-up`;
  }
  if (scenario.steps.length < afterStep) return `${scenario.file} has ${scenario.steps.length} steps; run ${runId} is forked after step ${afterStep}`;
  for (let i = 0; i < afterStep; i++) {
    const s = scenario.steps[i];
    if (stepDigest(s) !== started.steps[i]?.digest) {
      return `${s.loc.file}:${s.loc.line}:${s.loc.column}: step ${i + 1} ("${s.text}") differs from step ${i + 1} of run ${runId} ("${started.steps[i]?.text ?? 'none'}"): a fork after step ${afterStep} keeps the steps up to there`;
    }
  }
  return undefined;
}

import { randomBytes } from 'node:crypto';
import { EventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { Assumptions, decideTrustList, PhoneStatus, resolveAssumptions, TrustListDecision, TrustListView } from '@trustsim/domain';
import { Expectation, Scenario, Step } from '@trustsim/scenarios';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { EventRecorder } from './event-recorder';
import { checkEventsExpectation, checkPhoneExpectation, checkStoreExpectation, checkUploadExpectation, ExpectationResult, locationOf } from './expectations';
import { IdentityCertificate, IdentityIssuer } from './identity-issuer';
import { countStatuses, PhoneOutcome, phoneOutcome } from './outcomes';
import { BootContext, cacheAfterReset, DecisionMemo, servedFiles, tvsServersFor } from './phone-boot';
import { PhoneRuntime } from './phone-runtime';
import { Scheduler } from './scheduler';
import { BackgroundJob, isPeriodic } from './background-job';
import { ExpiryMonitorService } from './expiry-monitor-service';
import { TlsPeers } from './tls-peers';
import { SimulationEvent } from '../events/certificate-events';
import { TrustListReader } from './trust-list-reader';
import { TrustStoreOperations } from './trust-store-operations';
import { CapfService } from './capf-service';
import { captureCheckpoint, Checkpoint, CheckpointState, forkMismatch, restoreCheckpoint } from './checkpoint';
import { NodeIdentities } from './node-identities';
import { TrustListSigning } from './trust-list-signing';
import { PhoneFleet } from './phone-fleet';
import { PhoneProvisioning } from './phone-provisioning';
import { ClusterInstaller } from './cluster-installer';
import { PlatformCli } from './platform-cli';
import { ClusterLifecycle } from './cluster-lifecycle';
import { BulkCertificateManagement } from './bulk-certificate-management';
import { RunContext } from './run-context';
import { ForkMismatchError, StepNotSimulatedError, StepNotStoredError } from './simulation-errors';

export { ForkMismatchError, StepNotSimulatedError, StepNotStoredError } from './simulation-errors';

export interface TimelineEntry {
  step: number | 'install' | 'settle';
  text: string;
  /** Simulated time since the start, ms. */
  at: number;
  counts: Record<PhoneStatus, number>;
  events: number;
}

export interface RunResult {
  runId: string;
  /** False when the run was asked to stop after a step (`--at`). */
  completed: boolean;
  scenario: Scenario;
  assumptions: Assumptions;
  timeline: TimelineEntry[];
  outcomes: PhoneOutcome[];
  expectations: ExpectationResult[];
  passed: boolean;
  events: number;
  figures: { phoneBoots: number; decisions: number; trustListVerifications: number; wallMs: number; storeMs: number };
  /** A fork: the stored run it started from and the step after which (1-based; 0 = installed). */
  forkedFrom?: { run: string; afterStep: number };
  /** The run's events without ids and run id, when `keepLog` was asked. */
  eventLog?: EventRecorder['log'];
}

export interface SimulationOptions {
  store: EventStore;
  keys: KeyPool;
  runId?: string;
  /** Keep the event log in memory (determinism checks, tests, explain): all of it, or the streams a predicate accepts. */
  keepLog?: boolean | ((stream: string) => boolean);
  /** Assumptions set on the command line; they win over the file's. */
  assumptions?: Record<string, string | boolean>;
  onStep?: (entry: TimelineEntry) => void;
  /** Record the state after each step (`StateCheckpointed`), so a later run can fork from it (default true). */
  checkpoints?: boolean;
  /** Stop after this step (0-based index), before background work settles: the state "after step N". */
  stopAfterStep?: number;
  /**
   * Where cluster-level domain events go (the @nestjs/cqrs EventBus, whose sagas call back into
   * `rebuildItlsAfterCertificateChange` and `scheduleAutomaticResets`). Called synchronously.
   */
  publish: (event: SimulationEvent) => void;
}

/**
 * Runs one scenario: installs the clusters, runs each step on the simulated clock, appends each step's
 * events in one transaction, and checks the expectations against what every phone really holds.
 *
 * This class is the run itself — the loop over the steps, the clock's background work, expectations,
 * recording and checkpoints; what a step does is in the part of the run it concerns (see `runStep`).
 */
export class Simulation {
  readonly clusters = new Map<string, ClusterRuntime>();
  readonly phones: PhoneRuntime[];
  private readonly scheduler = new Scheduler<BackgroundJob>((job) => this.runJob(job), isPeriodic);
  private readonly reader = new TrustListReader();
  private readonly memo = new DecisionMemo();
  private readonly recorder: EventRecorder;
  private readonly epoch: number;
  readonly assumptions: Assumptions;
  private readonly timeline: TimelineEntry[] = [];
  private readonly expectationResults: ExpectationResult[] = [];
  private readonly bootContext: BootContext;
  private storeMs = 0;
  private failure?: unknown;
  private forkedFrom?: RunResult['forkedFrom'];

  // The parts of the run a step delegates to, one responsibility each.
  private readonly identities: NodeIdentities;
  private readonly trustLists: TrustListSigning;
  private readonly trustStores: TrustStoreOperations;
  private readonly capf: CapfService;
  private readonly fleet: PhoneFleet;
  private readonly provisioning: PhoneProvisioning;
  private readonly installer: ClusterInstaller;
  private readonly cli: PlatformCli;
  private readonly lifecycle: ClusterLifecycle;
  private readonly bulk: BulkCertificateManagement;
  private readonly monitor: ExpiryMonitorService;
  private readonly tls: TlsPeers;

  constructor(
    readonly scenario: Scenario,
    private readonly options: SimulationOptions,
  ) {
    this.assumptions = resolveAssumptions({ ...scenario.assumptions, ...(options.assumptions ?? {}) });
    this.recorder = new EventRecorder(options.store, options.runId ?? randomBytes(6).toString('hex'), options.keepLog);
    this.epoch = Date.parse(scenario.start);
    scenario.clusters.forEach((spec, i) => this.clusters.set(spec.name, new ClusterRuntime(spec, i, this.reader, this.assumptions)));
    // What every part shares: the clusters, the event log, the simulated clock and the sagas.
    const run: RunContext = {
      runId: this.runId,
      cluster: (name) => this.cluster(name),
      record: (category, id, type, data) => this.record(category, id, type, data),
      recordPhone: (phone, type, data) => this.recordPhone(phone, type, data),
      recordRun: (type, data) => this.recordRun(type, data),
      changed: (cluster) => this.changed(cluster),
      time: () => this.epoch + this.scheduler.now,
      publish: (event) => this.options.publish(event),
    };
    this.identities = new NodeIdentities({ ...run, issuer: new IdentityIssuer(options.keys, scenario.seed) });
    this.trustLists = new TrustListSigning({ ...run, assumptions: this.assumptions });
    this.trustStores = new TrustStoreOperations({
      ...run,
      scheduler: this.scheduler,
      assumptions: this.assumptions,
      keys: options.keys,
      scenarioFile: scenario.file,
      now: () => new Date(this.epoch + this.scheduler.now),
      identity: (cluster, node, purpose) => this.identities.identityOf(cluster, node, purpose),
      identityReplaced: (cluster, node, identity) => this.identities.replaced(cluster, node, identity),
    });
    this.capf = new CapfService(run.recordPhone, () => new Date(run.time()));
    this.bootContext = {
      cluster: run.cluster,
      assumptions: this.assumptions,
      memo: this.memo,
      now: () => run.time(),
      record: run.recordPhone,
      capf: (phone, cluster) => this.capf.operate(phone, cluster),
    };
    this.fleet = new PhoneFleet({ ...run, scheduler: this.scheduler, clusters: this.clusters, boot: this.bootContext, phoneStream: (name) => this.recorder.stream('phone', name) });
    this.phones = this.fleet.phones;
    this.provisioning = new PhoneProvisioning({ ...run, phones: this.phones, boot: this.bootContext, lscFrom: (cluster) => this.capf.lscFrom(cluster) });
    const parts = { identities: this.identities, trustLists: this.trustLists, fleet: this.fleet };
    this.installer = new ClusterInstaller({ ...run, ...parts, clusters: this.clusters, keys: options.keys, provisioning: this.provisioning });
    this.cli = new PlatformCli({ ...run, ...parts });
    this.lifecycle = new ClusterLifecycle({ ...run, ...parts });
    this.bulk = new BulkCertificateManagement({ ...run, trustStores: this.trustStores });
    this.monitor = new ExpiryMonitorService({ ...run, scheduler: this.scheduler });
    this.tls = new TlsPeers({ ...run, assumptions: this.assumptions });
  }

  get runId(): string {
    return this.recorder.runId;
  }

  get eventLog() {
    return this.recorder.log;
  }

  async run(): Promise<RunResult> {
    const started = Date.now();
    await this.install();
    return this.runSteps(this.scenario.steps, started);
  }

  /**
   * A fork: starts from the state a stored run checkpointed after one of its steps (no step before it is
   * replayed), then runs this scenario's remaining steps. The file must share the run's set-up and its
   * steps up to the fork point.
   */
  async runFrom(checkpoint: Checkpoint, fromRun: string): Promise<RunResult> {
    const started = Date.now();
    const mismatch = forkMismatch(checkpoint, this.scenario, fromRun);
    if (mismatch) throw new ForkMismatchError(mismatch);
    this.forkedFrom = { run: fromRun, afterStep: checkpoint.afterStep };
    this.recordStart({ forkedFrom: this.forkedFrom });
    // Stored on its own, so each later step stores (and counts) exactly what it did in the forked run.
    await this.flush('the start of the fork');
    this.fleet.createPhones();
    restoreCheckpoint(checkpoint, this.checkpointState(), this.options.keys);
    this.memo.clear();
    return this.runSteps(this.scenario.steps.slice(checkpoint.afterStep), started);
  }

  private async runSteps(steps: readonly Step[], started: number): Promise<RunResult> {
    for (const step of steps) {
      await this.apply(step);
      if (step.index === this.options.stopAfterStep) return this.result(started, this.outcomes(), false);
    }
    return this.finish(started);
  }

  private checkpointState(): CheckpointState {
    return {
      scenario: this.scenario,
      clusters: this.clusters,
      phones: this.phones,
      scheduler: this.scheduler,
      reader: this.reader,
      certificates: this.identities.certificates,
      drs: this.lifecycle.backups,
      bulk: this.bulk.area,
      autoWavePending: this.fleet.autoWavePending,
      eventCounts: this.recorder.countsByType,
      timeline: this.timeline,
      expectations: this.expectationResults,
      lastUploads: this.trustStores.lastUploads,
      snapshots: this.provisioning.snapshots,
      lsc: (cluster, fp, issuedAt) => this.capf.lsc(cluster, fp, issuedAt),
    };
  }

  /** Installs the clusters and phones (the state before the first step); `run` and the training shell start here. */
  async start(): Promise<void> {
    await this.install();
  }

  /** Runs one step and stores its events (the training shell feeds steps one by one). */
  async apply(step: Step): Promise<TimelineEntry> {
    if (step.at !== undefined) this.scheduler.advanceTo(step.at);
    this.runStep(step);
    await this.endStep(step.index, step.text);
    return this.timeline[this.timeline.length - 1];
  }

  /** Simulated time since the start, ms. */
  get now(): number {
    return this.scheduler.now;
  }

  /** Settles background work, checks the final expectations and closes the run. */
  async finish(started = Date.now()): Promise<RunResult> {
    this.scheduler.settle();
    const outcomes = this.outcomes();
    // Each phone's final outcome goes into its stream, so `show` and `diff` read runs back without re-simulating.
    outcomes.forEach((o, i) => this.recordPhone(this.phones[i], 'PhoneSettled', settledData(o)));
    this.checkExpectations(this.scenario.expect, undefined, outcomes);
    await this.endStep('settle', 'background work settled', outcomes);
    const passed = this.expectationResults.every((r) => r.passed);
    this.recordRun('RunCompleted', { passed, expectations: this.expectationResults.length, failed: this.expectationResults.filter((r) => !r.passed).length });
    await this.flush();
    return this.result(started, outcomes, true);
  }

  private result(started: number, outcomes: PhoneOutcome[], completed: boolean): RunResult {
    const passed = this.expectationResults.every((r) => r.passed);
    return {
      completed,
      runId: this.runId,
      scenario: this.scenario,
      assumptions: this.assumptions,
      timeline: this.timeline,
      outcomes,
      expectations: this.expectationResults,
      passed,
      events: this.recorder.appended,
      figures: {
        phoneBoots: this.fleet.boots,
        decisions: this.memo.decisions,
        trustListVerifications: this.reader.verifications,
        wallMs: Date.now() - started,
        storeMs: this.storeMs,
      },
      eventLog: this.recorder.log,
      ...(this.forkedFrom ? { forkedFrom: this.forkedFrom } : {}),
    };
  }

  /** The trust files a TFTP node serves now (re-signed with another digest when asked). */
  servedTrustFiles(clusterName: string, nodeName: string, digest?: 'sha1' | 'sha256' | 'sha512'): { fileName: string; bytes: Buffer }[] {
    return this.trustLists.served(clusterName, nodeName, digest);
  }

  /** The identity certificate with this fingerprint (any generation), for reports and explanations. */
  certificate(fingerprint: string): IdentityCertificate | undefined {
    return this.identities.certificates.get(fingerprint);
  }

  /** A trust list a TFTP node served during the run, by file id (SHA-256). */
  trustList(fileId: string): TrustListView | undefined {
    return this.reader.byFileId(fileId);
  }

  phone(name: string): PhoneRuntime | undefined {
    return this.fleet.phone(name);
  }

  /** A phone's LSC and MIC as X.509 certificates, issued on demand (`trustsim cert phone`). */
  phoneCertificates(name: string) {
    const phone = this.fleet.phone(name);
    if (!phone) throw new RangeError(`no phone ${name} in ${this.scenario.name}`);
    return this.capf.certificatesOf(phone, this.options.keys, (fp) => this.certificate(fp));
  }

  /** What the phone would decide about the ITL its TFTP serves if it were reset now (the dry run behind "locked"). */
  nextResetDecision(name: string): TrustListDecision | undefined {
    const phone = this.fleet.phone(name);
    const served = phone && servedFiles(phone, this.bootContext);
    if (!phone || !served || !phone.model.securityByDefault) return undefined;
    const cached = { cache: cacheAfterReset(phone, this.bootContext), now: this.bootContext.now() };
    return decideTrustList(phone.itl, served.itl, tvsServersFor(phone, this.bootContext), phone.ctl, cached);
  }

  outcomes(): PhoneOutcome[] {
    const ctx = { ...this.bootContext, certificate: (fp: string) => this.identities.certificates.get(fp) };
    return this.phones.map((p) => phoneOutcome(p, ctx));
  }

  // ---------------------------------------------------------------- reactions (the CertificateChangeSagas)

  /** A certificate changed: the TFTP nodes that carry it re-sign their ITL (TrustListSigning.afterCertificateChange). */
  rebuildItlsAfterCertificateChange(clusterName: string, nodeName: string, purpose: string): void {
    this.trustLists.afterCertificateChange(clusterName, nodeName, purpose);
  }

  /** A certificate changed: an automatic reset wave, if the cluster's parameter asks for one (PhoneFleet.scheduleAutomaticResets). */
  scheduleAutomaticResets(clusterName: string, purpose: string): void {
    this.fleet.scheduleAutomaticResets(clusterName, purpose);
  }

  /** A reaction (saga command) failed: the current step fails with it. */
  fail(error: unknown): void {
    this.failure ??= error;
  }

  // ---------------------------------------------------------------- installation

  private recordStart(extra: Record<string, unknown> = {}): void {
    this.recordRun('RunStarted', {
      scenario: this.scenario.name,
      title: this.scenario.title ?? null,
      seed: this.scenario.seed,
      start: this.scenario.start,
      assumptions: this.assumptions,
      ...extra,
    });
  }

  private async install(): Promise<void> {
    this.recordStart();
    await this.installer.install();
    for (const cluster of this.clusters.values()) this.monitor.start(cluster);
    await this.endStep('install', 'clusters installed');
  }

  // ---------------------------------------------------------------- steps

  /** One step, handed to the part of the run it concerns. */
  private runStep(step: Step): void {
    if (step.kind !== 'expect') this.trustStores.lastUploads = [];
    switch (step.kind) {
      case 'uploadCertificate':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.trustStores.upload(this.cluster(step.cluster), node, step.store, step.certificate);
        return;
      case 'deleteCertificate':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.trustStores.delete(this.cluster(step.cluster), node, step.store, step.commonName);
        return;
      case 'generateCsr':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.trustStores.generateCsr(this.cluster(step.cluster), node, step.purpose, step.distribution);
        return;
      case 'regenerate':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.identities.regenerate(this.cluster(step.cluster), node, step.purpose, step.keyLength, step.hash);
        return;
      case 'cli':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.cli.run(this.cluster(step.cluster), node, step.command);
        return;
      case 'restartService':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.cli.restartService(this.cluster(step.cluster), node, step.service);
        return;
      case 'setParameter':
        return this.lifecycle.setParameter(this.cluster(step.cluster), step.name, step.value);
      case 'resetPhones':
        return this.fleet.resetPhones(step.phones, step.cluster, step.batchSize, step.interval ?? 0, `resetPhones (step ${step.index + 1})`);
      case 'power':
        if (step.phones) this.fleet.power(step.phones, step.state);
        if (step.cluster) this.lifecycle.power(this.cluster(step.cluster), this.nodesOf(step.cluster, step.nodes ?? { all: true }), step.state);
        return;
      case 'bulkCertificates':
        return this.bulk.run(this.cluster(step.cluster), step.action, step.type);
      case 'backup':
        return this.lifecycle.backup(this.cluster(step.cluster), step.name);
      case 'restore':
        return this.lifecycle.restore(this.cluster(step.cluster), step.backup);
      case 'dhcp':
        return this.fleet.changeDhcp(step);
      case 'capf':
        return this.fleet.setCapfOperation(step);
      case 'snapshot':
        return this.provisioning.snapshot(step.name);
      case 'upgrade':
        return this.lifecycle.upgrade(this.cluster(step.cluster), step.to, step.method);
      case 'emcc':
        return this.fleet.emcc(step);
      case 'ctlClient':
        return this.cli.runCtlClient(this.cluster(step.cluster));
      case 'proxyTftp':
        return this.lifecycle.proxyTftp(this.cluster(step.cluster), step.remote);
      case 'tlsConnection':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.tls.connect(this.cluster(step.cluster), node, step.peer, step.ocsp);
        return;
      case 'wait':
        this.scheduler.advanceTo(this.scheduler.now + step.duration);
        return;
      case 'waitFor':
        this.scheduler.settle();
        return;
      case 'expect':
        this.checkExpectations(step.expectations, step.index, this.outcomes());
        return;
      default: {
        const unknown = step as Step;
        throw new StepNotSimulatedError(`${unknown.loc.file}:${unknown.loc.line}:${unknown.loc.column}: step "${unknown.kind}" is not simulated yet by this version of trustsim`);
      }
    }
  }

  /** Background work whose time has come (see BackgroundJob). */
  private runJob(job: BackgroundJob): void {
    switch (job.kind) {
      case 'phone-resets':
        return this.fleet.resetBatch(job.phones, job.cause);
      case 'phone-power-on':
        return this.fleet.boot(job.phone, 'power on');
      case 'automatic-resets':
        return this.fleet.startAutomaticWave(job.cluster, job.cause);
      case 'trust-replication':
        return this.trustStores.replicate(job);
      case 'expiry-monitor':
        return this.monitor.run(job.cluster);
    }
  }

  private cluster(name: string): ClusterRuntime {
    const c = this.clusters.get(name);
    if (!c) throw new Error(`unknown cluster ${name}`);
    return c;
  }

  private nodesOf(clusterName: string, selector: { all: true } | { names: string[] }): NodeRuntime[] {
    const cluster = this.cluster(clusterName);
    return 'all' in selector ? [...cluster.nodes.values()] : selector.names.map((n) => cluster.node(n));
  }

  // ---------------------------------------------------------------- expectations, events

  private checkExpectations(expectations: Expectation[], step: number | undefined, outcomes: PhoneOutcome[]): void {
    for (const e of expectations) {
      let result: Omit<ExpectationResult, 'location' | 'step'>;
      if (e.kind === 'phones') result = checkPhoneExpectation(e, outcomes);
      else if (e.kind === 'store') result = checkStoreExpectation(e, (c, n) => this.cluster(c).node(n));
      else if (e.kind === 'upload') result = checkUploadExpectation(e, this.trustStores.lastUploads);
      else result = checkEventsExpectation(e, this.recorder.countsByType);
      const full = { location: locationOf(e), step, ...result };
      this.expectationResults.push(full);
      this.recordRun('ExpectationChecked', full);
    }
  }

  private changed(cluster: ClusterRuntime): void {
    cluster.changed();
    this.memo.clear();
  }

  private metadataCache: { now: number; value: Record<string, unknown> } = { now: -1, value: {} };

  /** Simulated time of the event; one shared object per instant (thousands of phone events share it). */
  private metadata(): Record<string, unknown> {
    if (this.metadataCache.now !== this.scheduler.now) {
      this.metadataCache = { now: this.scheduler.now, value: { at: new Date(this.epoch + this.scheduler.now).toISOString() } };
    }
    return this.metadataCache.value;
  }

  private record(category: string, id: string, type: string, data: unknown): void {
    this.recorder.record(this.recorder.stream(category, id), type, data, this.metadata());
  }

  private recordPhone(phone: PhoneRuntime, type: string, data: unknown): void {
    this.recorder.record(phone.stream, type, data, this.metadata());
  }

  private recordRun(type: string, data: unknown): void {
    this.recorder.record(`run-${this.runId}`, type, data, this.metadata());
  }

  private async endStep(step: TimelineEntry['step'], text: string, outcomes?: PhoneOutcome[]): Promise<void> {
    if (this.failure) throw this.failure;
    outcomes ??= this.outcomes();
    const checkpoint = step !== 'settle' && this.options.checkpoints !== false;
    // The step's own events: what it recorded, its StepCompleted and its checkpoint.
    const entry: TimelineEntry = { step, text, at: this.scheduler.now, counts: countStatuses(outcomes), events: this.recorder.pendingCount + (checkpoint ? 2 : 1) };
    this.timeline.push(entry);
    this.recordRun('StepCompleted', entry);
    if (checkpoint) {
      const afterStep = step === 'install' ? 0 : step + 1;
      this.recorder.record(`checkpoint-${this.runId}`, 'StateCheckpointed', captureCheckpoint(this.checkpointState(), afterStep), this.metadata());
    }
    await this.flush(typeof step === 'number' ? `step ${step + 1} (${text})` : text);
    this.options.onStep?.(entry);
  }

  private async flush(what = 'the end of the run'): Promise<void> {
    const t = Date.now();
    try {
      await this.recorder.flush();
    } catch (error) {
      throw new StepNotStoredError(what, this.runId, error);
    }
    this.storeMs += Date.now() - t;
  }
}

function settledData(o: PhoneOutcome) {
  const { name: _name, ...facts } = o;
  return facts;
}


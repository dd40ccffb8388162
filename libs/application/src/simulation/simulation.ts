import { randomBytes } from 'node:crypto';
import { EventStore } from '@trustsim/event-store';
import { CertificatePurpose, checkCertificateChoice, KeyPool, KeyRequest, RsaKeySize } from '@trustsim/pki';
import {
  Assumptions,
  AUTOMATIC_RESET_WAVE,
  certificateUpdateResetsPhones,
  changeRebuildsItl,
  hasItlRecovery,
  hasEcdsaIdentities,
  rollbackParameterResetsPhones,
  decideSecureRegistration,
  parseRelease,
  upgradeEffects,
  phoneModel,
  PhoneStatus,
  resolveAssumptions,
  decideTrustList,
  TrustListDecision,
  TrustListView,
} from '@trustsim/domain';
import { Expectation, parseCliCommand, PhoneSelector, Scenario, ServiceName, Step, SERVICE_NAMES } from '@trustsim/scenarios';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { EventRecorder } from './event-recorder';
import { checkEventsExpectation, checkPhoneExpectation, checkStoreExpectation, checkUploadExpectation, ExpectationResult, locationOf, selectPhones } from './expectations';
import { IdentityCertificate, IdentityIssuer, isEcPurpose } from './identity-issuer';
import { countStatuses, PhoneOutcome, phoneOutcome } from './outcomes';
import { bootPhone, BootContext, DecisionMemo, tftpFor, tvsServersFor } from './phone-boot';
import { PhoneRuntime } from './phone-runtime';
import { Scheduler } from './scheduler';
import { BackgroundJob } from './background-job';
import { CertRegenerated, ItlResigned, SimulationEvent } from '../events/certificate-events';
import { TrustListReader } from './trust-list-reader';
import { TrustStoreOperations } from './trust-store-operations';
import { DrsBackups } from './drs-backups';
import { CapfService } from './capf-service';
import { BulkCertificateArea, BulkEntry, bulkImportStores } from './bulk-certificates';
import { captureCheckpoint, Checkpoint, CheckpointState, forkMismatch, restoreCheckpoint } from './checkpoint';

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

export class StepNotSimulatedError extends Error {}

/** A fork's file does not share the stored run's set-up or its steps up to the fork point. */
export class ForkMismatchError extends Error {}

/** The store refused a step's events: nothing of that step was stored, and the run stops there. */
export class StepNotStoredError extends Error {
  constructor(
    readonly step: string,
    readonly runId: string,
    override readonly cause: unknown,
  ) {
    super(`run ${runId}: the events of ${step} could not be stored (${cause instanceof Error ? cause.message : String(cause)}); nothing of that step was stored and the run stopped there`);
    this.name = 'StepNotStoredError';
  }
}

/** Reads the services a step names ("Cisco Tftp") as node services (tftp). */
function serviceOf(name: string): ServiceName | undefined {
  return (SERVICE_NAMES as Record<string, ServiceName | undefined>)[name];
}

/**
 * Runs one scenario: installs the clusters, runs each step on the simulated clock, appends each step's
 * events in one transaction, and checks the expectations against what every phone really holds.
 */
export class Simulation {
  readonly clusters = new Map<string, ClusterRuntime>();
  readonly phones: PhoneRuntime[] = [];
  private readonly phonesByName = new Map<string, PhoneRuntime>();
  private readonly scheduler = new Scheduler<BackgroundJob>((job) => this.runJob(job));
  private readonly reader = new TrustListReader();
  private readonly memo = new DecisionMemo();
  private readonly certificates = new Map<string, IdentityCertificate>();
  private readonly recorder: EventRecorder;
  private readonly issuer: IdentityIssuer;
  private readonly epoch: number;
  readonly assumptions: Assumptions;
  private readonly timeline: TimelineEntry[] = [];
  private readonly expectationResults: ExpectationResult[] = [];
  private autoWavePending = new Set<string>();
  private readonly bootContext: BootContext;
  private phoneBoots = 0;
  private storeMs = 0;
  private failure?: unknown;
  private readonly drs = new DrsBackups();
  private readonly bulk = new BulkCertificateArea();
  private readonly trustStores: TrustStoreOperations;
  private readonly capf: CapfService;
  /** Snapshot names taken so far (phones whose `trust` names one take their state at that step). */
  private readonly snapshots = new Set<string>();
  private forkedFrom?: RunResult['forkedFrom'];

  constructor(
    readonly scenario: Scenario,
    private readonly options: SimulationOptions,
  ) {
    this.assumptions = resolveAssumptions({ ...scenario.assumptions, ...(options.assumptions ?? {}) });
    this.recorder = new EventRecorder(options.store, options.runId ?? randomBytes(6).toString('hex'), options.keepLog);
    this.issuer = new IdentityIssuer(options.keys, scenario.seed);
    this.epoch = Date.parse(scenario.start);
    scenario.clusters.forEach((spec, i) => this.clusters.set(spec.name, new ClusterRuntime(spec, i, this.reader, this.assumptions)));
    this.trustStores = new TrustStoreOperations({
      scheduler: this.scheduler,
      assumptions: this.assumptions,
      keys: options.keys,
      scenarioFile: scenario.file,
      now: () => new Date(this.epoch + this.scheduler.now),
      cluster: (name) => this.cluster(name),
      record: (category, id, type, data) => this.record(category, id, type, data),
      changed: (cluster) => this.changed(cluster),
      identity: (cluster, node, purpose) => this.identityOf(cluster, node, purpose),
      identityReplaced: (cluster, node, identity) => {
        this.certificates.set(identity.certificate.fingerprint, identity);
        this.options.publish(new CertRegenerated(this.runId, cluster.name, node.name, identity.purpose, identity.generation));
      },
    });
    this.capf = new CapfService((phone, type, data) => this.recordPhone(phone, type, data));
    this.bootContext = {
      cluster: (name) => this.cluster(name),
      assumptions: this.assumptions,
      memo: this.memo,
      record: (phone, type, data) => this.recordPhone(phone, type, data),
      capf: (phone, cluster) => this.capf.operate(phone, cluster),
    };
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
    this.createPhones();
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
      certificates: this.certificates,
      drs: this.drs,
      bulk: this.bulk,
      autoWavePending: this.autoWavePending,
      eventCounts: this.recorder.countsByType,
      timeline: this.timeline,
      expectations: this.expectationResults,
      lastUploads: this.trustStores.lastUploads,
      snapshots: this.snapshots,
      lsc: (cluster, fp) => this.capf.lsc(cluster, fp),
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
        phoneBoots: this.phoneBoots,
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
    const cluster = this.cluster(clusterName);
    const node = cluster.node(nodeName);
    if (!node.itl) throw new Error(`${clusterName}/${nodeName} serves no ITL (it does not run Cisco Tftp)`);
    const itl = digest ? cluster.buildItl(node, node.itl.builtAt, digest) : node.itl;
    const files = [{ fileName: itl.view.fileName, bytes: itl.bytes }];
    if (cluster.ctl) {
      const ctl = digest ? cluster.buildCtl(cluster.ctl.builtAt, digest) : cluster.ctl;
      files.push({ fileName: ctl.view.fileName, bytes: ctl.bytes });
    }
    return files;
  }

  /** The identity certificate with this fingerprint (any generation), for reports and explanations. */
  certificate(fingerprint: string): IdentityCertificate | undefined {
    return this.certificates.get(fingerprint);
  }

  /** A trust list a TFTP node served during the run, by file id (SHA-256). */
  trustList(fileId: string): TrustListView | undefined {
    return this.reader.byFileId(fileId);
  }

  phone(name: string): PhoneRuntime | undefined {
    return this.phonesByName.get(name);
  }

  /** What the phone would decide about the ITL its TFTP serves if it were reset now (the dry run behind "locked"). */
  nextResetDecision(name: string): TrustListDecision | undefined {
    const phone = this.phonesByName.get(name);
    const served = phone && tftpFor(phone, this.bootContext);
    if (!phone || !served || !phone.model.securityByDefault) return undefined;
    return decideTrustList(phone.itl, served.node.itl!.view, tvsServersFor(phone, this.bootContext));
  }

  outcomes(): PhoneOutcome[] {
    const ctx = { cluster: (n: string) => this.cluster(n), memo: this.memo, certificate: (fp: string) => this.certificates.get(fp) };
    return this.phones.map((p) => phoneOutcome(p, ctx));
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
    await this.options.keys.warm(this.installKeyRequests());
    for (const cluster of this.clusters.values()) {
      this.record(`cluster`, cluster.name, 'ClusterInstalled', {
        cluster: cluster.name,
        version: cluster.releaseName,
        security: cluster.security,
        parameters: cluster.parameters,
        nodes: cluster.spec.nodes.map((n) => ({ name: n.name, role: n.role, services: n.services })),
      });
      for (const node of cluster.nodes.values()) {
        for (const purpose of this.installedPurposes(cluster, node)) this.issueIdentity(cluster, node, purpose, 1, 'CertificateInstalled');
      }
      for (const node of cluster.tftpNodes) this.rebuildItl(cluster, node, 'tftp-started');
      if (cluster.security === 'mixed') this.updateCtl(cluster, 'cluster installed in mixed mode');
    }
    for (const phone of this.createPhones()) {
      const group = phone.group;
      const cluster = this.cluster(group.cluster);
      this.provisionTrust(phone, cluster);
      this.recordPhone(phone, 'PhoneProvisioned', { group: group.group, model: group.model, cluster: cluster.name, tftp: group.tftp, callManagerGroup: group.callManagerGroup, power: group.power, trust: group.trust });
    }
    await this.endStep('install', 'clusters installed');
  }

  /** The phones of every group, as the scenario names them (their state comes from install or a checkpoint). */
  private createPhones(): PhoneRuntime[] {
    for (const cluster of this.clusters.values()) {
      for (const group of cluster.spec.phones) {
        const model = phoneModel(group.model);
        if (!model) throw new Error(`${group.loc.file}:${group.loc.line}: unknown phone model ${group.model}`);
        const where = `${group.loc.file}:${group.loc.line}:${group.loc.column}`;
        if (group.lsc && !this.clusters.get(group.lsc.issuer)?.spec.nodes.some((n) => n.services.includes('capf'))) {
          throw new StepNotSimulatedError(`${where}: lsc issuer ${group.lsc.issuer} is not a cluster running CAPF`);
        }
        for (const name of group.names) {
          const phone = new PhoneRuntime(name, group, model);
          phone.stream = this.recorder.stream('phone', name);
          this.phones.push(phone);
          this.phonesByName.set(name, phone);
        }
      }
    }
    return this.phones;
  }

  /**
   * Identity certificates a node has at install (domain-reference §1): CallManager, TVS, tomcat, ipsec on
   * every node, the ECDSA pair from 11.0 [SREGEN], ITLRecovery (from 10.0) and CAPF on the publisher.
   */
  private installedPurposes(cluster: ClusterRuntime, node: NodeRuntime): string[] {
    const purposes = ['CallManager', 'TVS', 'tomcat', 'ipsec'];
    if (hasEcdsaIdentities(cluster.release)) purposes.push('CallManager-ECDSA', 'tomcat-ECDSA');
    if (node.isPublisher && hasItlRecovery(cluster.release)) purposes.push('ITLRecovery');
    if (node.isPublisher && node.services.has('capf')) purposes.push('CAPF');
    return purposes;
  }

  private installKeyRequests() {
    const requests: KeyRequest[] = [];
    for (const cluster of this.clusters.values()) {
      for (const node of cluster.nodes.values()) {
        for (const purpose of this.installedPurposes(cluster, node)) {
          if (isEcPurpose(purpose)) continue; // EC keys derive in well under a millisecond
          requests.push({ label: this.issuer.keyLabel({ cluster: cluster.name, node: node.name, purpose, generation: 1 }), kind: 'rsa', size: this.keyLength(cluster, node, purpose) as RsaKeySize });
        }
      }
    }
    return requests;
  }

  private keyLength(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, override?: number): number {
    if (override) return override;
    const spec = cluster.spec.certificates.find((c) => c.node === node.name && c.purpose === purpose);
    return spec?.keyLength ?? (isEcPurpose(purpose) ? 256 : 2048);
  }

  private hash(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, override?: string): 'sha1' | 'sha256' | 'sha384' | 'sha512' {
    const text = override ?? cluster.spec.certificates.find((c) => c.node === node.name && c.purpose === purpose)?.hash ?? 'SHA256';
    return text.toLowerCase() as 'sha1' | 'sha256' | 'sha384' | 'sha512';
  }

  /**
   * What the phone holds at the start: `current` is what its TFTP serves now (ITL, and the CTL in mixed
   * mode); `none` is factory new; a snapshot name is taken at that snapshot step. `lsc` gives it an LSC
   * from that cluster's CAPF.
   */
  private provisionTrust(phone: PhoneRuntime, cluster: ClusterRuntime): void {
    const tftpNode = phone.tftp.map((t) => cluster.nodes.get(t.node)).find((n) => n?.itl);
    if (phone.group.lsc) phone.lsc = this.capf.lscFrom(this.cluster(phone.group.lsc.issuer));
    if (phone.group.trust === 'current' && tftpNode) this.holdServedFiles(phone, cluster, tftpNode);
    else if (tftpNode) phone.config = cluster.heldConfig(phone.group, cluster.configFile(tftpNode, phone.group));
    if (phone.powered) {
      const target = phone.group.callManagerGroup.map((n) => cluster.callManagerTarget(n)).find((t) => t.available);
      if (!target) {
        phone.registration = { registered: false, reason: 'no-callmanager-reachable' };
        return;
      }
      const secure = decideSecureRegistration({
        profile: phone.group.securityProfile,
        clusterMixedMode: cluster.security === 'mixed',
        heldCtl: phone.ctl,
        callManagerFingerprint: cluster.node(target.node).identity('CallManager').certificate.fingerprint,
        lsc: phone.lsc,
        trustedCapfFingerprints: cluster.trustedCapfFingerprints(target.node),
      });
      phone.registration =
        secure.mode === 'refused' ? { registered: false, reason: 'secure-registration-refused', detail: secure.detail } : { registered: true, cluster: cluster.name, node: target.node, mode: secure.mode };
    }
  }

  /** The phone holds what the TFTP node serves now: its ITL (Security by Default), the cluster's CTL, the configuration. */
  private holdServedFiles(phone: PhoneRuntime, cluster: ClusterRuntime, tftpNode: NodeRuntime): void {
    if (phone.model.securityByDefault) phone.itl = tftpNode.itl!.view;
    if (cluster.ctl) phone.ctl = cluster.ctl.view;
    phone.config = cluster.heldConfig(phone.group, cluster.configFile(tftpNode, phone.group));
  }

  // ---------------------------------------------------------------- steps

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
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.regenerate(this.cluster(step.cluster), node, step.purpose, step.keyLength, step.hash);
        return;
      case 'cli':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.platformCommand(this.cluster(step.cluster), node, step.command);
        return;
      case 'restartService':
        for (const node of this.nodesOf(step.cluster, step.nodes)) this.restartService(this.cluster(step.cluster), node, step.service);
        return;
      case 'setParameter': {
        const cluster = this.cluster(step.cluster);
        cluster.parameters[step.name] = step.value;
        this.record('cluster', cluster.name, 'ParameterChanged', { name: step.name, value: step.value });
        if (step.name === 'prepareClusterForRollbackToPre80') this.onRollbackParameter(cluster);
        return;
      }
      case 'resetPhones':
        this.resetPhones(step.phones, step.cluster, step.batchSize, step.interval ?? 0, `resetPhones (step ${step.index + 1})`);
        return;
      case 'power':
        this.power(step);
        return;
      case 'bulkCertificates':
        this.bulkCertificates(this.cluster(step.cluster), step.action, step.type);
        return;
      case 'backup':
        this.backup(this.cluster(step.cluster), step.name);
        return;
      case 'restore':
        this.restore(this.cluster(step.cluster), step.backup);
        return;
      case 'dhcp':
        // DHCP option 150 now points elsewhere; phones notice at their next boot [SBULK].
        for (const phone of this.selectRuntime(step.phones)) {
          phone.tftp = step.tftp.map((t) => ({ cluster: t.cluster, node: t.node }));
          this.recordPhone(phone, 'DhcpOption150Changed', { tftp: phone.tftp });
        }
        return;
      case 'capf':
        for (const phone of this.selectRuntime(step.phones)) {
          phone.capf = { cluster: step.cluster, operation: step.operation, authMode: step.authMode };
          this.recordPhone(phone, 'CapfOperationSet', { cluster: step.cluster, operation: step.operation, authMode: step.authMode });
        }
        return;
      case 'snapshot':
        return this.snapshot(step.name);
      case 'upgrade':
        return this.upgrade(this.cluster(step.cluster), step.to, step.method);
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

  private identityOf(clusterName: string, nodeName: string, purpose: string): IdentityCertificate {
    const cluster = this.cluster(clusterName);
    if (purpose === 'ITLRecovery' && cluster.itlRecovery) return cluster.itlRecovery;
    const identity = cluster.node(nodeName).identities.get(purpose);
    if (!identity) throw new StepNotSimulatedError(`${clusterName}/${nodeName} has no ${purpose} certificate in this version of trustsim`);
    return identity;
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

  /**
   * Regenerate (or `set cert regen`): a new key and self-signed certificate, generation + 1 [chapter].
   * ITLRecovery is one certificate for the cluster, generated on the publisher (12.5+) [SREGEN].
   */
  private regenerate(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, keyLength?: number, hash?: string): void {
    const owner = purpose === 'ITLRecovery' ? cluster.publisher : node;
    const current = owner.identities.get(purpose);
    if (!current) throw new StepNotSimulatedError(`${cluster.name}/${owner.name} has no ${purpose} certificate (release ${cluster.releaseName})`);
    // "Regenerate" keeps the key length; "Generate Self-Signed Certificate" may choose another, within the
    // chapter's rules (key length ↔ hash, 3072/4096 RSA only, FIPS → SHA256) [chapter Table 6].
    const length = keyLength ?? current.certificate.keyBits;
    const choice = checkCertificateChoice({ purpose: purpose as CertificatePurpose, keyType: current.certificate.keyType, keyLength: length, hash: hash ?? 'SHA256', fips: cluster.parameters.fipsMode === true });
    if (!choice.ok) {
      this.record('node', `${cluster.name}.${owner.name}`, 'CertRegenerationRefused', { purpose, keyLength: length, hash: hash ?? 'SHA256', reason: choice.reason });
      return;
    }
    this.issueIdentity(cluster, owner, purpose, current.generation + 1, 'CertRegenerated', length, hash);
    this.options.publish(new CertRegenerated(this.runId, cluster.name, owner.name, purpose, current.generation + 1));
  }

  private issueIdentity(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, generation: number, event: string, keyLength?: number, hash?: string): void {
    const identity = this.issuer.issue({
      cluster: cluster.name,
      node: node.name,
      fqdn: node.fqdn,
      purpose,
      generation,
      release: cluster.release,
      keyLength: this.keyLength(cluster, node, purpose, keyLength),
      hash: this.hash(cluster, node, purpose, hash),
      notBefore: new Date(this.epoch + this.scheduler.now),
      organisation: cluster.name,
    });
    node.identities.set(purpose, identity);
    this.certificates.set(identity.certificate.fingerprint, identity);
    const c = identity.certificate;
    this.record('node', `${cluster.name}.${node.name}`, event, {
      cluster: cluster.name,
      node: node.name,
      purpose,
      generation,
      commonName: c.commonName,
      serial: c.serialHex,
      fingerprint: c.fingerprint,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      keyType: c.keyType,
      keyBits: c.keyBits,
      der: c.der.toString('base64'),
    });
    this.changed(cluster);
  }

  /**
   * After a certificate change the TFTP nodes that carry it rebuild and re-sign their ITL (§4.4)
   * [S125DEF]. Called by the CertificateChangeSagas.
   */
  rebuildItlsAfterCertificateChange(clusterName: string, nodeName: string, purpose: string): void {
    const cluster = this.cluster(clusterName);
    if (!changeRebuildsItl(purpose)) return;
    if (purpose === 'ITLRecovery' && this.assumptions.itlRecoveryRegenerationResigns === 'at-tftp-restart') return;
    // A node's own CallManager certificate is only in its own ITL (or in every reset ITL, which carries
    // the publisher's); TVS, CAPF and ITLRecovery are in every one.
    const node = cluster.node(nodeName);
    const affected =
      purpose === 'CallManager'
        ? cluster.tftpNodes.filter((n) => n === node || (n.itlMode === 'reset-localkey' && node.isPublisher))
        : cluster.tftpNodes;
    for (const tftp of affected) this.rebuildItl(cluster, tftp, `${purpose} certificate regenerated on ${nodeName}`, purpose);
  }

  private rebuildItl(cluster: ClusterRuntime, node: NodeRuntime, cause: string, certificateUpdate?: string): void {
    const itl = cluster.buildItl(node, this.epoch + this.scheduler.now);
    node.itl = itl;
    this.record('tftp', `${cluster.name}.${node.name}`, 'ItlResigned', {
      cluster: cluster.name,
      node: node.name,
      fileName: itl.view.fileName,
      file: itl.view.id,
      size: itl.bytes.length,
      signer: { node: itl.signer.node, purpose: itl.signer.purpose, generation: itl.signer.generation, fingerprint: itl.signer.certificate.fingerprint },
      mode: itl.mode,
      cause,
      bytes: itl.bytes.toString('base64'),
    });
    this.changed(cluster);
    this.options.publish(new ItlResigned(this.runId, cluster.name, node.name, cause, certificateUpdate));
  }

  /**
   * Bulk Certificate Management through the shared SFTP area [chapter] [SBULK]: export, consolidate, then
   * import on the source (and the destination for the return path), each certificate through the same
   * upload rules as a manual upload, into the stores of `bulkImportStores`.
   */
  private bulkCertificates(cluster: ClusterRuntime, action: 'export' | 'consolidate' | 'import', type: 'TFTP' | 'All'): void {
    const describe = (entries: BulkEntry[]) => entries.map((e) => ({ cluster: e.cluster, node: e.node, purpose: e.purpose, commonName: e.certificate.commonName }));
    if (action === 'export') {
      this.record('cluster', cluster.name, 'BulkCertificatesExported', { type, certificates: describe(this.bulk.export(cluster, type)) });
      return;
    }
    if (action === 'consolidate') {
      this.record('cluster', cluster.name, 'BulkCertificatesConsolidated', { certificates: describe(this.bulk.consolidate()) });
      return;
    }
    const consolidated = this.bulk.consolidated;
    if (!consolidated) {
      this.record('cluster', cluster.name, 'BulkCertificatesImportFailed', { reason: 'nothing consolidated in the SFTP area: export from every cluster, then consolidate, then import [chapter]' });
      return;
    }
    const foreign = consolidated.filter((e) => e.cluster !== cluster.name);
    for (const entry of foreign) {
      for (const store of bulkImportStores(entry.purpose)) {
        this.trustStores.uploadTrust(cluster, cluster.publisher, store, { certificate: entry.certificate });
      }
    }
    this.record('cluster', cluster.name, 'BulkCertificatesImported', { certificates: describe(foreign) });
  }

  /**
   * "Prepare Cluster for Rollback to pre-8.0": every TFTP node serves the empty ITL while it is True, the
   * full one again when it is set back; from 10.5 the change resets phones by itself [S125DEF].
   */
  private onRollbackParameter(cluster: ClusterRuntime): void {
    this.changed(cluster);
    for (const node of cluster.tftpNodes) this.rebuildItl(cluster, node, `Prepare Cluster for Rollback to pre-8.0 = ${String(cluster.parameters.prepareClusterForRollbackToPre80)}`);
    if (rollbackParameterResetsPhones(cluster.release)) this.scheduleResetWave(cluster, 'Prepare Cluster for Rollback to pre-8.0 changed');
  }

  /** DRS backup (§12) [chapter]. */
  private backup(cluster: ClusterRuntime, name: string): void {
    this.record('cluster', cluster.name, 'BackupTaken', { name, certificates: this.drs.take(cluster, name) });
  }

  /**
   * DRS restore: the backup's certificates, keys and trust stores come back; TFTP rebuilds its ITL (and
   * the CTL in mixed mode) from them. Restoring the backup that holds what phones trust undoes a
   * lock-out; restoring one older than a regeneration phones have taken locks them [chapter] [SITL10] (§12).
   */
  private restore(cluster: ClusterRuntime, name: string): void {
    if (!this.drs.has(cluster.name, name)) throw new StepNotSimulatedError(`no backup "${name}" of cluster ${cluster.name} was taken before this restore`);
    this.drs.restore(cluster, name);
    this.record('cluster', cluster.name, 'BackupRestored', { name });
    this.changed(cluster);
    for (const node of cluster.tftpNodes) this.rebuildItl(cluster, node, `restore of backup ${name}`);
    if (cluster.ctl) {
      cluster.ctlMode = 'normal';
      this.updateCtl(cluster, `restore of backup ${name}`);
    }
  }

  /** The CTL is built when the cluster goes to mixed mode and at `utils ctl update CTLFile`, never by itself (§5) [S125CTL]. */
  private updateCtl(cluster: ClusterRuntime, cause: string): void {
    const ctl = cluster.buildCtl(this.epoch + this.scheduler.now);
    cluster.ctl = ctl;
    this.record('cluster', cluster.name, 'CtlUpdated', {
      fileName: ctl.view.fileName,
      file: ctl.view.id,
      size: ctl.bytes.length,
      signer: { node: ctl.signer.node, purpose: ctl.signer.purpose, generation: ctl.signer.generation, fingerprint: ctl.signer.certificate.fingerprint },
      cause,
      bytes: ctl.bytes.toString('base64'),
    });
    this.changed(cluster);
  }

  /**
   * "Phone Interaction on Certificate Update" set to automatic: one reset wave over the cluster's phones
   * (several changes at the same instant share it) [SREL14] (§10.1). Called by the CertificateChangeSagas.
   */
  scheduleAutomaticResets(clusterName: string, purpose: string): void {
    const cluster = this.cluster(clusterName);
    if (!certificateUpdateResetsPhones(purpose, String(cluster.parameters.phoneInteractionOnCertificateUpdate))) return;
    this.scheduleResetWave(cluster, `automatic reset after ${purpose} certificate update`);
  }

  /** One reset wave over the phones the cluster serves; changes at the same instant share it. */
  private scheduleResetWave(cluster: ClusterRuntime, cause: string): void {
    if (this.autoWavePending.has(cluster.name)) return;
    this.autoWavePending.add(cluster.name);
    const start = this.scheduler.now + AUTOMATIC_RESET_WAVE.delayMs;
    this.record('cluster', cluster.name, 'AutomaticResetsScheduled', { cause, at: start, batchSize: AUTOMATIC_RESET_WAVE.batchSize, intervalMs: AUTOMATIC_RESET_WAVE.intervalMs });
    this.scheduler.schedule(start, { kind: 'automatic-resets', cluster: cluster.name, cause });
  }

  /** Background work whose time has come (see BackgroundJob). */
  private runJob(job: BackgroundJob): void {
    switch (job.kind) {
      case 'phone-resets':
        for (const phone of job.phones) if (phone.powered) this.boot(phone, job.cause);
        return;
      case 'phone-power-on':
        return this.boot(job.phone, 'power on');
      case 'automatic-resets': {
        this.autoWavePending.delete(job.cluster);
        const phones = this.phones.filter((p) => p.tftp[0]?.cluster === job.cluster);
        return this.scheduleBatches(phones, AUTOMATIC_RESET_WAVE.batchSize, AUTOMATIC_RESET_WAVE.intervalMs, job.cause);
      }
      case 'trust-replication':
        return this.trustStores.replicate(job);
    }
  }

  /** A platform CLI command typed on a node, read with the scenario language's own parser. */
  private platformCommand(cluster: ClusterRuntime, node: NodeRuntime, command: string): void {
    const text = command.trim().replace(/\s+/g, ' ');
    this.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandRun', { command: text });
    const parsed = parseCliCommand(text);
    if (!parsed.ok) throw new StepNotSimulatedError(`platform command "${text}": ${parsed.message}`);
    const c = parsed.command;
    const mixed = cluster.security === 'mixed';
    switch (c.kind) {
      case 'itl-reset-localkey':
        return this.itlResetLocalkey(cluster, node);
      case 'itl-reset-remotekey':
        return this.itlResetRemotekey(cluster, node, text);
      case 'file-get-itlrecovery':
        return this.exportItlRecovery(cluster, node, text);
      case 'ctl-set-cluster':
        return this.setClusterSecurity(cluster, node, c.mode, text);
      case 'authz-signing-key-regen':
        // SIP OAuth tokens signed with the old key stop working; phones' trust lists are not involved [chapter].
        return this.record('node', `${cluster.name}.${node.name}`, 'AuthzSigningKeyRegenerated', { effect: 'OAuth access and refresh tokens issued before are invalid; clients sign in again' });
      case 'ctl-update-ctlfile':
      case 'ctl-reset-localkey':
        // Both need a CTL: a non-secure cluster has none to update or re-sign [S125CTL].
        if (!mixed) return this.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandFailed', { command: text, reason: 'the cluster is not in mixed mode: there is no CTL file' });
        cluster.ctlMode = c.kind === 'ctl-reset-localkey' ? 'reset-localkey' : 'normal';
        return this.updateCtl(cluster, text);
      case 'cert-regen':
        return this.regenerate(cluster, node, c.purpose, undefined, undefined);
      case 'service-restart':
        return this.restartService(cluster, node, c.service);
      case 'set-hostname':
        return this.changeHostname(cluster, node, c.hostname);
      case 'show-itl':
      case 'show-ctl':
      case 'show-cert-list':
        return; // read-only; the training shell prints them
      default:
        throw new StepNotSimulatedError(`platform command "${text}" is not simulated yet by this version of trustsim`);
    }
  }

  /**
   * `set network hostname`: every self-signed certificate of the node is regenerated under the new name
   * (not ITLRecovery), and all devices reset to download the new ITL [SHOST] (§10.6).
   */
  private changeHostname(cluster: ClusterRuntime, node: NodeRuntime, hostname: string): void {
    const domain = node.fqdn.split('.').slice(1).join('.');
    node.fqdn = `${hostname}.${domain}`;
    this.record('node', `${cluster.name}.${node.name}`, 'HostnameChanged', { hostname, fqdn: node.fqdn });
    for (const identity of [...node.identities.values()]) {
      if (identity.purpose === 'ITLRecovery' || !identity.certificate.selfSigned) continue;
      this.issueIdentity(cluster, node, identity.purpose, identity.generation + 1, 'CertRegenerated', identity.certificate.keyBits);
      this.options.publish(new CertRegenerated(this.runId, cluster.name, node.name, identity.purpose, identity.generation + 1));
    }
    this.scheduleResetWave(cluster, `hostname change of ${node.name}`);
  }

  /**
   * `utils itl reset localkey` (publisher only): the publisher's ITL re-signed by its CallManager key,
   * pushed to every active TFTP node, until their TFTP service restarts [S125DEF] [SCLI] (§10.5).
   */
  private itlResetLocalkey(cluster: ClusterRuntime, node: NodeRuntime): void {
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils itl reset localkey runs on the publisher, not on ${cluster.name}/${node.name} [SCLI]`);
    for (const tftp of cluster.tftpNodes.filter((n) => n.runs('tftp'))) {
      tftp.itlMode = 'reset-localkey';
      this.rebuildItl(cluster, tftp, 'utils itl reset localkey');
    }
  }

  /**
   * `file get tftp ITLRecovery.p12`: the ITLRecovery pair leaves the publisher for safekeeping (do it at
   * install, keep it with the DRS backups) [S125DEF].
   */
  private exportItlRecovery(cluster: ClusterRuntime, node: NodeRuntime, text: string): void {
    const identity = cluster.itlRecovery;
    if (!node.isPublisher || !identity) {
      return this.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandFailed', { command: text, reason: node.isPublisher ? `release ${cluster.releaseName} has no ITLRecovery certificate` : 'ITLRecovery.p12 is on the publisher' });
    }
    cluster.exportedItlRecovery = identity;
    this.record('node', `${cluster.name}.${node.name}`, 'ItlRecoveryExported', { generation: identity.generation, fingerprint: identity.certificate.fingerprint });
  }

  /**
   * `utils itl reset remotekey <host> <user> ITLRecovery.p12` (publisher only): a new ITL signed with the
   * recovery key imported from the SFTP server, pushed to every TFTP node until Cisco Tftp restarts [SCLI]
   * [S125DEF]. It helps exactly the phones that still trust that ITLRecovery certificate.
   */
  private itlResetRemotekey(cluster: ClusterRuntime, node: NodeRuntime, text: string): void {
    const stream = `${cluster.name}.${node.name}`;
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils itl reset remotekey runs on the publisher, not on ${cluster.name}/${node.name} [SCLI]`);
    if (!cluster.exportedItlRecovery) {
      return this.record('node', stream, 'PlatformCommandFailed', { command: text, reason: 'no ITLRecovery.p12 on the SFTP server: export it first with `file get tftp ITLRecovery.p12` [S125DEF]' });
    }
    for (const tftp of cluster.tftpNodes.filter((n) => n.runs('tftp'))) {
      tftp.itlMode = 'reset-remotekey';
      this.rebuildItl(cluster, tftp, 'utils itl reset remotekey');
    }
  }

  /**
   * `utils ctl set-cluster mixed-mode` builds the first CTL; `non-secure-mode` keeps the file without its
   * entries' certificates, so phones ask for unsigned configurations and register non-secure [S125CTL].
   */
  private setClusterSecurity(cluster: ClusterRuntime, node: NodeRuntime, mode: 'mixed-mode' | 'non-secure-mode', text: string): void {
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils ctl set-cluster runs on the publisher, not on ${cluster.name}/${node.name} [S125CTL]`);
    cluster.security = mode === 'mixed-mode' ? 'mixed' : 'non-secure';
    this.record('cluster', cluster.name, 'ClusterSecurityModeChanged', { security: cluster.security });
    if (mode === 'mixed-mode' || cluster.ctl) {
      cluster.ctlMode = 'normal';
      this.updateCtl(cluster, text);
    }
  }

  /**
   * Record every phone's trust state under a name (what it holds, by file), and give the phones whose
   * `trust` names this snapshot what their TFTP serves now — as phones last booted at this moment and
   * switched off since (a spare stock, a closed branch).
   */
  private snapshot(name: string): void {
    this.snapshots.add(name);
    const held = new Map<string, number>();
    for (const phone of this.phones) {
      const group = phone.group.trust;
      if (typeof group === 'object' && group.snapshot === name) {
        const served = tftpFor(phone, this.bootContext);
        if (served) this.holdServedFiles(phone, served.cluster, served.node);
        this.recordPhone(phone, 'TrustTakenFromSnapshot', { snapshot: name, itl: phone.itl?.id ?? null, ctl: phone.ctl?.id ?? null });
      }
      const key = `${phone.group.cluster}/${phone.group.group}|${phone.itl?.id ?? 'none'}|${phone.ctl?.id ?? 'none'}`;
      held.set(key, (held.get(key) ?? 0) + 1);
    }
    const groups = [...held].map(([key, phones]) => {
      const [group, itl, ctl] = key.split('|');
      return { group, itl, ctl, phones };
    });
    this.recordRun('SnapshotTaken', { name, groups });
  }

  /**
   * `upgrade`: the cluster switches to the new release and every node reboots, so each TFTP node builds
   * its ITL with the new release's rules and phones reset as their CallManager comes back. A refresh
   * upgrade into 12.5(1)–12.5(1)SU2 regenerates ITLRecovery (FN70613); from 12.5(1)SU6 / 14SU2 expired
   * trust certificates are not carried over [SFN] [S14] (upgrade.ts).
   */
  private upgrade(cluster: ClusterRuntime, to: string, method: 'refresh' | 'l2'): void {
    const from = cluster.releaseName;
    const effects = upgradeEffects(cluster.release, parseRelease(to), method);
    cluster.release = parseRelease(to);
    cluster.releaseName = to;
    this.record('cluster', cluster.name, 'ClusterUpgraded', { from, to, method, effects: effects.why });
    const recovery = cluster.itlRecovery;
    if (effects.regeneratesItlRecovery && recovery) {
      this.issueIdentity(cluster, cluster.publisher, 'ITLRecovery', recovery.generation + 1, 'CertRegenerated', recovery.certificate.keyBits);
    }
    if (effects.dropsExpiredTrustCertificates) {
      const now = this.epoch + this.scheduler.now;
      for (const node of cluster.nodes.values()) {
        for (const [store, entries] of node.stores) {
          for (const [cn, cert] of entries) {
            if (cert.notAfter.getTime() >= now) continue;
            entries.delete(cn);
            this.record('node', `${cluster.name}.${node.name}`, 'ExpiredTrustCertificateDropped', { store, commonName: cn, notAfter: cert.notAfter.toISOString() });
          }
        }
      }
    }
    this.changed(cluster);
    for (const node of cluster.tftpNodes) {
      node.itlMode = 'normal';
      this.rebuildItl(cluster, node, `upgrade to ${to}`);
    }
    this.scheduleResetWave(cluster, `upgrade to ${to}: nodes rebooted`);
  }

  /** Restarting Cisco Tftp rebuilds the ITL with the release's signer, ending a reset ITL (§4.4) [chapter] [S125DEF]. */
  private restartService(cluster: ClusterRuntime, node: NodeRuntime, service: string): void {
    this.record('node', `${cluster.name}.${node.name}`, 'ServiceRestarted', { service });
    if (serviceOf(service) === 'tftp' && node.services.has('tftp')) {
      node.itlMode = 'normal';
      this.rebuildItl(cluster, node, 'Cisco Tftp restarted');
    }
  }

  private resetPhones(selector: PhoneSelector, clusterName: string | undefined, batchSize: number | undefined, interval: number, cause: string): void {
    let phones = this.selectRuntime(selector);
    // A cluster resets the phones registered to it (or provisioned there, when they are not registered).
    if (clusterName) phones = phones.filter((p) => (p.registration?.registered ? p.registration.cluster : p.tftp[0]?.cluster ?? p.group.cluster) === clusterName || (!p.registration?.registered && p.group.cluster === clusterName));
    this.recordRun('PhonesResetRequested', { count: phones.length, batchSize: batchSize ?? phones.length, intervalMs: interval });
    this.scheduleBatches(phones, batchSize ?? phones.length, interval, cause);
  }

  private scheduleBatches(phones: PhoneRuntime[], batchSize: number, interval: number, cause: string): void {
    const size = Math.max(1, batchSize);
    for (let i = 0, b = 0; i < phones.length; i += size, b++) {
      const batch = phones.slice(i, i + size);
      this.scheduler.schedule(this.scheduler.now + b * interval, { kind: 'phone-resets', phones: batch, cause });
    }
  }

  private boot(phone: PhoneRuntime, cause: string): void {
    this.phoneBoots++;
    bootPhone(phone, cause, this.bootContext);
  }


  private power(step: Extract<Step, { kind: 'power' }>): void {
    if (step.phones) {
      for (const phone of this.selectRuntime(step.phones)) {
        if (step.state === 'off') {
          phone.powered = false;
          phone.registration = undefined;
          this.recordPhone(phone, 'PhonePoweredOff', {});
        } else if (!phone.powered) {
          phone.powered = true;
          this.scheduler.schedule(this.scheduler.now, { kind: 'phone-power-on', phone });
        }
      }
    }
    if (step.cluster) {
      const cluster = this.cluster(step.cluster);
      const nodes = step.nodes ? this.nodesOf(step.cluster, step.nodes) : [...cluster.nodes.values()];
      for (const node of nodes) {
        node.powered = step.state === 'on';
        this.record('node', `${cluster.name}.${node.name}`, step.state === 'on' ? 'NodePoweredOn' : 'NodePoweredOff', {});
      }
      this.changed(cluster);
    }
  }

  private selectRuntime(selector: PhoneSelector): PhoneRuntime[] {
    return selectPhones(this.phones.map((p) => p.key), selector).map((k) => this.phonesByName.get(k.name)!);
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

  /** A reaction (saga command) failed: the current step fails with it. */
  fail(error: unknown): void {
    this.failure ??= error;
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


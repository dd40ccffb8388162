import { createHash } from 'node:crypto';
import { KeyPool, KeyRequest, parseCertificate, CertificateInfo } from '@trustsim/pki';
import { CachedTvsAnswer, ItlSigningMode, parseRelease, Registration, TrustListView, TvsCache } from '@trustsim/domain';
import { Scenario, Step } from '@trustsim/scenarios';
import { BackgroundJob } from './background-job';
import { BulkCertificateArea, BulkEntry } from './bulk-certificates';
import { ClusterRuntime, NodeRuntime, ServedTrustList } from './cluster-runtime';
import { DrsBackups, NodeBackup } from './drs-backups';
import { ExpectationResult } from './expectations';
import { IdentityCertificate } from './identity-issuer';
import { HeldConfig, Lsc, NodeAddress, PendingCapf, PhoneRuntime } from './phone-runtime';
import { ScheduledJob, Scheduler } from './scheduler';
import { TrustListReader } from './trust-list-reader';
import type { TimelineEntry } from './simulation';
import type { UploadOutcome } from './trust-store-operations';

/**
 * The whole state of a run after one of its steps, as data: what `run --fork <run>@<step>` starts from
 * without replaying the steps before. Certificates are stored as DER and private keys only by the name of
 * the seed-derived key (KeyPool label), so a checkpoint holds no key. The clock's pending work (reset
 * batches, automatic waves, replication) is in it too: a fork right after `resetPhones` still resets.
 */
export interface Checkpoint {
  /** 2: phones' TVS caches, the CTL kind and eTokens, TFTP's cached tomcat certificate. */
  format: 2;
  scenario: string;
  /** After this step, 1-based; 0 is the installed state before the first step. */
  afterStep: number;
  /** Digest of what a fork must share with the run: seed, start, clusters and phones. */
  setup: string;
  /** The steps up to here, as digests and one-line texts: a fork's file must begin with the same ones. */
  prefix: { digest: string; text: string }[];
  now: number;
  nextJob: number;
  /** DER (base64) by SHA-256 fingerprint: identities, trust-store entries, bulk exports. */
  certificates: Record<string, string>;
  /** Every identity certificate of the run so far (current and replaced), by fingerprint. */
  identities: Record<string, { cluster: string; node: string; purpose: string; generation: number; key: KeyRequest }>;
  /** ITL and CTL files (base64) by file id, as nodes serve them and phones hold them. */
  trustLists: Record<string, string>;
  clusters: ClusterState[];
  /**
   * `index`: each phone's row, in the scenario's phone order, as `[row, count]` runs (a group in one state is one run). `tvsCaches`: each distinct cache of TVS answers once, and `cacheIndex`
   * runs of phones per cache (-1: none) — kept out of the rows, since answers expire at each batch's own time.
   */
  phones: { rows: PhoneRow[]; configs: HeldConfig[]; index: [number, number][]; tvsCaches: CachedTvsAnswer[][]; cacheIndex: [number, number][] };
  jobs: { at: number; seq: number; job: StoredJob }[];
  autoWavePending: string[];
  backups: { key: string; nodes: Record<string, NodeRefs> }[];
  bulk: { exports: Record<string, BulkRef[]>; consolidated?: BulkRef[] };
  eventCounts: Record<string, number>;
  timeline: TimelineEntry[];
  expectations: ExpectationResult[];
  lastUploads: UploadOutcome[];
  snapshots: string[];
}

interface NodeRefs {
  identities: Record<string, string>;
  stores: Record<string, string[]>;
}

interface ServedRef {
  file: string;
  signer: string;
  mode: ItlSigningMode;
  builtAt: number;
}

interface ClusterState {
  name: string;
  release: string;
  security: ClusterRuntime['security'];
  exportedItlRecovery?: string;
  proxyFor?: string[];
  parameters: Record<string, string | number | boolean>;
  ctlMode: ClusterRuntime['ctlMode'];
  ctlKind: ClusterRuntime['ctlKind'];
  /** The USB eTokens' certificates (identities table). */
  tokens?: [string, string];
  ctl?: ServedRef;
  nodes: (NodeRefs & { name: string; powered: boolean; fqdn: string; stoppedServices: string[]; itlMode: ItlSigningMode; tftpTomcat?: string; pendingCsrs: Record<string, string>; itl?: ServedRef })[];
}

/** [powered, held ITL id, held config index, lastItl, lastConfig, lastTvs, registration, DHCP option 150, held CTL id, lastCtl, LSC, pending CAPF, EMCC visiting TFTP]. */
type PhoneRow = [
  boolean,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  Registration | null,
  NodeAddress[],
  string | null,
  string | null,
  Lsc | null,
  PendingCapf | null,
  NodeAddress[] | null,
];

interface BulkRef {
  cluster: string;
  node: string;
  purpose: string;
  certificate: string;
}

type StoredJob =
  /** The batch's phones as runs of positions in the scenario's phone list: `[first, count]` (a 1,000-phone batch is one pair). */
  | { kind: 'phone-resets'; phones: [number, number][]; cause: string }
  | { kind: 'automatic-resets'; cluster: string; cause: string }
  | { kind: 'phone-power-on'; phone: string }
  | { kind: 'trust-replication'; cluster: string; node: string; store: string; certificate: string }
  | { kind: 'expiry-monitor'; cluster: string };

/** The parts of a running simulation a checkpoint covers. */
export interface CheckpointState {
  scenario: Scenario;
  clusters: Map<string, ClusterRuntime>;
  phones: PhoneRuntime[];
  scheduler: Scheduler<BackgroundJob>;
  reader: TrustListReader;
  /** Every identity certificate of the run by fingerprint (reports name replaced ones too). */
  certificates: Map<string, IdentityCertificate>;
  drs: DrsBackups;
  bulk: BulkCertificateArea;
  autoWavePending: Set<string>;
  eventCounts: Map<string, number>;
  timeline: TimelineEntry[];
  expectations: ExpectationResult[];
  lastUploads: UploadOutcome[];
  snapshots: Set<string>;
  /** Shares one LSC value per issuing CAPF, as the run does. */
  lsc(cluster: string, issuerFingerprint: string, issuedAt: string): Lsc;
}

/** What must be equal between a run and a fork of it: everything before the first step. */
export function setupDigest(scenario: Scenario): string {
  return digest({ seed: scenario.seed, start: scenario.start, clusters: scenario.clusters });
}

/** One step without where it is written: two files with the same step give the same digest. */
export function stepDigest(step: Step): string {
  const { loc: _loc, index: _index, text: _text, ...body } = step as Step & Record<string, unknown>;
  return digest(body);
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (key, v) => (key === 'loc' ? undefined : v)))
    .digest('hex')
    .slice(0, 16);
}

export function captureCheckpoint(state: CheckpointState, afterStep: number): Checkpoint {
  const certificates: Record<string, string> = {};
  const cert = (c: CertificateInfo) => {
    certificates[c.fingerprint] ??= c.der.toString('base64');
    return c.fingerprint;
  };
  const identities: Checkpoint['identities'] = {};
  const identity = (id: IdentityCertificate) => {
    identities[id.certificate.fingerprint] ??= { cluster: id.cluster, node: id.node, purpose: id.purpose, generation: id.generation, key: id.key };
    return cert(id.certificate);
  };
  for (const id of state.certificates.values()) identity(id);
  const trustLists: Record<string, string> = {};
  const served = (s: ServedTrustList): ServedRef => {
    trustLists[s.view.id] ??= s.bytes.toString('base64');
    return { file: s.view.id, signer: identity(s.signer), mode: s.mode, builtAt: s.builtAt };
  };
  const refs = (identitiesOf: Map<string, IdentityCertificate>, stores: Map<string, Map<string, CertificateInfo>>): NodeRefs => ({
    identities: Object.fromEntries([...identitiesOf].map(([purpose, id]) => [purpose, identity(id)])),
    stores: Object.fromEntries([...stores].map(([name, entries]) => [name, [...entries.values()].map(cert)])),
  });
  const clusters: ClusterState[] = [...state.clusters.values()].map((c) => ({
    name: c.name,
    release: c.releaseName,
    security: c.security,
    ...(c.exportedItlRecovery ? { exportedItlRecovery: identity(c.exportedItlRecovery) } : {}),
    ...(c.proxyFor.size ? { proxyFor: [...c.proxyFor] } : {}),
    parameters: { ...c.parameters },
    ctlMode: c.ctlMode,
    ctlKind: c.ctlKind,
    ...(c.tokens ? { tokens: [c.tokens[0].certificate.fingerprint, c.tokens[1].certificate.fingerprint] as [string, string] } : {}),
    ...(c.ctl ? { ctl: served(c.ctl) } : {}),
    nodes: [...c.nodes.values()].map((n) => ({
      name: n.name,
      powered: n.powered,
      fqdn: n.fqdn,
      stoppedServices: [...n.stoppedServices],
      itlMode: n.itlMode,
      ...(n.tftpTomcat ? { tftpTomcat: n.tftpTomcat } : {}),
      pendingCsrs: Object.fromEntries(n.pendingCsrs),
      ...refs(n.identities, n.stores),
      ...(n.itl ? { itl: served(n.itl) } : {}),
    })),
  }));
  const bulkRef = (e: BulkEntry): BulkRef => ({ cluster: e.cluster, node: e.node, purpose: e.purpose, certificate: cert(e.certificate) });
  return {
    format: 2,
    scenario: state.scenario.name,
    afterStep,
    setup: setupDigest(state.scenario),
    prefix: state.scenario.steps.slice(0, afterStep).map((s) => ({ digest: stepDigest(s), text: s.text })),
    now: state.scheduler.now,
    nextJob: state.scheduler.nextSeq,
    certificates,
    identities,
    trustLists,
    clusters,
    phones: capturePhones(state.phones, (view) => {
      // A phone holds a file some node served; keep its bytes (the reader saw them).
      trustLists[view.id] ??= state.reader.bytesOf(view.id)!.toString('base64');
      return view.id;
    }),
    jobs: storeJobs(state, cert),
    autoWavePending: [...state.autoWavePending],
    backups: state.drs.entries().map(([key, nodes]) => ({ key, nodes: Object.fromEntries([...nodes].map(([name, b]) => [name, refs(b.identities, b.stores)])) })),
    bulk: {
      exports: Object.fromEntries([...state.bulk.exports].map(([cluster, entries]) => [cluster, entries.map(bulkRef)])),
      ...(state.bulk.consolidated ? { consolidated: state.bulk.consolidated.map(bulkRef) } : {}),
    },
    // Counted as the log will count it: this checkpoint is recorded right after it is taken.
    eventCounts: countingItself(state.eventCounts),
    timeline: state.timeline.slice(),
    expectations: state.expectations.slice(),
    lastUploads: state.lastUploads.slice(),
    snapshots: [...state.snapshots],
  };
}

function countingItself(counts: Map<string, number>): Record<string, number> {
  const out = Object.fromEntries(counts);
  out.StateCheckpointed = (out.StateCheckpointed ?? 0) + 1;
  return out;
}

/** 40,000 phones are a few distinct states: one row per state, and runs of phones in the same row. */
function capturePhones(phones: PhoneRuntime[], itlId: (view: TrustListView) => string): Checkpoint['phones'] {
  const rows: PhoneRow[] = [];
  const rowIndex = new Map<string, number>();
  const configs: HeldConfig[] = [];
  const configIndex = new Map<HeldConfig, number>();
  const tvsCaches: CachedTvsAnswer[][] = [];
  const cacheIndex = new Map<TvsCache, number>();
  const caches = phones.map((p) => {
    if (!p.tvsCache?.size) return -1;
    let cache = cacheIndex.get(p.tvsCache);
    if (cache === undefined) {
      cacheIndex.set(p.tvsCache, (cache = tvsCaches.length));
      tvsCaches.push([...p.tvsCache.answers.values()]);
    }
    return cache;
  });
  const index = phones.map((p) => {
    let config: number | null = null;
    if (p.config) {
      config = configIndex.get(p.config) ?? configs.length;
      if (config === configs.length) {
        configs.push(p.config);
        configIndex.set(p.config, config);
      }
    }
    const row: PhoneRow = [
      p.powered,
      p.itl ? itlId(p.itl) : null,
      config,
      p.lastItl ?? null,
      p.lastConfig ?? null,
      p.lastTvs ?? null,
      p.registration ?? null,
      p.tftp,
      p.ctl ? itlId(p.ctl) : null,
      p.lastCtl ?? null,
      p.lsc ?? null,
      p.capf ?? null,
      p.emccVisitingTftp ?? null,
    ];
    const key = rowKey(p, config);
    let i = rowIndex.get(key);
    if (i === undefined) {
      rowIndex.set(key, (i = rows.length));
      rows.push(row);
    }
    return i;
  });
  return { rows, configs, index: repeatsOf(index), tvsCaches, cacheIndex: repeatsOf(caches) };
}

/** [value, how many in a row]: 40,000 phones reset in batches are a few hundred runs. */
function repeatsOf(values: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const value of values) {
    const last = runs[runs.length - 1];
    if (last && last[0] === value) last[1]++;
    else runs.push([value, 1]);
  }
  return runs;
}

/**
 * The content of a phone's row as a string, cheaply: 40,000 phones per step share a handful of objects
 * (DHCP lists, LSCs, pending CAPF operations), so each object's text is built once and looked up after.
 */
function rowKey(p: PhoneRuntime, config: number | null): string {
  const r = p.registration;
  const registration = !r ? '' : r.registered ? `${r.cluster}/${r.node}/${r.mode}` : `${r.reason}:${'detail' in r ? r.detail : ''}`;
  return [
    p.powered ? 1 : 0,
    p.itl?.id ?? '',
    config ?? '',
    p.lastItl ?? '',
    p.lastConfig ?? '',
    p.lastTvs ?? '',
    registration,
    textOf(p.tftp),
    p.ctl?.id ?? '',
    p.lastCtl ?? '',
    textOf(p.lsc),
    textOf(p.capf),
    textOf(p.emccVisitingTftp),
  ].join('|');
}

const texts = new WeakMap<object, string>();

function textOf(value: object | undefined): string {
  if (!value) return '';
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

function storeJobs(state: CheckpointState, cert: (c: CertificateInfo) => string): Checkpoint['jobs'] {
  const pending = state.scheduler.pendingJobs();
  const position = pending.some((j) => j.job.kind === 'phone-resets') ? new Map(state.phones.map((p, i) => [p, i])) : new Map<PhoneRuntime, number>();
  return pending.map(({ at, seq, job }) => ({ at, seq, job: storeJob(job, cert, position) }));
}

/** Positions as `[first, count]` runs: reset batches are slices of the phone list, so a batch is a run or a few. */
function runsOf(positions: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const p of positions) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === p) last[1]++;
    else runs.push([p, 1]);
  }
  return runs;
}

function storeJob(job: BackgroundJob, cert: (c: CertificateInfo) => string, position: Map<PhoneRuntime, number>): StoredJob {
  switch (job.kind) {
    case 'phone-resets':
      return { kind: job.kind, phones: runsOf(job.phones.map((p) => position.get(p)!)), cause: job.cause };
    case 'phone-power-on':
      return { kind: job.kind, phone: job.phone.name };
    case 'trust-replication':
      return { ...job, certificate: cert(job.certificate) };
    default:
      return job;
  }
}

/** Why a file cannot be forked from a checkpoint, or undefined when it can. */
export function forkMismatch(checkpoint: Checkpoint, scenario: Scenario, runId: string): string | undefined {
  if (checkpoint.format !== 2) return `run ${runId}'s checkpoint has format ${String(checkpoint.format)}, which this version of trustsim does not read`;
  if (setupDigest(scenario) !== checkpoint.setup) {
    return `${scenario.file} does not start from the same clusters, phones, seed and start time as run ${runId} (scenario ${checkpoint.scenario}): a fork changes steps, not the set-up`;
  }
  if (scenario.steps.length < checkpoint.afterStep) return `${scenario.file} has ${scenario.steps.length} steps; run ${runId} is forked after step ${checkpoint.afterStep}`;
  for (let i = 0; i < checkpoint.afterStep; i++) {
    if (stepDigest(scenario.steps[i]) !== checkpoint.prefix[i].digest) {
      const s = scenario.steps[i];
      return `${s.loc.file}:${s.loc.line}:${s.loc.column}: step ${i + 1} ("${s.text}") differs from step ${i + 1} of run ${runId} ("${checkpoint.prefix[i].text}"): a fork after step ${checkpoint.afterStep} keeps the steps up to there`;
    }
  }
  return undefined;
}

/** Puts a checkpoint's state into a freshly constructed simulation of the same set-up. */
export function restoreCheckpoint(checkpoint: Checkpoint, state: CheckpointState, keys: KeyPool): void {
  const certs = new Map<string, CertificateInfo>();
  const cert = (fp: string) => {
    let c = certs.get(fp);
    if (!c) certs.set(fp, (c = parseCertificate(Buffer.from(checkpoint.certificates[fp], 'base64'))));
    return c;
  };
  const identity = (fp: string): IdentityCertificate => {
    let id = state.certificates.get(fp);
    if (!id) {
      const meta = checkpoint.identities[fp];
      id = { ...meta, certificate: cert(fp), privateKey: keys.get(meta.key).privateKey };
      state.certificates.set(fp, id);
    }
    return id;
  };
  for (const fp of Object.keys(checkpoint.identities)) identity(fp);
  const trustList = (id: string) => {
    const bytes = Buffer.from(checkpoint.trustLists[id], 'base64');
    return { bytes, view: state.reader.read(bytes) };
  };
  const served = (ref: ServedRef): ServedTrustList => ({ ...trustList(ref.file), signer: identity(ref.signer), mode: ref.mode, builtAt: ref.builtAt });
  const putRefs = (refs: NodeRefs, identities: Map<string, IdentityCertificate>, stores: Map<string, Map<string, CertificateInfo>>) => {
    identities.clear();
    for (const [purpose, fp] of Object.entries(refs.identities)) identities.set(purpose, identity(fp));
    stores.clear();
    for (const [name, fps] of Object.entries(refs.stores)) stores.set(name, new Map(fps.map((fp) => [cert(fp).commonName, cert(fp)])));
  };
  for (const saved of checkpoint.clusters) {
    const cluster = state.clusters.get(saved.name)!;
    Object.assign(cluster.parameters, saved.parameters);
    cluster.release = parseRelease(saved.release);
    cluster.releaseName = saved.release;
    cluster.security = saved.security;
    for (const remote of saved.proxyFor ?? []) cluster.proxyFor.add(remote);
    cluster.exportedItlRecovery = saved.exportedItlRecovery ? identity(saved.exportedItlRecovery) : undefined;
    cluster.ctlMode = saved.ctlMode;
    cluster.ctlKind = saved.ctlKind;
    cluster.tokens = saved.tokens && [identity(saved.tokens[0]), identity(saved.tokens[1])];
    cluster.ctl = saved.ctl && served(saved.ctl);
    for (const n of saved.nodes) restoreNode(cluster.node(n.name), n, putRefs, served);
    cluster.changed();
  }
  restorePhones(checkpoint.phones, state.phones, (id) => trustList(id).view, state.lsc);
  for (const name of checkpoint.snapshots) state.snapshots.add(name);
  const byName = new Map(state.phones.map((p) => [p.name, p]));
  const jobs: ScheduledJob<BackgroundJob>[] = checkpoint.jobs.map(({ at, seq, job }) => ({ at, seq, job: restoreJob(job, byName, state.phones, cert) }));
  state.scheduler.restore(checkpoint.now, checkpoint.nextJob, jobs);
  for (const name of checkpoint.autoWavePending) state.autoWavePending.add(name);
  for (const b of checkpoint.backups) {
    const nodes = new Map<string, NodeBackup>();
    for (const [name, refs] of Object.entries(b.nodes)) {
      const backup: NodeBackup = { identities: new Map(), stores: new Map() };
      putRefs(refs, backup.identities, backup.stores);
      nodes.set(name, backup);
    }
    state.drs.put(b.key, nodes);
  }
  const bulkEntry = (r: BulkRef): BulkEntry => ({ cluster: r.cluster, node: r.node, purpose: r.purpose, certificate: cert(r.certificate) });
  for (const [cluster, entries] of Object.entries(checkpoint.bulk.exports)) state.bulk.exports.set(cluster, entries.map(bulkEntry));
  state.bulk.consolidated = checkpoint.bulk.consolidated?.map(bulkEntry);
  for (const [type, count] of Object.entries(checkpoint.eventCounts)) state.eventCounts.set(type, count);
  state.timeline.push(...checkpoint.timeline);
  state.expectations.push(...checkpoint.expectations);
  state.lastUploads.push(...checkpoint.lastUploads);
}

function restoreNode(
  node: NodeRuntime,
  saved: ClusterState['nodes'][number],
  putRefs: (refs: NodeRefs, identities: Map<string, IdentityCertificate>, stores: Map<string, Map<string, CertificateInfo>>) => void,
  served: (ref: ServedRef) => ServedTrustList,
): void {
  node.powered = saved.powered;
  node.fqdn = saved.fqdn;
  node.itlMode = saved.itlMode;
  node.tftpTomcat = saved.tftpTomcat;
  node.stoppedServices.clear();
  for (const s of saved.stoppedServices) node.stoppedServices.add(s as never);
  node.pendingCsrs.clear();
  for (const [purpose, pem] of Object.entries(saved.pendingCsrs)) node.pendingCsrs.set(purpose, pem);
  putRefs(saved, node.identities, node.stores);
  node.itl = saved.itl && served(saved.itl);
}

function restorePhones(saved: Checkpoint['phones'], phones: PhoneRuntime[], view: (id: string) => TrustListView, lscOf: CheckpointState['lsc']): void {
  const rowOf = saved.index.flatMap(([row, count]) => new Array<number>(count).fill(row));
  if (rowOf.length !== phones.length) throw new Error(`the checkpoint has ${rowOf.length} phones, the scenario ${phones.length}`);
  const configs = saved.configs.map((c) => ({ ...c }));
  const caches = saved.tvsCaches.map((answers) => TvsCache.of(answers));
  const cacheOf = saved.cacheIndex.flatMap(([cache, count]) => new Array<number>(count).fill(cache));
  phones.forEach((phone, i) => {
    const [powered, itl, config, lastItl, lastConfig, lastTvs, registration, tftp, ctl, lastCtl, lsc, capf, emcc] = saved.rows[rowOf[i]];
    phone.powered = powered;
    phone.itl = itl === null ? undefined : view(itl);
    phone.config = config === null ? undefined : configs[config];
    phone.lastItl = (lastItl ?? undefined) as PhoneRuntime['lastItl'];
    phone.lastConfig = (lastConfig ?? undefined) as PhoneRuntime['lastConfig'];
    phone.lastTvs = lastTvs ?? undefined;
    phone.registration = registration ?? undefined;
    phone.tftp = tftp;
    phone.ctl = ctl === null ? undefined : view(ctl);
    phone.lastCtl = (lastCtl ?? undefined) as PhoneRuntime['lastCtl'];
    phone.lsc = lsc === null ? undefined : lscOf(lsc.cluster, lsc.issuerFingerprint, lsc.issuedAt);
    phone.capf = capf ?? undefined;
    phone.emccVisitingTftp = emcc ?? undefined;
    phone.tvsCache = cacheOf[i] < 0 ? undefined : caches[cacheOf[i]];
  });
}

function restoreJob(job: StoredJob, phones: Map<string, PhoneRuntime>, list: readonly PhoneRuntime[], cert: (fp: string) => CertificateInfo): BackgroundJob {
  const phone = (name: string) => phones.get(name)!;
  switch (job.kind) {
    case 'phone-resets':
      return { kind: job.kind, phones: job.phones.flatMap(([first, count]) => list.slice(first, first + count)), cause: job.cause };
    case 'phone-power-on':
      return { kind: job.kind, phone: phone(job.phone) };
    case 'trust-replication':
      return { ...job, certificate: cert(job.certificate) };
    default:
      return job;
  }
}

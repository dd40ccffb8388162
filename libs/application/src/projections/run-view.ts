import {
  Assumptions,
  hasItlRecovery,
  NO_PHONE,
  nextResetDecision,
  phoneOutcome,
  planCtl,
  planItl,
  type PhoneOutcome,
  type PhoneOutcomeFacts,
  type PhoneState,
  type TrustFileDigest,
  type TrustListDecision,
} from '@trustsim/domain';
import { CertificateInfo, IssuedCertificate, KeyPool, KeyRequest, PhoneCertificates } from '@trustsim/pki';
import type { AggregateStates } from '../engine/aggregate-states';
import type { Artefacts } from '../engine/artefacts';
import type { PhoneEntry } from '../engine/phone-fleet';
import { STATUSES } from '../engine/phone-fleet';
import { Crypto } from '../engine/ports';
import { WorldView } from '../engine/world-view';

/** One row of the Certificate List page (Cisco Unified OS Administration › Security › Certificate Management). */
export interface CertificateListEntry {
  /** Purpose for an identity certificate (CallManager, tomcat, ...), store name for a trust certificate. */
  certificate: string;
  usage: 'identity' | 'trust';
  info: CertificateInfo;
  node: string;
  /** Generation of an identity certificate (1 at install, +1 per regeneration). */
  generation?: number;
}

export interface TrustFileBytes {
  fileName: string;
  bytes: Buffer;
}

/** What a run's state is made of, whether live or folded from the log. */
export interface RunStateParts {
  states: AggregateStates;
  artefacts: Artefacts;
  phones: readonly PhoneEntry[];
  assumptions: Assumptions;
  /** Epoch ms of the run's start. */
  epoch: number;
  seed: number;
}

/**
 * Reads of a run's state at one instant — outcomes, a phone's next decision, the files a TFTP node serves,
 * a node's certificates — the same for a live run (the training shell) and for one folded from the log
 * (`show --at`, `explain`, `itl export --run`, `cert list --run`).
 */
export class RunView {
  readonly world: WorldView;
  private readonly byName: Map<string, number>;
  private readonly outcomes$ = new Map<PhoneEntry['facts'], Map<PhoneState, PhoneOutcomeFacts>>();

  constructor(private readonly parts: RunStateParts) {
    this.world = new WorldView(parts.states, parts.artefacts, parts.assumptions, parts.epoch);
    this.byName = new Map(parts.phones.map((p, i) => [p.name, i]));
  }

  get phones(): readonly PhoneEntry[] {
    return this.parts.phones;
  }

  phone(name: string): { entry: PhoneEntry; state: PhoneState } | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : { entry: this.parts.phones[i], state: this.parts.states.phones[i] ?? NO_PHONE };
  }

  outcome(name: string): PhoneOutcome | undefined {
    const p = this.phone(name);
    return p && { name, ...this.outcomeFacts(p.entry, p.state) };
  }

  outcomes(): PhoneOutcome[] {
    return this.parts.phones.map((p, i) => ({ name: p.name, ...this.outcomeFacts(p, this.parts.states.phones[i] ?? NO_PHONE) }));
  }

  counts(): Record<string, number> {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    this.parts.phones.forEach((p, i) => counts[this.outcomeFacts(p, this.parts.states.phones[i] ?? NO_PHONE).status]++);
    return counts;
  }

  private outcomeFacts(p: PhoneEntry, state: PhoneState): PhoneOutcomeFacts {
    let byState = this.outcomes$.get(p.facts);
    if (!byState) this.outcomes$.set(p.facts, (byState = new Map()));
    let o = byState.get(state);
    if (!o) byState.set(state, (o = phoneOutcome(state, p.facts, this.world.phones)));
    return o;
  }

  /** What the phone would decide about the ITL its TFTP serves if it were reset now. */
  nextResetDecision(name: string): TrustListDecision | undefined {
    const p = this.phone(name);
    return p && nextResetDecision(p.state, p.entry.facts, this.world.phones);
  }

  /** "CallManager hq/pub generation 2", or the fingerprint's start when the certificate is not the run's. */
  describeCertificate(fingerprint: unknown): string {
    if (typeof fingerprint !== 'string') return 'an unknown signer';
    const id = this.world.identity(fingerprint);
    if (!id) return `certificate ${fingerprint.slice(0, 16)}…`;
    // A CTL client's USB eToken belongs to the administrator, not to a node.
    if (id.purpose.startsWith('eToken')) return `USB ${id.purpose} of ${id.cluster} (${id.commonName})`;
    return `${id.purpose} ${id.cluster}/${id.node} generation ${id.generation}`;
  }

  /**
   * The trust files a TFTP node serves: its ITL and, in mixed mode, the cluster's CTL, as stored; with
   * another digest, built again from the same records and signed again with the same (seed-derived) keys.
   */
  trustFiles(cluster: string, node: string, digest?: TrustFileDigest, keys?: KeyPool): TrustFileBytes[] {
    const world = this.world;
    const tftp = world.tftp(cluster, node);
    if (!world.node(cluster, node)) throw new RangeError(`no node ${node} in cluster ${cluster} (nodes: ${world.cluster(cluster).nodes.join(', ')})`);
    if (!tftp?.itl) throw new RangeError(`${cluster}/${node} serves no ITL (it does not run Cisco Tftp)`);
    const ctl = world.cluster(cluster).ctl;
    const stored = (id: string) => this.parts.artefacts.bytesOf(id)!;
    if (!digest) return [{ fileName: 'ITLFile.tlv', bytes: stored(tftp.itl.file) }, ...(ctl ? [{ fileName: 'CTLFile.tlv', bytes: stored(ctl.file) }] : [])];
    if (ctl && world.cluster(cluster).ctlImported) {
      throw new RangeError(`${cluster} serves the CTL its twin was imported with, record for record: it is not built from the cluster's certificates, so it is not signed again with another digest; export it as stored (without a digest), or after \`utils ctl update CTLFile\``);
    }
    const crypto = new Crypto(keys ?? new KeyPool({ seed: this.parts.seed }), this.parts.seed, this.parts.artefacts);
    const itlPlan = planItl(world, cluster, world.node(cluster, node)!, tftp.itl.mode);
    const files = [{ fileName: 'ITLFile.tlv', bytes: resign(crypto, 'ITLFile.tlv', tftp.itl.builtAt, digest, itlPlan) }];
    if (ctl) files.push({ fileName: 'CTLFile.tlv', bytes: resign(crypto, 'CTLFile.tlv', ctl.builtAt, digest, planCtl(world, cluster, ctl.mode)) });
    return files;
  }

  /** A node's certificates as the Certificate List page lists them: identities (ITLRecovery on every node from 12.5 [SREGEN]), then trust stores. */
  certificates(cluster: string, node: string): CertificateListEntry[] {
    const world = this.world;
    const state = world.node(cluster, node);
    if (!state) throw new RangeError(`no node ${node} in cluster ${cluster} (nodes: ${world.cluster(cluster).nodes.join(', ')})`);
    const rows: CertificateListEntry[] = [];
    const identities = Object.entries(state.identities);
    const publisher = world.nodes(cluster).find((n) => n.publisher)!;
    const recovery = publisher.identities.ITLRecovery;
    if (!state.publisher && recovery && hasItlRecovery(world.release(cluster))) identities.push(['ITLRecovery', recovery]);
    for (const [purpose, id] of identities) rows.push({ certificate: purpose, usage: 'identity', info: world.certificate(id.fingerprint), node, generation: id.generation });
    for (const [store, entries] of Object.entries(state.stores)) for (const fp of Object.values(entries)) rows.push({ certificate: store, usage: 'trust', info: world.certificate(fp), node });
    return rows;
  }

  /**
   * A phone's certificates as X.509, issued on demand from what the run recorded (PhoneCertificates): its LSC,
   * signed by the CAPF key that issued it, and its MIC from the (simulated) manufacturing CA.
   */
  phoneCertificates(name: string, keys: KeyPool): { lsc?: IssuedCertificate; lscIssuer?: { cluster: string; node: string; purpose: string; generation: number; certificate: IssuedCertificate }; mic?: IssuedCertificate } {
    const p = this.phone(name);
    if (!p) throw new RangeError(`no phone ${name} in this run (names look like ${this.parts.phones[0]?.name ?? 'SEP…'})`);
    const certificates = new PhoneCertificates(keys);
    const out: ReturnType<RunView['phoneCertificates']> = {};
    if (p.entry.facts.model.mic) out.mic = certificates.mic(name, p.entry.facts.model.model);
    const lsc = p.state.lsc;
    const issuer = lsc && this.world.identity(lsc.issuerFingerprint);
    if (lsc && issuer) {
      const capf = { certificate: this.world.certificate(lsc.issuerFingerprint), privateKey: keys.get(issuer.key as KeyRequest).privateKey };
      out.lsc = certificates.lscCertificate(certificates.lscRecord(name, capf, new Date(lsc.issuedAt)), capf);
      out.lscIssuer = { cluster: issuer.cluster, node: issuer.node, purpose: issuer.purpose, generation: issuer.generation, certificate: capf.certificate };
    }
    return out;
  }
}

function resign(crypto: Crypto, fileName: 'ITLFile.tlv' | 'CTLFile.tlv', builtAt: number, digest: TrustFileDigest, plan: ReturnType<typeof planItl>): Buffer {
  return Buffer.from(crypto.trustFiles.sign({ fileName, timestamp: Math.floor(builtAt / 1000), digest, records: plan.records, signer: plan.signer }).bytes, 'base64');
}

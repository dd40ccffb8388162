import { createHash, KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import { buildTrustFile, TrustRole } from '@trustsim/trust-files';
import { CertificateInfo } from '@trustsim/pki';
import {
  ConfigFileView,
  itlRecords,
  itlSigner,
  rollbackItlRecords,
  ctlRecords,
  CtlKind,
  defaultCtlKind,
  TftpTomcatEvent,
  tftpTomcatAfter,
  ctlSigner,
  ctlRecordsCarryCertificateSignature,
  defaultTrustFileDigest,
  serverRecordName,
  NO_SERVER_RECORD_NAME,
  ItlSigningMode,
  parseRelease,
  Release,
  TrustListView,
  TvsServer,
  tvsRolesFor,
  Assumptions,
  hasItlRecovery,
  CallManagerTarget,
} from '@trustsim/domain';
import { ClusterSpec, NodeSpec, PhoneGroupSpec, ServiceName } from '@trustsim/scenarios';
import { HeldConfig } from './phone-runtime';
import { IdentityCertificate } from './identity-issuer';
import { fingerprint, TrustListReader } from './trust-list-reader';

const ROLE_CODES: Record<string, TrustRole> = {
  SAST: TrustRole.SAST,
  CCM: TrustRole.CCM,
  'CCM+TFTP': TrustRole.CCM_TFTP,
  TFTP: TrustRole.TFTP,
  CAPF: TrustRole.CAPF,
  'APP-SERVER': TrustRole.APP_SERVER,
  TVS: TrustRole.TVS,
};

/** The ITL a TFTP node serves now, with who signed it and why it was built. */
export interface ServedTrustList {
  bytes: Buffer;
  view: TrustListView;
  signer: IdentityCertificate;
  mode: ItlSigningMode;
  builtAt: number;
}

export class NodeRuntime {
  readonly services: Set<ServiceName>;
  powered = true;
  readonly stoppedServices = new Set<ServiceName>();
  readonly identities = new Map<string, IdentityCertificate>();
  /** Trust stores: store name → common name → certificate (one per subject per store [chapter]). */
  readonly stores = new Map<string, Map<string, CertificateInfo>>();
  itl?: ServedTrustList;
  /** The last CSR generated per purpose (PEM); a new one overwrites it [chapter]. */
  readonly pendingCsrs = new Map<string, string>();
  itlMode: ItlSigningMode = 'normal';
  /**
   * A stale tomcat certificate (fingerprint) its TFTP service still offers; undefined: the current one
   * (tftp-tomcat.ts). Shown by events only: no simulated client downloads from TFTP over HTTPS.
   */
  tftpTomcat?: string;

  /**
   * Follows what the tomcat certificate its TFTP offers does (tftp-tomcat.ts): call before a tomcat upload
   * or regeneration replaces the identity, and when Cisco Tftp (re)starts — a restart, a reboot, a restore.
   */
  tftpTomcatOn(event: TftpTomcatEvent): void {
    const current = this.identities.get('tomcat')?.certificate.fingerprint;
    this.tftpTomcat = current && this.services.has('tftp') ? tftpTomcatAfter(event, this.tftpTomcat, current) : undefined;
  }

  constructor(
    readonly cluster: string,
    readonly spec: NodeSpec,
    /** Changes with `set network hostname` (§10.6). */
    public fqdn: string,
    /** Changes with `set network ip` (§10.6). */
    public ip: string,
  ) {
    this.services = new Set(spec.services);
  }

  get name(): string {
    return this.spec.name;
  }

  get isPublisher(): boolean {
    return this.spec.role === 'publisher';
  }

  runs(service: ServiceName): boolean {
    return this.powered && this.services.has(service) && !this.stoppedServices.has(service);
  }

  identity(purpose: string): IdentityCertificate {
    const id = this.identities.get(purpose);
    if (!id) throw new Error(`node ${this.cluster}/${this.name} has no ${purpose} certificate`);
    return id;
  }

  store(name: string): Map<string, CertificateInfo> {
    let s = this.stores.get(name);
    if (!s) this.stores.set(name, (s = new Map()));
    return s;
  }
}

/** One cluster's state during a run: its nodes, their certificates and stores, the files TFTP serves. */
export class ClusterRuntime {
  /** The release it runs; an `upgrade` step changes it. */
  release: Release;
  /** The release as written (`12.5(1)SU3`). */
  releaseName: string;
  /** Non-secure or mixed mode; `utils ctl set-cluster` changes it (§5). */
  security: 'non-secure' | 'mixed';
  /** Remote clusters this cluster's TFTP nodes serve as a proxy TFTP [SPROXY]. */
  readonly proxyFor = new Set<string>();
  private readonly proxiedConfigs = new Map<string, { signer: IdentityCertificate; file: ConfigFileView }>();
  /** The ITLRecovery pair exported with `file get tftp ITLRecovery.p12`, for `utils itl reset remotekey` [S125DEF] [SCLI]. */
  exportedItlRecovery?: IdentityCertificate;
  readonly nodes = new Map<string, NodeRuntime>();
  readonly parameters: Record<string, string | number | boolean>;
  /** Bumped at every change a phone's decision may depend on (certificates, stores, power, services). */
  version = 0;
  /** The CTL every TFTP node serves in mixed mode (built by set-cluster mixed-mode / utils ctl update, never automatically). */
  ctl?: ServedTrustList;
  ctlMode: 'normal' | 'reset-localkey' = 'normal';
  /** Who makes the CTL: the CTL client with USB eTokens, or the CLI (ctl-plan.ts). */
  ctlKind: CtlKind;
  /** The CTL client's two USB eTokens (Token1 signs), once the cluster has a token-based CTL. */
  tokens?: [IdentityCertificate, IdentityCertificate];
  private tvsServers = new Map<string, TvsServer>();
  private readonly capfTrust = new Map<string, ReadonlySet<string>>();
  private capfTrustVersion = -1;
  private tvsServersVersion = -1;
  private readonly configFiles = new Map<NodeRuntime, Map<PhoneGroupSpec, { signer: IdentityCertificate; file: ConfigFileView }>>();
  private readonly heldConfigs = new Map<ConfigFileView, HeldConfig>();
  private readonly foreignGroups = new Map<PhoneGroupSpec, string[]>();

  constructor(
    readonly spec: ClusterSpec,
    readonly index: number,
    private readonly reader: TrustListReader,
    private readonly assumptions: Assumptions,
  ) {
    this.release = parseRelease(spec.version);
    this.releaseName = spec.version;
    this.security = spec.security;
    this.ctlKind = spec.ctl ?? defaultCtlKind(this.release);
    this.parameters = { ...spec.parameters };
    spec.nodes.forEach((n, i) => {
      const fqdn = `${n.name}.${spec.name}.example.com`;
      this.nodes.set(n.name, new NodeRuntime(spec.name, n, fqdn, `10.${10 + index}.0.${10 + i}`));
    });
  }

  get name(): string {
    return this.spec.name;
  }

  get publisher(): NodeRuntime {
    return [...this.nodes.values()].find((n) => n.isPublisher)!;
  }

  node(name: string): NodeRuntime {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`cluster ${this.name} has no node ${name}`);
    return n;
  }

  get tftpNodes(): NodeRuntime[] {
    return [...this.nodes.values()].filter((n) => n.services.has('tftp'));
  }

  /** The cluster-wide ITLRecovery certificate, kept on the publisher (single certificate from 12.5 [SREGEN]). */
  get itlRecovery(): IdentityCertificate | undefined {
    return hasItlRecovery(this.release) ? this.publisher.identities.get('ITLRecovery') : undefined;
  }

  changed(): void {
    this.version++;
  }

  /**
   * Builds and signs the ITL of one TFTP node from the cluster's current certificates (§4.2, §4.3).
   * In reset-localkey mode the publisher's ITL is re-signed by the publisher's CallManager key and pushed
   * to every TFTP node [S125DEF] [SCLI].
   */
  buildItl(node: NodeRuntime, now: number, digest: 'sha1' | 'sha256' | 'sha512' = defaultTrustFileDigest(this.release)): ServedTrustList {
    const mode = node.itlMode;
    const contentNode = mode === 'reset-localkey' ? this.publisher : node;
    const ref = (id: IdentityCertificate) => ({ fingerprint: id.certificate.fingerprint, node: id.node, purpose: id.purpose, id });
    const tvs = [...this.nodes.values()].filter((n) => n.identities.has('TVS')).map((n) => ref(n.identity('TVS')));
    const capfNode = [...this.nodes.values()].find((n) => n.services.has('capf') && n.identities.has('CAPF'));
    const ecdsa = contentNode.identities.get('CallManager-ECDSA');
    const full = itlRecords(
      {
        callManager: ref(contentNode.identity('CallManager')),
        callManagerEcdsa: ecdsa && ref(ecdsa),
        itlRecovery: this.itlRecovery && ref(this.itlRecovery),
        tvs,
        capf: capfNode && ref(capfNode.identity('CAPF')),
      },
      { release: this.release, security: this.security, itlRecoveryInItlBefore12: this.assumptions.itlRecoveryInItlBefore12 === true },
    );
    const plan = this.parameters.prepareClusterForRollbackToPre80 === true ? rollbackItlRecords(full) : full;
    const signerRule = itlSigner(this.release, mode);
    const signer =
      mode === 'reset-remotekey' ? this.exportedItlRecovery! : signerRule.purpose === 'ITLRecovery' ? this.itlRecovery! : (signerRule.publisherOnly ? this.publisher : node).identity('CallManager');
    const bytes = buildTrustFile({
      fileName: 'ITLFile.tlv',
      timestamp: Math.floor(now / 1000),
      digest,
      records: [
        // The imported recovery key of `reset remotekey` is no longer the cluster's: it joins as the signing SAST [SCLI].
        ...(plan.some((r) => (r.certificate as ReturnType<typeof ref>).id === signer) ? [] : [{ certificateDer: signer.certificate.der, role: TrustRole.SAST, dnsName: serverRecordName(this.publisher.fqdn), ipAddress: this.publisher.ip }]),
        ...plan.map((r) => {
          const id = (r.certificate as ReturnType<typeof ref>).id;
          const owner = this.node(id.node);
          return { certificateDer: id.certificate.der, role: ROLE_CODES[r.role], dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip };
        }),
      ],
      signer: { certificateDer: signer.certificate.der, privateKey: signer.privateKey },
    });
    return { bytes, view: this.reader.read(bytes), signer, mode, builtAt: now };
  }

  /**
   * Builds and signs the CTL from the cluster's current certificates (§5) [S125CTL]: the same file on
   * every TFTP node, signed by the publisher's keys or Token1. After `utils ctl set-cluster
   * non-secure-mode` the file stays, keeps its SAST and CAPF entries and reduces each server entry to a
   * stub without certificate (ctl-plan.ts) [SNONSECURE].
   */
  buildCtl(now: number, digest: 'sha1' | 'sha256' | 'sha512' = defaultTrustFileDigest(this.release)): ServedTrustList {
    const pub = this.publisher;
    const ref = (id: IdentityCertificate) => ({ fingerprint: id.certificate.fingerprint, node: id.node, purpose: id.purpose, id });
    const capfNode = [...this.nodes.values()].find((n) => n.services.has('capf') && n.identities.has('CAPF'));
    const phoneSast = [...pub.store('Phone-SAST-trust').values()];
    const tokens = this.ctlKind === 'token' ? this.tokens : undefined;
    if (this.ctlKind === 'token' && !tokens) throw new Error(`cluster ${this.name} has a token-based CTL but no eTokens`);
    const servers = [...this.nodes.values()]
      .filter((n) => n.services.has('callmanager') || n.services.has('tftp') || n === capfNode)
      .map((n) => {
        const ecdsa = n.identities.get('CallManager-ECDSA');
        return {
          node: n.name,
          callManager: ref(n.identity('CallManager')),
          callManagerEcdsa: ecdsa && ref(ecdsa),
          runsCallManager: n.services.has('callmanager'),
          runsTftp: n.services.has('tftp'),
          capf: n === capfNode ? ref(n.identity('CAPF')) : undefined,
        };
      });
    const plan = ctlRecords(
      this.release,
      {
        publisherCallManager: ref(pub.identity('CallManager')),
        servers,
        itlRecovery: this.itlRecovery && ref(this.itlRecovery),
        phoneSast: [],
        tokens: tokens && [ref(tokens[0]), ref(tokens[1])],
      },
      this.ctlKind,
      this.security,
    );
    const signerPurpose = ctlSigner(this.release, this.ctlMode, this.ctlKind);
    const signer = signerPurpose === 'Token1' ? tokens![0] : signerPurpose === 'ITLRecovery' && this.itlRecovery ? this.itlRecovery : pub.identity('CallManager');
    const certificateSignature = ctlRecordsCarryCertificateSignature(this.ctlKind);
    const records = plan.map((r) => {
      // After non-secure mode a server entry is a stub: its name, role and address, no certificate [SNONSECURE].
      if ('stubOf' in r) {
        const owner = this.node(r.stubOf);
        return { role: ROLE_CODES[r.role], dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip };
      }
      const id = (r.certificate as ReturnType<typeof ref>).id;
      // A USB eToken is nobody's node: its record has an empty name.
      if (tokens?.includes(id)) return { certificateDer: id.certificate.der, role: ROLE_CODES[r.role], dnsName: NO_SERVER_RECORD_NAME, ipAddress: '0.0.0.0', certificateSignature };
      const owner = this.node(id.node);
      return { certificateDer: id.certificate.der, role: ROLE_CODES[r.role], dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip, certificateSignature };
    });
    // Phone-SAST-trust certificates join as SAST at a CTL update (another cluster's, for migrations) [S125CTL]; non-secure mode keeps every SAST [SNONSECURE].
    for (const cert of phoneSast) records.push({ certificateDer: cert.der, role: TrustRole.SAST, dnsName: NO_SERVER_RECORD_NAME, ipAddress: '0.0.0.0', certificateSignature });
    const bytes = buildTrustFile({
      fileName: 'CTLFile.tlv',
      timestamp: Math.floor(now / 1000),
      digest,
      records,
      signer: { certificateDer: signer.certificate.der, privateKey: signer.privateKey },
    });
    return { bytes, view: this.reader.read(bytes), signer, mode: this.ctlMode === 'reset-localkey' ? 'reset-localkey' : 'normal', builtAt: now };
  }

  /**
   * The configuration file a TFTP node serves a phone group, signed with the node's CallManager key
   * (`SEP<MAC>.cnf.xml.sgn`) [SSBD] [SMIGC]. Phones of one group share its content (CallManager group,
   * security profile), so it is signed and verified once per (node, key, group).
   */
  configFile(tftp: NodeRuntime, group: PhoneGroupSpec): ConfigFileView {
    const cm = tftp.identity('CallManager');
    let files = this.configFiles.get(tftp);
    if (!files) this.configFiles.set(tftp, (files = new Map()));
    let entry = files.get(group);
    if (!entry || entry.signer !== cm) {
      entry = { signer: cm, file: signedConfig(configContent(group, this.callManagerGroupFor(group)), cm.privateKey, cm.certificate.der) };
      files.set(group, entry);
    }
    return entry.file;
  }

  /**
   * A remote cluster's configuration for a phone group, relayed by this proxy TFTP node and signed with
   * its own CallManager key [SPROXY].
   */
  proxiedConfigFile(proxy: NodeRuntime, group: PhoneGroupSpec, remote: ClusterRuntime): ConfigFileView {
    const cm = proxy.identity('CallManager');
    const key = `${proxy.name}|${remote.name}|${group.group}`;
    let entry = this.proxiedConfigs.get(key);
    if (!entry || entry.signer !== cm) {
      entry = { signer: cm, file: signedConfig(configContent(group, remote.callManagerGroupFor(group)), cm.privateKey, cm.certificate.der) };
      this.proxiedConfigs.set(key, entry);
    }
    return entry.file;
  }

  /** What a phone keeps after accepting a configuration: shared by every phone of the group. */
  heldConfig(group: PhoneGroupSpec, file: ConfigFileView): HeldConfig {
    let held = this.heldConfigs.get(file);
    if (!held) this.heldConfigs.set(file, (held = { cluster: this.name, callManagerGroup: this.callManagerGroupFor(group), fileId: file.id }));
    return held;
  }

  /**
   * The CallManager group this cluster configures a phone group with: the group's own in its home
   * cluster; in another cluster (a phone moved there by DHCP option 150, taken as provisioned there as
   * after a bulk phone import [scenario-language]), that cluster's CallManager nodes, at most three.
   */
  callManagerGroupFor(group: PhoneGroupSpec): readonly string[] {
    if (group.cluster === this.name) return group.callManagerGroup;
    let cmg = this.foreignGroups.get(group);
    if (!cmg) {
      cmg = [...this.nodes.values()].filter((n) => n.services.has('callmanager')).slice(0, 3).map((n) => n.name);
      this.foreignGroups.set(group, cmg);
    }
    return cmg;
  }

  /** The TVS servers of this cluster as phones see them, rebuilt when the cluster changes. */
  tvsServer(nodeName: string): TvsServer | undefined {
    if (this.tvsServersVersion !== this.version) {
      this.tvsServers = new Map();
      this.tvsServersVersion = this.version;
    }
    let server = this.tvsServers.get(nodeName);
    if (server) return server;
    const node = this.nodes.get(nodeName);
    if (!node || !node.identities.has('TVS')) return undefined;
    const knowledge = {
      callManagerCertificates: new Set([...this.nodes.values()].filter((n) => n.identities.has('CallManager')).map((n) => n.identity('CallManager').certificate.fingerprint)),
      itlRecoveryCertificate: this.itlRecovery?.certificate.fingerprint,
      phoneSastTrust: fingerprints(node.store('Phone-SAST-trust')),
      // Every node's tomcat identity and this node's tomcat-trust [SCN].
      applicationServers: new Set([...this.nodes.values()].filter((n) => n.identities.has('tomcat')).map((n) => n.identity('tomcat').certificate.fingerprint).concat([...fingerprints(node.store('tomcat-trust'))])),
      tvsVouchesForOwnItlRecovery: this.assumptions.tvsVouchesForOwnItlRecovery === true,
      ctlRoles: this.security === 'mixed' ? this.ctl?.view.roles : undefined,
    };
    const answers = new Map<string, ReturnType<typeof tvsRolesFor>>();
    server = {
      cluster: this.name,
      node: nodeName,
      reachable: node.runs('tvs'),
      certificateFingerprint: node.identity('TVS').certificate.fingerprint,
      rolesFor(fp: string) {
        let roles = answers.get(fp);
        if (!roles) answers.set(fp, (roles = tvsRolesFor(knowledge, fp)));
        return roles;
      },
    };
    this.tvsServers.set(nodeName, server);
    return server;
  }

  /** The CAPF certificate of the node running the CAPF service (the publisher from 14 [SREL14]). */
  get capfIdentity(): IdentityCertificate | undefined {
    return [...this.nodes.values()].find((n) => n.services.has('capf') && n.identities.has('CAPF'))?.identity('CAPF');
  }

  /**
   * CAPF certificates whose LSCs a node's CallManager accepts: the cluster's current CAPF and any CAPF
   * certificate in its CAPF-trust or CallManager-trust (how another cluster's LSCs are accepted in a
   * secure migration [S125CTL] [SSECMIG]); a regenerated CAPF no longer vouches for old LSCs [SREGEN-T].
   */
  trustedCapfFingerprints(nodeName: string): ReadonlySet<string> {
    // Asked at every registration (40,000 phones): built once per node until the cluster changes.
    if (this.capfTrustVersion !== this.version) {
      this.capfTrust.clear();
      this.capfTrustVersion = this.version;
    }
    let trusted = this.capfTrust.get(nodeName);
    if (!trusted) {
      const node = this.node(nodeName);
      const capf = this.capfIdentity?.certificate.fingerprint;
      trusted = new Set([...(capf ? [capf] : []), ...fingerprints(node.store('CAPF-trust')), ...fingerprints(node.store('CallManager-trust'))]);
      this.capfTrust.set(nodeName, trusted);
    }
    return trusted;
  }

  callManagerTarget(nodeName: string): CallManagerTarget {
    const node = this.nodes.get(nodeName);
    return { cluster: this.name, node: nodeName, available: !!node && node.runs('callmanager') };
  }
}

function fingerprints(store: Map<string, CertificateInfo>): Set<string> {
  return new Set([...store.values()].map((c) => c.fingerprint));
}

/** The configuration content a cluster serves a phone group: its CallManager group and security profile. */
export function configContent(group: PhoneGroupSpec, callManagerGroup: readonly string[]): string {
  return `<device><group>${group.group}</group><callManagerGroup>${callManagerGroup.join(',')}</callManagerGroup><securityProfile>${group.securityProfile}</securityProfile></device>`;
}

function signedConfig(content: string, key: KeyObject, signerDer: Buffer): ConfigFileView {
  const data = Buffer.from(content);
  const signature = sign('sha256', data, key);
  // The phone checks the signature with the public key of the certificate named as signer.
  const publicKey = new X509Certificate(signerDer).publicKey;
  return {
    id: createHash('sha256').update(data).update(signature).digest('hex'),
    signerFingerprint: fingerprint(signerDer),
    signatureValid: verify('sha256', data, publicKey, signature),
  };
}

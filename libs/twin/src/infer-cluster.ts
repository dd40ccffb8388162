/**
 * The real cluster, inferred from its trust files and certificates (domain-reference §4, §5):
 *
 * - each ITL is built by one TFTP node and carries that node's own CallManager certificate as CCM+TFTP,
 *   every node's TVS certificate, the CAPF certificate when CAPF runs, and ITLRecovery [S125DEF] [SREGEN];
 * - its signer gives the release family: the TFTP node's CallManager key up to 11.5, ITLRecovery from
 *   12.0 [SREGEN] [S125DEF];
 * - a CTL with entries means mixed mode; it lists a CCM+TFTP entry per CallManager/TFTP node, CAPF,
 *   ITLRecovery, and either the USB eTokens (token CTL) or not (tokenless) [S125CTL]; it is never updated
 *   by itself, so it may name older certificates than the nodes hold now [S125CTL] [chapter].
 *
 * What no file says is assumed, and said: the release within its family, which node is the publisher
 * when neither CAPF nor ITLRecovery names it, that TFTP nodes run CallManager, the cluster's name.
 */
import { isAtLeast, parseRelease } from '@trustsim/domain';
import type { CertificatePurpose, TrustListRole } from '@trustsim/scenarios';
import type { CertificateFacts } from './certificate-facts';
import type { Diagnostics } from './diagnostics';
import { scenarioName } from './names';
import { NodeRegistry } from './node-registry';
import type { CertificateRead } from './read-certificates';
import type { TrustFileRead, TrustRecordRead } from './read-trust-files';
import type { ReleaseFamily, TwinCertificate, TwinCluster, TwinNode, TwinServedCtl, TwinTrustCertificate } from './twin-model';

export interface InferenceInput {
  trustFiles: readonly TrustFileRead[];
  certificates: readonly CertificateRead[];
  /** `--cluster`. */
  clusterName?: string;
  /** `--version`, when the files cannot tell it. */
  version?: string;
}

export type InferredCluster = Omit<TwinCluster, 'phones'>;

/** Where a certificate came from, in the order of trust: a downloaded file, the ITL (rebuilt by itself), the CTL (never). */
const RANK = { certificate: 3, itl: 2, ctl: 1 } as const;
type Origin = keyof typeof RANK;

const ITLRECOVERY_CN = /^ITLRECOVERY_(.+)$/i;

export function inferCluster(input: InferenceInput, diagnostics: Diagnostics): { cluster: InferredCluster; registry: NodeRegistry } {
  return new Inference(input, diagnostics).run();
}

class Inference {
  private readonly registry = new NodeRegistry();
  private readonly identities = new Map<string, TwinCertificate & { origin: Origin }>();
  private readonly trust: TwinTrustCertificate[] = [];
  /** `serial|issuer` of every CallManager certificate a record names: a SAST with it is a CallManager key. */
  private readonly callManagerSerials = new Set<string>();
  private readonly signers: { file: TrustFileRead; purpose: 'CallManager' | 'ITLRecovery' | 'SAST' }[] = [];
  private itlRecoveryHost?: string;
  private capfNode?: TwinNode;
  private tokens = 0;
  private assumedAppServer = false;

  constructor(
    private readonly input: InferenceInput,
    private readonly diagnostics: Diagnostics,
  ) {}

  run(): { cluster: InferredCluster; registry: NodeRegistry } {
    const itls = this.input.trustFiles.filter((f) => f.kind === 'ITL');
    const ctls = this.input.trustFiles.filter((f) => f.kind === 'CTL');
    for (const file of this.input.trustFiles) this.collectCallManagers(file);
    for (const itl of itls) this.readItl(itl);
    if (itls.length && !itls.some((f) => f.records.some((r) => r.role === 'TVS'))) {
      this.diagnostics.assumed({}, 'the ITL lists no TVS certificate (a CUCM ITL lists every node\'s [S125DEF]): the twin\'s nodes run TVS with certificates trustsim mints, which phones holding this ITL could not verify');
    }
    const mixed = ctls.map((ctl) => this.readCtl(ctl)).some(Boolean);
    this.readCertificates();
    const publisher = this.choosePublisher();
    this.settlePending(publisher);
    this.assumeServices(publisher);
    const family = this.family();
    const version = this.version(family, ctls);
    const security = mixed ? 'mixed' : 'non-secure';
    const ctl = mixed ? (this.tokens > 0 ? 'token' : 'tokenless') : undefined;
    if (ctl === 'token' && isAtLeast(parseRelease(version), '14')) {
      this.diagnostics.warning({}, `the CTL lists USB eTokens, which 14 and later cannot make [S14]; release ${version} is kept, the CTL kind left to the release`);
    }
    const certificates = [...this.identities.values()].map(({ origin: _origin, ...c }) => c);
    // A trust certificate found on every node is the store's on every node: `nodes` is left out.
    for (const t of this.trust) if (t.nodes && this.registry.all.every((n) => t.nodes!.includes(n.name))) delete t.nodes;
    const servedCtl = mixed ? this.servedCtl(ctls) : undefined;
    return {
      registry: this.registry,
      cluster: {
        name: this.clusterName(publisher),
        version,
        ...(family && { family }),
        security,
        ...(ctl && !(ctl === 'token' && isAtLeast(parseRelease(version), '14')) && { ctl }),
        nodes: this.registry.all,
        certificates: sortCertificates(certificates, this.registry.all),
        trustCertificates: this.trust,
        ...(servedCtl && { servedCtl }),
      },
    };
  }

  private collectCallManagers(file: TrustFileRead): void {
    for (const r of file.records) if (r.role === 'CCM+TFTP' || r.role === 'CCM' || r.role === 'TFTP') this.callManagerSerials.add(`${r.serial}|${r.issuer}`);
  }

  private readItl(file: TrustFileRead): void {
    for (const r of file.records) {
      const where = { file: file.shown, record: r.index, offset: r.offset };
      switch (r.role) {
        case 'CCM+TFTP':
        case 'CCM':
        case 'TFTP': {
          const node = this.nodeOf(r);
          if (r.role === 'CCM') node.services.add('callmanager');
          if (r.role === 'TFTP') node.services.add('tftp');
          this.identity(node, r.certificate?.keyType === 'EC' ? 'CallManager-ECDSA' : 'CallManager', r, file, 'itl');
          break;
        }
        case 'TVS':
          this.identity(this.nodeOf(r), 'TVS', r, file, 'itl');
          break;
        case 'CAPF': {
          const node = this.nodeOf(r);
          node.services.add('capf');
          this.capfNode = node;
          this.identity(node, 'CAPF', r, file, 'itl');
          break;
        }
        case 'APP-SERVER':
          // Not in CUCM's own ITL (§4.2); for phones it means "trust this HTTPS server", as Phone-trust does through TVS (§2.1).
          if (r.certificate) this.addTrust('Phone-trust', undefined, r.certificate, `${file.shown} (record ${r.index})`);
          if (!this.assumedAppServer) this.diagnostics.assumed(where, 'APP-SERVER records are kept as Phone-trust certificates (the role TVS gives Phone-trust for phones\' HTTPS servers, domain-reference §2.1)');
          this.assumedAppServer = true;
          break;
        case 'SAST':
          this.readSast(r, file, true);
          break;
        default:
          this.diagnostics.warning(where, `role ${r.role} is not one trustsim knows: record not used`);
      }
    }
    this.serverOf(file);
    const signer = file.records[(file.signer.record ?? 0) - 1];
    if (signer) this.signers.push({ file, purpose: this.isCallManager(signer) ? 'CallManager' : ITLRECOVERY_CN.test(cn(signer)) ? 'ITLRecovery' : 'SAST' });
  }

  /** The TFTP node that built an ITL: its own CCM+TFTP record [S125DEF], else the node its folder or file name names. */
  private serverOf(file: TrustFileRead): void {
    const own = file.records.find((r) => r.role === 'CCM+TFTP');
    const ownNode = own && this.nodeOf(own);
    const hinted = this.registry.find(file.serverHint);
    if (ownNode && hinted && hinted !== ownNode) {
      this.diagnostics.warning({ file: file.shown }, `the folder or file name says ${file.serverHint}, but the ITL's own CCM+TFTP record is ${ownNode.name}'s: taken as ${ownNode.name}'s ITL [S125DEF]`);
    }
    const server = ownNode ?? hinted;
    if (server) {
      server.services.add('tftp');
      return;
    }
    const named = file.serverHint ? `its folder or file name (${file.serverHint}) names none of its nodes` : 'its folder and file name name no server';
    this.diagnostics.assumed({ file: file.shown }, `no CCM+TFTP record and ${named}: which TFTP server built this ITL is unknown`);
  }

  /** Returns whether the CTL makes the cluster mixed mode (a CTL holding only its signer is what `set-cluster non-secure-mode` leaves [S125CTL]). */
  private readCtl(file: TrustFileRead): boolean {
    const entries = file.records.filter((r) => r.role !== 'SAST');
    if (entries.length === 0) {
      this.diagnostics.assumed({ file: file.shown }, 'the CTL holds only SAST records: what `utils ctl set-cluster non-secure-mode` leaves behind [S125CTL]; the cluster is taken as non-secure');
      return false;
    }
    for (const r of file.records) {
      if (r.role === 'SAST') this.readSast(r, file, false);
      else if (r.role === 'CCM+TFTP' || r.role === 'CCM' || r.role === 'TFTP') {
        const node = this.nodeOf(r);
        // A CCM+TFTP entry per node running CallManager or TFTP [S125CTL]; a node whose ITL was not fetched runs CallManager at least.
        if (!node.services.has('tftp')) node.services.add('callmanager');
        this.identity(node, r.certificate?.keyType === 'EC' ? 'CallManager-ECDSA' : 'CallManager', r, file, 'ctl');
      } else if (r.role === 'CAPF') {
        const node = this.nodeOf(r);
        node.services.add('capf');
        this.capfNode ??= node;
        this.identity(node, 'CAPF', r, file, 'ctl');
      }
    }
    return true;
  }

  private readSast(r: TrustRecordRead, file: TrustFileRead, inItl: boolean): void {
    if (this.isCallManager(r)) return; // the CallManager certificate again, as the ITL/CTL signer's SAST copy
    const name = cn(r);
    const m = ITLRECOVERY_CN.exec(name);
    if (m) {
      this.itlRecoveryHost = m[1];
      this.identity(undefined, 'ITLRecovery', r, file, inItl ? 'itl' : 'ctl');
      return;
    }
    if (/^SAST-ADN/i.test(name) || /manufactur/i.test(r.issuer)) {
      this.tokens++; // a USB eToken of the CTL client [S125CTL]
      return;
    }
    const isSigner = r.index === file.signer.record;
    if (inItl && isSigner) {
      // The ITL's signer is neither a node's CallManager key nor named ITLRECOVERY_: a SAST as from 12.0, where ITLRecovery signs [SREGEN].
      this.diagnostics.assumed({ file: file.shown, record: r.index, offset: r.offset }, `the ITL's signer ${r.subject} is not a node's CallManager certificate: taken as the cluster's ITLRecovery (the SAST that signs the ITL from 12.0 [SREGEN])`);
      this.identity(undefined, 'ITLRecovery', r, file, 'itl');
      return;
    }
    // Another cluster's certificate uploaded to Phone-SAST-trust joins the CTL as SAST at an update [S125CTL].
    if (r.certificate) this.addTrust('Phone-SAST-trust', undefined, r.certificate, `${file.shown} (record ${r.index})`);
    this.diagnostics.assumed({ file: file.shown, record: r.index, offset: r.offset }, `SAST ${r.subject} is no node's certificate: kept as a Phone-SAST-trust certificate (another cluster's, joined at a CTL update [S125CTL])`);
  }

  private readCertificates(): void {
    const knownNodes = this.registry.all.length > 0;
    const fromTrustFiles = new Map<string, CertificatePurpose>();
    for (const c of this.identities.values()) fromTrustFiles.set(c.facts.fingerprint, c.purpose);
    for (const c of this.input.certificates) {
      const where = { file: c.shown, ...(c.line !== undefined && { line: c.line }) };
      const source = c.line !== undefined ? `${c.shown}:${c.line}` : c.shown;
      const nodes = c.nodeHints.map((h) => this.registry.find(h)).filter((n): n is TwinNode => n !== undefined);
      if (c.store) {
        this.addTrust(c.store, nodes.length ? nodes.map((n) => n.name) : undefined, c.facts, source);
        continue;
      }
      const purpose = c.purpose ?? fromTrustFiles.get(c.facts.fingerprint) ?? purposeFromContent(c.facts);
      if (!purpose) {
        this.diagnostics.warning(
          where,
          c.facts.ca || c.facts.selfSigned
            ? `${c.facts.subject}: neither a purpose nor a trust store in its path: not imported (put identity certificates in files named after their purpose, CallManager.pem, tomcat.pem …, and trust certificates in a folder named after their store, tomcat-trust/ …)`
            : `${c.facts.subject}: cannot tell its purpose: not imported (name the file after it: CallManager.pem, tomcat.pem, ipsec.pem, TVS.pem, CAPF.pem, ITLRecovery.pem)`,
        );
        continue;
      }
      if (purpose === 'ITLRecovery' || purpose === 'CAPF') {
        // ITLRecovery is one certificate for the cluster, named after the publisher that generates it; the CAPF
        // certificate is the publisher's [SREGEN] [chapter]. Either, downloaded from a node's folder, names it.
        const named = ITLRECOVERY_CN.exec(c.facts.commonName)?.[1];
        if (purpose === 'ITLRecovery' && named) this.itlRecoveryHost ??= named;
        if (purpose === 'CAPF' && nodes.length && !this.capfNode) this.capfNode = nodes[nodes.length - 1];
        this.setIdentity(undefined, purpose, c.facts, source, 'certificate');
        continue;
      }
      const targets = this.nodesFor(c, nodes, knownNodes);
      if (targets.length === 0) {
        this.diagnostics.warning(where, `${purpose} ${c.facts.subject}: cannot tell which node it belongs to (no folder or file name names a node, and its names match none): not imported`);
        continue;
      }
      for (const node of targets) this.setIdentity(node, purpose, c.facts, source, 'certificate');
    }
  }

  /** A multi-server certificate (`<host>-ms.<domain>`) belongs to every node its SANs name [chapter]. */
  private nodesFor(c: CertificateRead, hinted: TwinNode[], knownNodes: boolean): TwinNode[] {
    if (/-ms\./i.test(c.facts.commonName)) {
      const named = c.facts.sans.map((s) => this.registry.find(s)).filter((n): n is TwinNode => n !== undefined);
      if (named.length) return [...new Set(named)];
    }
    if (hinted.length) return [hinted[hinted.length - 1]];
    const byName = this.registry.find(c.facts.commonName) ?? c.facts.sans.map((s) => this.registry.find(s)).find(Boolean);
    if (byName) return [byName];
    // Without trust files, the folders (or the certificate's own name) are all that names the nodes.
    if (!knownNodes) {
      const name = c.nodeHints[c.nodeHints.length - 1] ?? c.facts.commonName;
      if (name && this.looksLikeHost(name)) return [this.registry.see({ name })];
    }
    return [];
  }

  private choosePublisher(): TwinNode | undefined {
    const nodes = this.registry.all;
    if (nodes.length === 0) return undefined;
    let publisher: TwinNode | undefined;
    let why: string | undefined;
    if (this.capfNode) publisher = this.capfNode; // CAPF runs on the publisher [chapter] table 3
    else if (this.itlRecoveryHost) {
      // ITLRecovery is generated by the publisher and named after it (ITLRECOVERY_<host>) [SREGEN].
      publisher = this.registry.find(this.itlRecoveryHost) ?? this.registry.see({ name: this.itlRecoveryHost });
    } else {
      publisher = nodes.find((n) => /pub/i.test(n.name)) ?? nodes.find((n) => n.services.has('tftp')) ?? nodes[0];
      why = /pub/i.test(publisher.name) ? 'its name says so' : publisher.services.has('tftp') ? 'the first TFTP server' : 'the first node found';
    }
    publisher.publisher = true;
    if (why) this.diagnostics.assumed({}, `publisher: ${publisher.name} (${why}); neither a CAPF record nor an ITLRecovery certificate names it`);
    return publisher;
  }

  /** ITLRecovery and CAPF certificates read before the publisher was known go to it. */
  private settlePending(publisher: TwinNode | undefined): void {
    for (const [key, c] of [...this.identities]) {
      if (c.node !== '') continue;
      this.identities.delete(key);
      if (!publisher) {
        this.diagnostics.warning({}, `${c.purpose} ${c.facts.subject}: no node to put it on: not imported`);
        continue;
      }
      this.setIdentity(publisher, c.purpose, c.facts, c.source, c.origin);
    }
  }

  /**
   * Nothing but a CTL or a CCM record says a node runs CallManager; a TFTP node is taken to (its own
   * certificate is CCM+TFTP [S125DEF]). Phones need a TFTP server: without one named, the publisher.
   */
  private assumeServices(publisher: TwinNode | undefined): void {
    if (publisher && !this.registry.all.some((n) => n.services.has('tftp'))) {
      publisher.services.add('tftp');
      this.diagnostics.assumed({}, `TFTP runs on ${publisher.name}: no ${this.input.trustFiles.length ? 'file says which node serves the trust files' : 'trust file was given to say which nodes serve TFTP'}`);
    }
    if (this.input.trustFiles.length === 0) {
      // Without trust files nothing says who runs CallManager: a node holding a CallManager certificate is taken to.
      const holders = this.registry.all.filter((n) => !n.services.has('callmanager') && this.identities.has(`${n.name}/CallManager`));
      for (const n of holders) n.services.add('callmanager');
      if (holders.length) this.diagnostics.assumed({}, `${holders.map((n) => n.name).join(', ')} run CallManager: no trust file says so, each holds a CallManager certificate`);
      return;
    }
    const assumed = this.registry.all.filter((n) => n.services.has('tftp') && !n.services.has('callmanager'));
    for (const n of assumed) n.services.add('callmanager');
    if (assumed.length) {
      this.diagnostics.assumed({}, `${assumed.map((n) => n.name).join(', ')} run CallManager as well as TFTP (their ITL record is CCM+TFTP); a mapping file's CallManager groups name the other CallManager nodes`);
    }
  }

  private family(): ReleaseFamily | undefined {
    const kinds = new Set(this.signers.map((s) => s.purpose));
    if (kinds.size === 0) {
      // No ITL: a 20-year ITLRecovery is one issued from 12.0 [S125DEF].
      if ([...this.identities.values()].some((c) => c.purpose === 'ITLRecovery' && validityYears(c.facts) >= 19)) return '12.0 or later';
      return undefined;
    }
    if (kinds.has('ITLRecovery') || kinds.has('SAST')) {
      const byCallManager = this.signers.filter((s) => s.purpose === 'CallManager');
      if (byCallManager.length) {
        this.diagnostics.warning(
          { file: byCallManager[0].file.shown },
          'signed by a CallManager key while other ITLs are signed by ITLRecovery: a "reset ITL" of `utils itl reset localkey`, served until Cisco Tftp restarts [S125DEF] [SCLI]',
        );
      }
      return '12.0 or later';
    }
    return 'up to 11.5';
  }

  private version(family: ReleaseFamily | undefined, ctls: readonly TrustFileRead[]): string {
    const given = this.input.version;
    if (given) {
      const release = parseRelease(given);
      const newer = isAtLeast(release, '12.0');
      if (family && (family === '12.0 or later') !== newer) {
        this.diagnostics.warning({}, `--version ${given}, but the ITL's signer says ${family} (${family === '12.0 or later' ? 'ITLRecovery signs from 12.0' : 'the CallManager key signs up to 11.5'} [SREGEN]): ${given} is used`);
      }
      return given;
    }
    let version: string;
    let why: string;
    const callManager = [...this.identities.values()].find((c) => c.purpose === 'CallManager');
    const hasItlRecovery = [...this.identities.values()].some((c) => c.purpose === 'ITLRecovery');
    if (family === '12.0 or later') {
      // From 14 self-signed TLS certificates are issued for 3 years [SREL14]; before, 5. Token CTLs end at 14 [S14].
      const threeYears = callManager !== undefined && Math.round(validityYears(callManager.facts)) === 3;
      version = threeYears && this.tokens === 0 ? '14SU3' : '12.5(1)SU3';
      const because = this.signers.length ? 'the ITL is signed by ITLRecovery, so 12.0 or later [SREGEN]' : 'ITLRecovery has the 20-year validity it has from 12.0 [S125DEF]';
      why = `${because}; ${threeYears ? 'a 3-year CallManager certificate suggests 14 or later [SREL14]' : 'nothing narrows it further'}`;
    } else if (family === 'up to 11.5') {
      version = hasItlRecovery ? '11.5(1)SU9' : '9.1(2)';
      why = `the ITL is signed by a CallManager key, so up to 11.5 [SREGEN]; ${hasItlRecovery ? 'an ITLRecovery certificate means 10.0 or later [SITL10]' : 'no ITLRecovery certificate means before 10.0 [SITL10]'}`;
    } else {
      version = '14SU3';
      why = ctls.length || this.input.trustFiles.length ? 'no ITL says who signs it' : 'no trust file was given';
    }
    this.diagnostics.assumed({}, `release ${version} (${why}); give --version <release> to set it`);
    return version;
  }

  private clusterName(publisher: TwinNode | undefined): string {
    if (this.input.clusterName) return scenarioName(this.input.clusterName, 'cluster');
    const hint = this.input.trustFiles.find((f) => f.clusterHint)?.clusterHint;
    const domain = publisher?.fqdn?.split('.')[1];
    const name = scenarioName(hint ?? domain ?? 'cluster', 'cluster');
    this.diagnostics.assumed({}, `cluster name '${name}' (${hint ? 'the folder above the servers\' folders' : domain ? 'from the publisher\'s domain' : 'nothing names it'}); give --cluster <name> to set it`);
    return name;
  }

  /**
   * The CTL as served, when it no longer matches the nodes' current certificates: the CTL is never
   * updated by itself [S125CTL], and `check` names what it misses.
   */
  private servedCtl(ctls: readonly TrustFileRead[]): TwinServedCtl | undefined {
    const ctl = ctls.find((f) => f.records.some((r) => r.role !== 'SAST'))!;
    const distinct = new Set(ctls.map((f) => f.records.map((r) => r.serial).join(',')));
    if (distinct.size > 1) this.diagnostics.warning({ file: ctls[1].shown }, `TFTP servers serve different CTLs; ${ctl.shown} is the one kept`);
    let stale = false;
    const records = ctl.records.map((r) => {
      const { node, purpose } = this.ownerOf(r);
      if (node && purpose) {
        const current = this.identities.get(`${node}/${purpose}`);
        if (current && current.facts.serial !== r.serial) stale = true;
      }
      return { role: r.role as TrustListRole, subject: displayDn(r.subject), issuer: displayDn(r.issuer), serial: r.serial, ...(node && { node }), ...(purpose && { purpose }) };
    });
    for (const c of this.identities.values()) {
      const node = this.registry.find(c.node);
      const listed = c.purpose === 'CAPF' || (c.purpose === 'CallManager' && (node?.services.has('callmanager') || node?.services.has('tftp')));
      if (listed && !ctl.records.some((r) => r.serial === c.facts.serial)) stale = true;
    }
    if (!stale) return undefined;
    this.diagnostics.note({ file: ctl.shown }, 'the CTL does not match the nodes\' current certificates: it was not updated after a change (utils ctl update CTLFile) [S125CTL]; kept as servedCtl (trustsim check reports it)');
    return { signer: { subject: displayDn(ctl.signer.subject), serial: ctl.signer.serial }, records };
  }

  private ownerOf(r: TrustRecordRead): { node?: string; purpose?: CertificatePurpose } {
    if (r.role === 'CCM+TFTP' || r.role === 'CCM' || r.role === 'TFTP') return { node: this.nodeOf(r).name, purpose: r.certificate?.keyType === 'EC' ? 'CallManager-ECDSA' : 'CallManager' };
    if (r.role === 'CAPF') return { node: this.nodeOf(r).name, purpose: 'CAPF' };
    if (r.role === 'SAST') {
      if (ITLRECOVERY_CN.test(cn(r))) {
        const owner = [...this.identities.values()].find((c) => c.purpose === 'ITLRecovery');
        return { ...(owner && { node: owner.node }), purpose: 'ITLRecovery' };
      }
      if (this.isCallManager(r)) {
        const owner = [...this.identities.values()].find((c) => c.purpose === 'CallManager' && c.facts.serial === r.serial);
        return owner ? { node: owner.node, purpose: 'CallManager' } : {};
      }
    }
    return {};
  }

  private identity(node: TwinNode | undefined, purpose: CertificatePurpose, r: TrustRecordRead, file: TrustFileRead, origin: Origin): void {
    const where = { file: file.shown, record: r.index, offset: r.offset };
    if (!r.certificate) {
      this.diagnostics.warning(where, `${purpose} ${r.subject}: without its certificate the twin cannot keep its validity, key and hash`);
      return;
    }
    this.setIdentity(node, purpose, r.certificate, `${file.shown} (record ${r.index})`, origin);
  }

  /** Keeps the most direct source; between two certificates for one node and purpose, the newer, and says so. */
  private setIdentity(node: TwinNode | undefined, purpose: CertificatePurpose, facts: CertificateFacts, source: string, origin: Origin): void {
    const key = `${node?.name ?? ''}/${purpose}`;
    const held = this.identities.get(key) ?? (node ? undefined : [...this.identities.values()].find((c) => c.purpose === purpose && (purpose === 'ITLRecovery' || purpose === 'CAPF')));
    if (!held) {
      this.identities.set(key, { node: node?.name ?? '', purpose, facts, source, origin });
      return;
    }
    if (held.facts.fingerprint === facts.fingerprint) {
      if (RANK[origin] > RANK[held.origin]) Object.assign(held, { source, origin });
      return;
    }
    // The CTL is never updated by itself [S125CTL]: an older certificate there is expected, not a conflict.
    if (origin === 'ctl' || held.origin === 'ctl') {
      if (RANK[origin] > RANK[held.origin]) Object.assign(held, { facts, source, origin });
      return;
    }
    const newer = Date.parse(facts.notBefore) > Date.parse(held.facts.notBefore);
    this.diagnostics.warning(
      {},
      `${node?.name ?? 'the cluster'} ${purpose}: ${held.source} has serial ${held.facts.serial}, ${source} has serial ${facts.serial}; the newer (${newer ? source : held.source}) is kept — were the files taken at different times?`,
    );
    if (newer) Object.assign(held, { facts, source, origin });
  }

  private addTrust(store: string, nodes: string[] | undefined, facts: CertificateFacts, source: string): void {
    const held = this.trust.find((t) => t.store === store && t.facts.fingerprint === facts.fingerprint);
    if (!held) {
      this.trust.push({ store, ...(nodes && { nodes }), facts, source });
      return;
    }
    // Seen on several nodes: on every node it was found on; "every node" once any copy did not say.
    if (held.nodes && nodes) held.nodes = [...new Set([...held.nodes, ...nodes])];
    else delete held.nodes;
  }

  private nodeOf(r: TrustRecordRead): TwinNode {
    const name = r.dnsName && this.looksLikeHost(r.dnsName) ? r.dnsName : cn(r);
    return this.registry.see({ name, ...(r.ipAddress && { address: r.ipAddress }) });
  }

  private isCallManager(r: TrustRecordRead): boolean {
    return this.callManagerSerials.has(`${r.serial}|${r.issuer}`);
  }

  private looksLikeHost(text: string): boolean {
    return /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(text) && !/^(SAST|ITLRECOVERY)/i.test(text);
  }
}

/** The CN of a record's subject (`CN=pub;OU=…` or `CN=pub,O=…`), or of its certificate. */
function cn(r: TrustRecordRead): string {
  if (r.certificate?.commonName) return r.certificate.commonName;
  return /(?:^|[;,]\s*)CN=([^;,]+)/.exec(r.subject)?.[1]?.trim() ?? '';
}

/** Cisco form `CN=a;OU=b` → display form `CN=a, OU=b`; a comma form stays. */
function displayDn(dn: string): string {
  return dn.includes(';') ? dn.split(';').join(', ') : dn;
}

function purposeFromContent(facts: CertificateFacts): CertificatePurpose | undefined {
  if (ITLRECOVERY_CN.test(facts.commonName)) return 'ITLRecovery';
  if (/^CAPF-[0-9a-f]+$/i.test(facts.commonName)) return 'CAPF';
  if (facts.extKeyUsage.includes('ipsecEndSystem') || facts.extKeyUsage.includes('1.3.6.1.5.5.7.3.5')) return 'ipsec';
  return undefined;
}

function validityYears(facts: CertificateFacts): number {
  return (Date.parse(facts.notAfter) - Date.parse(facts.notBefore)) / (365.25 * 86_400_000);
}

const PURPOSE_ORDER: readonly CertificatePurpose[] = ['CallManager', 'CallManager-ECDSA', 'TVS', 'tomcat', 'tomcat-ECDSA', 'ipsec', 'CAPF', 'ITLRecovery'];

function sortCertificates(certificates: TwinCertificate[], nodes: readonly TwinNode[]): TwinCertificate[] {
  const nodeIndex = (name: string) => nodes.findIndex((n) => n.name === name);
  return certificates.sort((a, b) => nodeIndex(a.node) - nodeIndex(b.node) || PURPOSE_ORDER.indexOf(a.purpose) - PURPOSE_ORDER.indexOf(b.purpose));
}


import { isAtLeast, isBefore, Release } from '../release/release';
import { Role } from '../shared/roles';
import { CertificateRef, ClusterSecurity, ecdsaTwinRecords } from './itl-plan';

/** A node of the cluster as the CTL sees it: its certificates and the services that give it a CTL entry. */
export interface CtlServer {
  /** The node's name; a stub record (non-secure mode) names the node it stands for. */
  node: string;
  callManager: CertificateRef;
  /** Its CallManager-ECDSA certificate (11.0 and later). */
  callManagerEcdsa?: CertificateRef;
  runsCallManager: boolean;
  runsTftp: boolean;
  /** Its CAPF certificate, when the CAPF service runs on it. */
  capf?: CertificateRef;
}

export interface CtlContentsInput {
  /** The publisher's CallManager certificate (SAST in the tokenless CTL). */
  publisherCallManager: CertificateRef;
  /** Every node, in the cluster's order (publisher first): each running CallManager or TFTP gets an entry, in that order [STOKENLESS]. */
  servers: readonly CtlServer[];
  itlRecovery?: CertificateRef;
  /** Certificates of Phone-SAST-trust: joined as SAST at a CTL update (migrations) [S125CTL]. */
  phoneSast: readonly CertificateRef[];
  /** The two USB eTokens of a token-based CTL (Token1 signs). */
  tokens?: readonly [CertificateRef, CertificateRef];
}

/** A CTL made by the CTL client with USB eTokens, or by the CLI (`utils ctl`) without them. */
export type CtlKind = 'token' | 'tokenless';

/**
 * Which kinds of CTL a release can make: tokens (the CTL client) up to 12.5 — "CTL client (USB tokens)
 * unsupported from 14" [S14] [SREGEN]; tokenless (`utils ctl`) from 10.0(1) [SITL10] [S125CTL].
 * Returns the reason a kind is not available, or undefined.
 */
export function ctlKindUnavailable(release: Release, kind: CtlKind): string | undefined {
  if (kind === 'token' && isAtLeast(release, '14')) return 'the CTL client (USB eTokens) is not supported from 14 [S14]; use the tokenless CTL';
  if (kind === 'tokenless' && isBefore(release, '10.0')) return 'the tokenless CTL (utils ctl) exists from 10.0(1) [SITL10]; before it the CTL client with USB eTokens makes the CTL';
  return undefined;
}

/**
 * The CTL kind after an upgrade: the CTL client does not exist from 14 [S14], so a token cluster upgraded
 * to 14 makes its next CTL without tokens; the CTL it already serves stays as it is [uncertain].
 */
export function ctlKindAfterUpgrade(kind: CtlKind, to: Release): CtlKind {
  return kind === 'token' && ctlKindUnavailable(to, 'token') ? 'tokenless' : kind;
}

/** A mixed-mode cluster's CTL kind when the scenario does not say: tokens before 10.0, tokenless from it. */
export function defaultCtlKind(release: Release): CtlKind {
  return isBefore(release, '10.0') ? 'token' : 'tokenless';
}

/**
 * One CTL entry. A stub carries no certificate: after `utils ctl set-cluster non-secure-mode` each server
 * entry keeps only its name, role and address (`stubOf` names the node) [SNONSECURE].
 */
export type CtlRecordPlan = { certificate: CertificateRef; role: Role } | { stubOf: string; role: Role };

export type CtlSignerPurpose = 'CallManager' | 'ITLRecovery' | 'Token1';

/**
 * Who signs the CTL (domain-reference §5): a token-based one, Token1 [S125CTL]; a tokenless one, the
 * publisher's CallManager key up to 11.5 and ITLRecovery from 12.0 [S125CTL] [STOKENLESS] [SREGEN], and
 * after `utils ctl reset localkey` the CallManager key until the next `utils ctl update CTLFile` [S125DEF] [chapter].
 */
export function ctlSigner(release: Release, mode: 'normal' | 'reset-localkey', kind: CtlKind = 'tokenless'): CtlSignerPurpose {
  // A token-based CTL is signed by the first USB eToken on every release [S125CTL].
  if (kind === 'token') return 'Token1';
  if (mode === 'reset-localkey') return 'CallManager';
  return isAtLeast(release, '12.0') ? 'ITLRecovery' : 'CallManager';
}

/** ITLRecovery joins the tokenless CTL as a second SAST from 10.5(2) [S125CTL]. */
export function ctlCarriesItlRecovery(release: Release): boolean {
  return isAtLeast(release, '10.5(2)');
}

/**
 * The records of the CTL (§5) [S125CTL] [SREGEN], in the order of the published 10.5 tokenless CTL —
 * SAST entries first, then server by server its entry and, on the node that runs it, CAPF: "CTL Record
 * #:1 ... System Administrator Security Token / #:2 CCM+TFTP / #:3 CAPF / #:4 CCM+TFTP" (publisher,
 * publisher, publisher, cucm-1051-a-sub1) [STOKENLESS]:
 * - tokenless: the publisher's CallManager as SAST, and ITLRecovery as a second SAST from 10.5(2)
 *   [S125CTL]; token-based: tokenSasts;
 * - each node running CallManager or TFTP, with the role of ctlServerRole, followed by its
 *   CallManager-ECDSA certificate with the same role (ecdsaTwinRecords);
 * - CAPF; Phone-SAST-trust certificates as SAST [S125CTL]; never TVS [S14].
 *
 * In non-secure mode (`utils ctl set-cluster non-secure-mode`) the file stays and keeps every SAST and the
 * CAPF entry, while each server entry becomes a stub (nonSecureModeEntry) [SNONSECURE].
 */
export function ctlRecords(release: Release, input: CtlContentsInput, kind: CtlKind = 'tokenless', security: ClusterSecurity = 'mixed'): CtlRecordPlan[] {
  const records: CtlRecordPlan[] = kind === 'token' ? tokenSasts(release, input) : [{ certificate: input.publisherCallManager, role: 'SAST' }];
  if (kind === 'tokenless' && input.itlRecovery && ctlCarriesItlRecovery(release)) records.push({ certificate: input.itlRecovery, role: 'SAST' });
  for (const server of input.servers) {
    const role = ctlServerRole(server);
    if (role) {
      const entries: CtlRecordPlan[] = [{ certificate: server.callManager, role }, ...ecdsaTwinRecords(server.callManagerEcdsa, role)];
      records.push(...(security === 'mixed' ? entries : [nonSecureModeEntry(server.node, role)]));
    }
    if (server.capf) records.push({ certificate: server.capf, role: 'CAPF' });
  }
  for (const sast of input.phoneSast) records.push({ certificate: sast, role: 'SAST' });
  return records;
}

/**
 * A node's CTL role from the services it runs: "Cisco CallManager and Cisco TFTP services that are run on
 * the same server" → CCM+TFTP, "TFTP server(s)" → TFTP [SREGEN] [S125CTL]; a CallManager without TFTP →
 * CCM, the format's role for a CallManager alone (code 1) [uncertain: no published CTL shows such a node];
 * neither → no entry.
 */
export function ctlServerRole(server: Pick<CtlServer, 'runsCallManager' | 'runsTftp'>): Role | undefined {
  if (server.runsCallManager && server.runsTftp) return 'CCM+TFTP';
  if (server.runsTftp) return 'TFTP';
  if (server.runsCallManager) return 'CCM';
  return undefined;
}

/**
 * What a server entry becomes after `utils ctl set-cluster non-secure-mode`: "the CTL file does not contain
 * any CCM+TFTP (server) certificates. Since CCM+TFTP (server) certificates do not exist in the CTL file,
 * this forces the phone to register as Non-Secure"; the dump keeps one 33-byte record per server ("2
 * DNSNAME 13 10.48.47.153 / 4 FUNCTION 2 CCM+TFTP / 10 IPADDRESS 4") while "the rest of the certificates
 * in the CTL files are not changed" [SNONSECURE]. One stub per node: its CallManager-ECDSA entry, which no
 * dump shows, has no certificate left to tell it apart [uncertain].
 */
export function nonSecureModeEntry(node: string, role: Role): CtlRecordPlan {
  return { stubOf: node, role };
}

/**
 * Whether each CTL record carries its certificate's SIGNATURE element. CUCM's own tokenless CTL does ("8
 * SIGNATURE 128" in every record [STOKENLESS]); the CTL client writes none, for tokens and servers alike
 * ("7 PUBLICKEY 140 / 9 CERTIFICATE 902", "7 PUBLICKEY 140 / 9 CERTIFICATE 680" for CAPF) [SNONSECURE] [STOKENLESS].
 */
export function ctlRecordsCarryCertificateSignature(kind: CtlKind): boolean {
  return kind === 'tokenless';
}

/**
 * The SAST entries of a token-based CTL [S125CTL] (§5 table): Token1 (the signer) and Token2; from 11.5
 * also ITLRecovery and the publisher's CallManager — which is why phones holding a token CTL made on
 * 11.5 or later accept the tokenless CTL that replaces it, and phones holding an older one do not. The
 * same guide's procedure asks for "the token-based CTL generated on 12.0(1)+" [S125CTL]; this follows its
 * per-release table, so the 11.5 case is [uncertain].
 */
function tokenSasts(release: Release, input: CtlContentsInput): CtlRecordPlan[] {
  if (!input.tokens) throw new RangeError('a token-based CTL needs its two USB eTokens');
  const records: CtlRecordPlan[] = input.tokens.map((certificate) => ({ certificate, role: 'SAST' as const }));
  if (isAtLeast(release, '11.5')) {
    if (input.itlRecovery) records.push({ certificate: input.itlRecovery, role: 'SAST' });
    records.push({ certificate: input.publisherCallManager, role: 'SAST' });
  }
  return records;
}

import type { PkiPort, TrustRecordPlan } from '../core/ports';
import type { KeyRef } from '../core/refs';
import { isEcPurpose } from '../node/identities';
import type { NodeState } from '../node/node-state';
import { certificateValidityDays } from '../release/release-profile';
import { ctlRecordsCarryCertificateSignature } from '../tftp/ctl-plan';
import { signerOf, type FileSigner } from '../tftp/itl-build';
import { NO_SERVER_RECORD_NAME, serverRecordName } from '../tftp/record-names';
import { isSelfSigned, twinCaKey, type TwinServedCtl, type TwinTrustEntry } from '../twin/twin-certificates';
import { publisherOf, type World } from '../world/world';

/**
 * A certificate a twin's served CTL still carries though no node holds it any more: an older generation,
 * minted for the CTL only (and for what phones holding that CTL trust) [twin].
 */
export interface MintedForCtl {
  /** The node and purpose the record names; absent for a record of no node (a USB eToken, another cluster's SAST). */
  readonly node?: string;
  readonly purpose: string;
  readonly generation: 0;
  readonly commonName: string;
  readonly serial: string;
  readonly fingerprint: string;
  readonly key: KeyRef;
  /** DER, base64. */
  readonly der: string;
}

interface Resolved {
  readonly fingerprint: string;
  readonly key: KeyRef;
  readonly generation: number;
  readonly node?: NodeState;
  readonly purpose: string;
}

/** The purpose a record's role stands for, when the twin names none: a server's CallManager, CAPF, TVS; a SAST is read from its subject. */
export function purposeOfRecord(role: string, subject: string): string {
  if (role === 'CAPF') return 'CAPF';
  if (role === 'TVS') return 'TVS';
  if (role === 'SAST' && /(^|[,;]\s*)CN=ITLRECOVERY_/i.test(subject)) return 'ITLRecovery';
  return 'CallManager';
}

const sameSerial = (a: string, b: string) => a.toLowerCase().replace(/^0+(?=.)/, '') === b.toLowerCase().replace(/^0+(?=.)/, '');

/**
 * The CTL a twin's TFTP servers serve at install, built from its records, not from the current
 * certificates — the CTL is never updated by itself [S125CTL], so a real cluster may serve one that
 * predates a regeneration. A record whose serial is the current certificate of its node and purpose is
 * that certificate; any other is an older generation, minted (generation 0, the record's subject and
 * serial, the key type and size of the current one) and valid until the current one started. Signed by
 * the SAST record of the signer's serial. `utils ctl update CTLFile` later builds a fresh CTL (ctl-build.ts).
 */
export function planServedCtl(
  world: World,
  cluster: string,
  served: TwinServedCtl,
  ctx: { pki: PkiPort; trust: readonly TwinTrustEntry[] },
): { records: TrustRecordPlan[]; signer: FileSigner; minted: MintedForCtl[] } {
  const state = world.cluster(cluster);
  const release = world.release(cluster);
  const nodes = world.nodes(cluster);
  const minted = new Map<string, MintedForCtl & { resolved: Resolved }>();

  const resolve = (record: TwinServedCtl['records'][number]): Resolved => {
    const node = record.node === undefined ? undefined : nodes.find((n) => n.name === record.node);
    // A record naming no node may still be a current certificate of one (a SAST that is a node's CallManager).
    const owners = node ? [node] : nodes;
    for (const n of owners) {
      for (const [purpose, id] of Object.entries(n.identities)) {
        if ((record.purpose === undefined || record.purpose === purpose) && sameSerial(world.certificate(id.fingerprint).serialHex, record.serial)) {
          return { fingerprint: id.fingerprint, key: id.key, generation: id.generation, node: n, purpose };
        }
      }
    }
    const known = minted.get(record.serial);
    if (known) return known.resolved;
    // A record of no node is named by its role (a token's SAST): it is no node's identity.
    const purpose = record.purpose ?? (node ? purposeOfRecord(record.role, record.subject) : record.role);
    const issuerKey = !isSelfSigned(record) ? { issuerKey: twinCaKey(ctx.trust, record.issuer!) } : {};
    const current = node?.identities[purpose];
    let issued;
    if (node) {
      const now = current ? world.certificate(current.fingerprint) : undefined;
      const notAfter = now?.notBefore ?? new Date(world.now);
      const notBefore = new Date(notAfter.getTime() - certificateValidityDays(release, purpose) * 86_400_000);
      issued = ctx.pki.issueIdentity({
        cluster,
        node: node.name,
        fqdn: node.fqdn,
        purpose,
        generation: 0,
        release,
        keyLength: now?.keyBits ?? (isEcPurpose(purpose) ? 256 : 2048),
        hash: 'sha256',
        notBefore: notBefore.getTime(),
        imported: { subject: record.subject, ...(record.issuer && { issuer: record.issuer }), ...issuerKey, serial: record.serial, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() },
      });
    } else {
      const notBefore = new Date(world.now).toISOString();
      issued = ctx.pki.mintTwinCertificate({
        subject: record.subject,
        ...(record.issuer && !isSelfSigned(record) && { issuer: record.issuer }),
        ...issuerKey,
        serial: record.serial,
        notBefore,
        notAfter: new Date(world.now + certificateValidityDays(release, purpose) * 86_400_000).toISOString(),
        hash: 'sha256',
        key: { name: `twin-ctl/${cluster}/${record.serial}`, keyType: 'RSA', keyLength: 2048 },
        ca: false,
      });
    }
    const c = issued.certificate;
    const resolved: Resolved = { fingerprint: c.fingerprint, key: issued.key, generation: 0, ...(node && { node }), purpose };
    minted.set(record.serial, {
      ...(node && { node: node.name }),
      purpose,
      generation: 0,
      commonName: c.commonName,
      serial: c.serialHex,
      fingerprint: c.fingerprint,
      key: issued.key,
      der: Buffer.from(c.der).toString('base64'),
      resolved,
    });
    return resolved;
  };

  const certificateSignature = ctlRecordsCarryCertificateSignature(state.ctlKind);
  const resolvedRecords = served.records.map((r) => ({ record: r, certificate: resolve(r) }));
  const records: TrustRecordPlan[] = resolvedRecords.map(({ record, certificate: c }) => {
    // A record of no node (a USB eToken, another cluster's SAST) has an empty name [SNONSECURE].
    const owner = c.node;
    return {
      fingerprint: c.fingerprint,
      role: record.role,
      dnsName: owner ? serverRecordName(owner.fqdn) : NO_SERVER_RECORD_NAME,
      ipAddress: owner ? owner.ip : '0.0.0.0',
      certificateSignature,
    };
  });
  const signing = resolvedRecords.find(({ record }) => record.role === 'SAST' && sameSerial(record.serial, served.signer.serial));
  if (!signing) throw new Error(`cluster ${cluster}: the served CTL has no SAST record with the signer's serial ${served.signer.serial}`);
  const s = signing.certificate;
  const signer = signerOf(cluster, { fingerprint: s.fingerprint, generation: s.generation, key: s.key }, s.node?.name ?? publisherOf(world, cluster).name, s.purpose);
  return { records, signer, minted: [...minted.values()].map(({ resolved: _resolved, ...m }) => m) };
}

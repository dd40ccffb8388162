import { createHash } from 'node:crypto';
import { checkPhoneLimits, parseTrustFile, ROLE_NAMES, verifyTrustFile } from '@trustsim/trust-files';
import { isRollbackItl, Role, TrustListView } from '@trustsim/domain';

/**
 * Turns the bytes a TFTP node serves into what a phone reasons about: the records' roles and whether
 * the signature verifies. Each distinct file is parsed and verified once (by its bytes' identity) and
 * the verdict is shared by every phone offered that file.
 */
export class TrustListReader {
  private readonly byBuffer = new WeakMap<Buffer, TrustListView>();
  private readonly byId = new Map<string, TrustListView>();
  private readonly bytesById = new Map<string, Buffer>();
  verifications = 0;

  read(bytes: Buffer): TrustListView {
    const cached = this.byBuffer.get(bytes);
    if (cached) return cached;
    const id = createHash('sha256').update(bytes).digest('hex');
    let view = this.byId.get(id);
    if (!view) {
      view = this.parse(bytes, id);
      this.byId.set(id, view);
      this.bytesById.set(id, bytes);
    }
    this.byBuffer.set(bytes, view);
    return view;
  }

  byFileId(id: string): TrustListView | undefined {
    return this.byId.get(id);
  }

  /** The bytes of a file read before (a checkpoint keeps what phones hold). */
  bytesOf(id: string): Buffer | undefined {
    return this.bytesById.get(id);
  }

  private parse(bytes: Buffer, id: string): TrustListView {
    const parsed = parseTrustFile(bytes);
    this.verifications++;
    const verification = verifyTrustFile(parsed);
    const roles = new Map<string, Set<Role>>();
    const addresses = new Map<string, string>();
    for (const record of parsed.records) {
      if (!record.certificateDer) continue;
      const fp = fingerprint(record.certificateDer);
      if (record.ipAddress) addresses.set(fp, record.ipAddress);
      let set = roles.get(fp);
      if (!set) roles.set(fp, (set = new Set()));
      set.add(ROLE_NAMES[record.role] as Role);
    }
    const tooLarge = checkPhoneLimits(parsed).filter((f) => f.level === 'error').map((f) => f.message).join('; ');
    return {
      id,
      ...(tooLarge ? { tooLarge } : {}),
      fileName: parsed.fileName,
      signatureValid: verification.ok,
      signerFingerprint: verification.ok && verification.signerRecord.certificateDer ? fingerprint(verification.signerRecord.certificateDer) : undefined,
      failure: verification.ok ? undefined : verification.detail,
      roles,
      addresses,
      // An ITL without TVS and TFTP certificates is the rollback ITL [S125DEF]; a CTL never is.
      rollback: !/^CTL/i.test(parsed.fileName) && isRollbackItl(roles.values()),
    };
  }
}

export function fingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * A typical CUCM 12+ ITL (docs/trust-model.md §4.2): signed by ITLRecovery, which is also a SAST record;
 * the TFTP node's CallManager certificate twice (SAST and CCM+TFTP); the TVS of both nodes; CAPF.
 * Six records. Keys come from the per-file cache, so building many of these costs nothing extra.
 */
import { TrustFileDigest } from '../algorithms';
import { TrustRole } from '../roles';
import type { TrustFileInput } from '../types';
import { TestKeyPair, cucmName, makeCertificate, rsaKey } from './certificates';

export interface TypicalItl {
  input: TrustFileInput;
  signerKey: TestKeyPair;
}

export function typicalItl(digest: TrustFileDigest = 'sha256', signerBits: 1024 | 2048 = 2048): TypicalItl {
  const signerKey = rsaKey(signerBits, 0);
  const nodeKey = rsaKey(1024, 1);
  const itlRecovery = makeCertificate({ subject: cucmName('ITLRECOVERY_cucm-pub'), serialHex: '6e1f0a33c2', publicKey: signerKey.publicKey, signingKey: signerKey.privateKey });
  const callManager = makeCertificate({ subject: cucmName('cucm-pub'), serialHex: '8a7b6c5d4e3f', publicKey: nodeKey.publicKey, signingKey: nodeKey.privateKey });
  const tvsPub = makeCertificate({ subject: cucmName('cucm-pub-tvs'), serialHex: '11', publicKey: nodeKey.publicKey, signingKey: nodeKey.privateKey });
  const tvsSub = makeCertificate({ subject: cucmName('cucm-sub1-tvs'), serialHex: '12', publicKey: nodeKey.publicKey, signingKey: nodeKey.privateKey });
  const capf = makeCertificate({ subject: cucmName('CAPF-1f2e3d4c'), serialHex: 'c0ffee', publicKey: nodeKey.publicKey, signingKey: nodeKey.privateKey });
  return {
    signerKey,
    input: {
      fileName: 'ITLSEP001122334455.tlv',
      timestamp: 1_767_225_600,
      digest,
      signer: { certificateDer: itlRecovery, privateKey: signerKey.privateKey },
      records: [
        { certificateDer: itlRecovery, role: TrustRole.SAST },
        { certificateDer: callManager, role: TrustRole.SAST, dnsName: 'cucm-pub.example.com', ipAddress: '10.1.1.10' },
        { certificateDer: callManager, role: TrustRole.CCM_TFTP, dnsName: 'cucm-pub.example.com', ipAddress: '10.1.1.10' },
        { certificateDer: tvsPub, role: TrustRole.TVS, dnsName: 'cucm-pub.example.com', ipAddress: '10.1.1.10' },
        { certificateDer: tvsSub, role: TrustRole.TVS, dnsName: 'cucm-sub1.example.com', ipAddress: '10.1.1.11' },
        { certificateDer: capf, role: TrustRole.CAPF, dnsName: 'cucm-pub.example.com', ipAddress: '10.1.1.10' },
      ],
    },
  };
}

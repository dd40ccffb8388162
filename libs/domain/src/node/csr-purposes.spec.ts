import { StepNotSimulatedError } from '../core/errors';
import type { PkiPort } from '../core/ports';
import { defaultAssumptions } from '../assumptions/assumptions';
import { parseRelease } from '../release/release';
import { given } from '../test-support/given';
import { facts, KEY } from '../test-support/world';
import { csrUnavailable } from './csr-purposes';
import { decideNode } from './decide-node';
import type { NodeContext } from './node-context';
import type { NodeEvent } from './node-events';
import { evolveNode, NO_NODE } from './node-state';

/** What the node asked the PKI for, to see the CSR's purpose and names. */
const asked: { purpose: string; subjectAltNames: readonly string[] }[] = [];
const pki: PkiPort = {
  issueIdentity: () => {
    throw new Error('not used');
  },
  sastToken: () => {
    throw new Error('not used');
  },
  mintTwinCertificate: () => {
    throw new Error('not used');
  },
  checkChoice: () => ({ ok: true }),
  csr: ({ purpose, subject, subjectAltNames }) => {
    asked.push({ purpose, subjectAltNames });
    return `CSR for ${String(subject.CN)}`;
  },
  multiServerNames: () => {
    throw new Error('not used');
  },
};

const context: NodeContext = {
  now: Date.parse('2026-01-05T08:00:00Z'),
  release: parseRelease('14SU2'),
  releaseName: '14SU2',
  mixedMode: false,
  parameters: {},
  assumptions: defaultAssumptions(),
  pki,
  // CAPF and ITLRecovery certificates name no DNS name (identity-issuer.ts); the others name the node's FQDN.
  certificate: (fp) => facts(fp, { commonName: fp, subject: { CN: fp }, subjectAltNames: fp.includes('CAPF') || fp.includes('ITLRecovery') ? [] : ['pub.hq.example.com'] }),
  certificateSpec: () => undefined,
};

const installed = (purpose: string): NodeEvent => ({
  type: 'CertificateInstalled',
  data: { cluster: 'hq', node: 'pub', purpose, generation: 1, commonName: purpose, serial: '1', fingerprint: `pub/${purpose}/1`, notBefore: '', notAfter: '', keyType: 'RSA', keyBits: 2048, key: KEY(`hq/pub/${purpose}/1`), der: '' },
});
const pub: NodeEvent[] = [
  { type: 'NodeInstalled', data: { cluster: 'hq', node: 'pub', role: 'publisher', services: ['callmanager', 'tftp', 'tvs', 'capf'], fqdn: 'pub.hq.example.com', ip: '10.10.0.10' } },
  ...['CallManager', 'tomcat', 'ipsec', 'TVS', 'CAPF', 'ITLRecovery'].map(installed),
];

describe('Generate CSR: the purposes the chapter makes CSRs for', () => {
  it('[chapter "Support for Certificates from External CAs"] CallManager, CAPF, ipsec, tomcat, TVS and the -ECDSA pair; not ITLRecovery', () => {
    for (const purpose of ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA', 'ipsec', 'CAPF', 'TVS']) expect(csrUnavailable(purpose)).toBeUndefined();
    expect(csrUnavailable('ITLRecovery')).toMatch(/^CUCM makes no CSR for ITLRecovery: .*"Support for Certificates from External CAs"/);
    expect(csrUnavailable('Phone-SAST-trust')).toMatch(/no certificate purpose/);
  });

  it('[chapter Table 3] a CAPF CSR (its certificate names no DNS name) is made, for the CAPF purpose, with no subjectAltName', () => {
    asked.length = 0;
    given(evolveNode, NO_NODE, pub)
      .when((s) => decideNode(s, { kind: 'generate-csr', purpose: 'CAPF', distribution: 'single-server', clusterFqdns: ['pub.hq.example.com'] }, context))
      .then([{ type: 'CsrGenerated', data: { purpose: 'CAPF', distribution: 'single-server', commonName: 'pub/CAPF/1', subjectAltNames: [], csr: 'CSR for pub/CAPF/1' } }]);
    expect(asked).toEqual([{ purpose: 'CAPF', subjectAltNames: [] }]);
  });

  it('[chapter] the port is told the purpose, so the request carries its Table 3 extensions (TVS, ipsec, tomcat)', () => {
    asked.length = 0;
    for (const purpose of ['TVS', 'ipsec', 'tomcat']) decideNode(given(evolveNode, NO_NODE, pub).state, { kind: 'generate-csr', purpose, distribution: 'single-server', clusterFqdns: [] }, context);
    expect(asked).toEqual(['TVS', 'ipsec', 'tomcat'].map((purpose) => ({ purpose, subjectAltNames: ['pub.hq.example.com'] })));
  });

  it('[chapter] an ITLRecovery CSR is refused as input the simulator cannot carry out (validate refuses it first)', () => {
    const state = given(evolveNode, NO_NODE, pub).state;
    expect(() => decideNode(state, { kind: 'generate-csr', purpose: 'ITLRecovery', distribution: 'single-server', clusterFqdns: [] }, context)).toThrow(StepNotSimulatedError);
    expect(() => decideNode(state, { kind: 'generate-csr', purpose: 'ITLRecovery', distribution: 'single-server', clusterFqdns: [] }, context)).toThrow(/CUCM makes no CSR for ITLRecovery/);
  });
});

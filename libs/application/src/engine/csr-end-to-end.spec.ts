/**
 * Issue 20 item 3: a CSR for every purpose the chapter lists works end to end — generated with Table 3's
 * extensions, signed by a CA whose root is in the purpose's trust store, uploaded and accepted — and a step
 * that cannot be carried out stops the run with a message located at the step, never unlocated.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StepNotSimulatedError } from '@trustsim/domain';
import { MemoryEventStore } from '@trustsim/event-store';
import { KeyPool, parseCsr } from '@trustsim/pki';
import { parseScenario } from '@trustsim/scenarios';
import { Rehearsal, type RunResult } from './rehearsal';
import { locateStepError, StepCrashedError } from './step-errors';

const keys = new KeyPool({ seed: 96, cacheDir: mkdtempSync(join(tmpdir(), 'trustsim-keys-')) });

function rehearse(text: string, file = 'csr.yaml'): Promise<RunResult> {
  const scenario = parseScenario(text, file);
  return new Rehearsal(scenario, { store: new MemoryEventStore(), keys, keepLog: true }).run();
}

const cluster = `seed: 96
clusters:
  hq:
    version: "14SU2"
    nodes:
      - { name: pub,  role: publisher, services: [callmanager, tftp, tvs, capf] }
      - { name: sub1, services: [callmanager, tftp, tvs] }
`;

/** Each purpose with a CSR [chapter], the trust store(s) its CA root goes into first, and Table 3's extensions. */
const PURPOSES: readonly { purpose: string; node: string; roots: string[]; keyUsage: string[]; extKeyUsage: string[]; ca?: true }[] = [
  { purpose: 'CallManager', node: 'sub1', roots: ['CallManager-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  { purpose: 'CallManager-ECDSA', node: 'sub1', roots: ['CallManager-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  { purpose: 'tomcat', node: 'sub1', roots: ['tomcat-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  { purpose: 'tomcat-ECDSA', node: 'sub1', roots: ['tomcat-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  { purpose: 'ipsec', node: 'sub1', roots: ['ipsec-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth', 'ipsecEndSystem'] },
  { purpose: 'TVS', node: 'sub1', roots: ['TVS-trust'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  { purpose: 'CAPF', node: 'pub', roots: ['CAPF-trust', 'CallManager-trust'], keyUsage: ['digitalSignature', 'keyCertSign'], extKeyUsage: ['serverAuth'], ca: true },
];

describe('a CSR for every purpose the chapter lists, end to end', () => {
  let result: RunResult;
  beforeAll(async () => {
    const steps = PURPOSES.flatMap(({ purpose, node, roots }) => [
      `  - generateCsr: { cluster: hq, node: ${node}, purpose: ${purpose} }`,
      // The roots go in on the node itself: node-local stores (ipsec-trust, TVS-trust, CAPF-trust) are not replicated.
      ...roots.map((store) => `  - uploadCertificate: { cluster: hq, node: ${node}, store: ${store}, certificate: { caCertificate: Corp } }`),
      `  - uploadCertificate: { cluster: hq, node: ${node}, store: ${purpose}, certificate: { signedBy: Corp } }`,
      '  - expect:',
      '      - upload: accepted',
      `      - identity: { cluster: hq, node: ${node}, purpose: ${purpose}, issuer: "Corp Root CA", generation: 2, pendingCsr: none }`,
    ]);
    result = await rehearse(`scenario: csr-all\n${cluster}steps:\n${steps.join('\n')}\n`);
  }, 120_000);

  it('[chapter] every upload is accepted and the certificate becomes the node\'s identity (CAPF: root in CAPF-trust and CallManager-trust)', () => {
    expect(result.completed).toBe(true);
    expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
    expect(result.expectations).toHaveLength(PURPOSES.length * 2);
  });

  it('[chapter Table 3] each CSR requests its purpose\'s key usage and extended key usage; a CAPF CSR names no DNS name', () => {
    const csrs = result.eventLog!.filter((e) => e.type === 'CsrGenerated').map((e) => e.data as { purpose: string; csr: string });
    expect(csrs.map((c) => c.purpose)).toEqual(PURPOSES.map((p) => p.purpose));
    for (const { purpose, keyUsage, extKeyUsage, ca } of PURPOSES) {
      const requested = parseCsr(csrs.find((c) => c.purpose === purpose)!.csr).requestedExtensions;
      expect({ purpose, keyUsage: [...requested.keyUsage].sort(), extKeyUsage: [...requested.extKeyUsage].sort() }).toEqual({ purpose, keyUsage: [...keyUsage].sort(), extKeyUsage: [...extKeyUsage].sort() });
      if (ca) expect(requested.basicConstraints).toEqual({ ca: true, pathLen: 0 });
      expect({ purpose, sans: requested.subjectAltNames.length > 0 }).toEqual({ purpose, sans: purpose !== 'CAPF' });
    }
  });
});

describe('a step that cannot be carried out is reported where it is written', () => {
  it('[issue 20] a CSR CUCM does not make (ITLRecovery) stops the run with the file, line, column and step', async () => {
    const error = await rehearse(`scenario: t\n${cluster}steps:\n  - wait: 1m\n  - generateCsr: { cluster: hq, node: pub, purpose: ITLRecovery }\n`, 'itl.yaml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StepNotSimulatedError);
    expect((error as Error).message).toBe('itl.yaml:11:5: step 2 (generateCsr ITLRecovery on hq/pub): CUCM makes no CSR for ITLRecovery: the CSR purposes are CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA, ipsec, CAPF and TVS [chapter] "Support for Certificates from External CAs" does not list it; regenerate ITLRecovery instead');
  });

  it('an unexpected error is located too, and keeps the original as its cause', () => {
    const scenario = parseScenario(`scenario: t\n${cluster}steps:\n  - wait: 1m\n`, 'x.yaml');
    const original = new RangeError('boom');
    const located = locateStepError(scenario.steps[0], original);
    expect(located).toBeInstanceOf(StepCrashedError);
    expect(located.message).toBe('x.yaml:10:5: step 1 (wait 1m): boom');
    expect((located as StepCrashedError).cause).toBe(original);
    // Already located at the step: left as it is.
    expect(locateStepError(scenario.steps[0], new StepNotSimulatedError('x.yaml:10:5: step "x" is not simulated'))).toBeInstanceOf(StepNotSimulatedError);
  });
});

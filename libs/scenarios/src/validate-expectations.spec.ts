/**
 * Issue 20 items 1, 2 and 6: `validate` refuses, located, the expectations that could only pass without
 * checking anything, and reads the identity facts an expectation can check.
 */
import { checkScenario } from './parse-scenario';
import type { ValidationContext } from './validate-scenario';

const base = `scenario: t
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp, capf] }
      - { name: sub1, services: [callmanager, tftp] }
    phones:
      - { group: lobby, count: 10, model: CP-8845 }
  dr:
    version: 15SU1
    nodes:
      - { name: drpub, services: [callmanager] }
`;

const EVENT_TYPES = ['CertRegenerated', 'CsrGenerated', 'IdentityCertificateUploaded'];

/** [field, line, message] of every issue of the base file plus `extra`. */
function problems(extra: string, context: ValidationContext = { knownEventTypes: EVENT_TYPES }): [string, number, string][] {
  return checkScenario(base + extra, 'v.yaml', context).issues.map((i) => [i.field, i.line, i.message]);
}

function parsed(extra: string) {
  const { scenario, issues } = checkScenario(base + extra, 'v.yaml', { knownEventTypes: EVENT_TYPES });
  expect(issues).toEqual([]);
  return scenario!.expect;
}

describe('identity: the facts of a node\'s identity certificate', () => {
  it('reads every fact, with node or nodes, and pendingCsr as none, pending or a mapping', () => {
    expect(
      parsed(`expect:
  - identity: { cluster: hq, node: pub, purpose: tomcat, subject: pub-ms.hq.example.com, issuer: "Corp Root CA", serial: "00:1C:39", keyType: RSA, keyLength: 3072, hash: SHA384, multiServer: true, generation: 2, pendingCsr: none }
  - identity: { cluster: hq, nodes: all, purpose: CallManager, selfSigned: true, pendingCsr: { subject: pub, multiServer: false } }
  - identity: { cluster: hq, nodes: [pub, sub1], purpose: tomcat, pendingCsr: pending }
`),
    ).toEqual([
      { kind: 'identity', cluster: 'hq', nodes: { names: ['pub'] }, purpose: 'tomcat', subject: 'pub-ms.hq.example.com', issuer: 'Corp Root CA', serial: '1c39', keyType: 'RSA', keyLength: 3072, hash: 'SHA384', multiServer: true, generation: 2, pendingCsr: 'none', loc: { file: 'v.yaml', line: 15, column: 5 } },
      { kind: 'identity', cluster: 'hq', nodes: { all: true }, purpose: 'CallManager', selfSigned: true, pendingCsr: { subject: 'pub', multiServer: false }, loc: { file: 'v.yaml', line: 16, column: 5 } },
      { kind: 'identity', cluster: 'hq', nodes: { names: ['pub', 'sub1'] }, purpose: 'tomcat', pendingCsr: {}, loc: { file: 'v.yaml', line: 17, column: 5 } },
    ]);
  });

  it('refuses a check of nothing, issuer with selfSigned, a missing node, an unknown fact, a bad pendingCsr', () => {
    expect(
      problems(`expect:
  - identity: { cluster: hq, node: pub, purpose: tomcat }
  - identity: { cluster: hq, node: pub, purpose: tomcat, issuer: x, selfSigned: false }
  - identity: { cluster: hq, purpose: tomcat, selfSigned: true }
  - identity: { cluster: hq, node: pub, purpose: tomcat, keyLenght: 2048 }
  - identity: { cluster: hq, node: pub, purpose: tomcat, pendingCsr: yes }
  - identity: { cluster: hq, node: pub, purpose: Tomcat, selfSigned: true }
`),
    ).toEqual([
      ['expect[0].identity', 15, 'nothing to check of this identity certificate'],
      ['expect[1].identity.selfSigned', 16, "'issuer' and 'selfSigned' cannot be combined"],
      ['expect[2].identity', 17, "needs 'node' or 'nodes'"],
      ['expect[3].identity.keyLenght', 18, "unknown key 'keyLenght' (did you mean 'keyLength'?)"],
      ['expect[4].identity.pendingCsr', 19, "unknown value 'yes'"],
      ['expect[5].identity.purpose', 20, expect.stringMatching(/^unknown value 'Tomcat'|^Invalid option/)],
    ]);
  });

  it('refuses, located, a node that does not hold the purpose at its release, and pendingCsr where CUCM makes no CSR', () => {
    expect(
      problems(`expect:
  - identity: { cluster: hq, node: sub1, purpose: CAPF, selfSigned: true }
  - identity: { cluster: hq, nodes: [pub, sub9], purpose: tomcat, selfSigned: true }
  - identity: { cluster: hq, node: pub, purpose: ITLRecovery, pendingCsr: none }
  - identity: { cluster: east, node: pub, purpose: tomcat, selfSigned: true }
`),
    ).toEqual([
      ['expect[0].identity.node', 15, "'hq/sub1' has no CAPF certificate to check: node 'sub1' has no CAPF certificate: CAPF's is on the publisher only"],
      ['expect[1].identity.nodes[1]', 16, "cluster 'hq' has no node 'sub9' (did you mean 'sub1'?)"],
      ['expect[2].identity.pendingCsr', 17, 'CUCM makes no CSR for ITLRecovery, so there is never one pending [chapter "Support for Certificates from External CAs"]'],
      ['expect[3].identity.cluster', 18, "unknown cluster 'east'"],
    ]);
  });
});

describe('store: on an identity purpose', () => {
  it('is accepted for a purpose the node holds, refused (located) for one it does not: `lacks` would hold with nothing to look at', () => {
    expect(
      problems(`expect:
  - store: { cluster: hq, node: pub, store: CallManager, contains: pub }
  - store: { cluster: hq, node: sub1, store: CAPF, lacks: CAPF-1234 }
  - store: { cluster: hq, node: sub1, store: capf, lacks: CAPF-1234 }
  - store: { cluster: hq, node: sub1, store: ITLRecovery, lacks: ITLRECOVERY_sub1 }
  - store: { cluster: hq, node: pub, store: ITLRecovery, contains: ITLRECOVERY_pub }
`),
    ).toEqual([
      ['expect[1].store.store', 16, "'hq/sub1' has no CAPF certificate to check: node 'sub1' has no CAPF certificate: CAPF's is on the publisher only"],
      ['expect[2].store.store', 17, "'hq/sub1' has no CAPF certificate to check: node 'sub1' has no CAPF certificate: CAPF's is on the publisher only"],
      ['expect[3].store.store', 18, "'hq/sub1' has no ITLRecovery certificate to check: ITLRecovery is the cluster's one certificate, on the publisher (pub)"],
    ]);
  });
});

describe('expectations that would check nothing', () => {
  it('an event type trustsim never records (its count is always 0), with a suggestion; only when the caller knows the types', () => {
    const text = `expect:\n  - events: { type: CertRegenerate, count: 0 }\n  - events: { type: CsrGenerated }\n`;
    expect(problems(text)).toEqual([['expect[0].events.type', 15, "trustsim records no event of type 'CertRegenerate' (did you mean 'CertRegenerated'?): its count would always be 0"]]);
    expect(problems(text, {})).toEqual([]);
  });

  it('`atLeast: 0` always holds: refused for events and phones', () => {
    expect(
      problems(`expect:
  - events: { type: CsrGenerated, count: { atLeast: 0 } }
  - phones: { group: lobby }
    status: locked
    count: { atLeast: 0 }
`),
    ).toEqual([
      ['expect[0].events.count.atLeast', 15, 'atLeast: 0 always holds: the expectation would check nothing'],
      ['expect[1].count.atLeast', 18, 'atLeast: 0 always holds: the expectation would check nothing'],
    ]);
  });

  it('`atMost` as many phones as the selector can select always holds; one less is a check', () => {
    const count = (n: number) => `expect:\n  - phones: { group: lobby }\n    status: locked\n    count: { atMost: ${n} }\n`;
    expect(problems(count(10))).toEqual([['expect[0].count.atMost', 17, 'atMost: 10 always holds: the selector selects 10 phones']]);
    expect(problems(count(9))).toEqual([]);
  });

  it("a selector that selects no phone: `all` in a scenario without phones, a cluster without phones", () => {
    expect(problems(`expect:\n  - phones: { cluster: dr }\n    status: trusted\n    count: { equals: 0 }\n`)).toEqual([
      ['expect[0].phones.cluster', 15, "cluster 'dr' has no phones: the expectation would check nothing"],
    ]);
    const noPhones = base.replace('    phones:\n      - { group: lobby, count: 10, model: CP-8845 }\n', '');
    const issues = checkScenario(`${noPhones}expect:\n  - phones: all\n    status: trusted\n`, 'v.yaml').issues.map((i) => [i.field, i.message]);
    expect(issues).toEqual([['expect[0].phones', 'the scenario has no phones: the expectation would check nothing']]);
  });
});

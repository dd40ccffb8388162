import { checkScenario, parseScenario } from './parse-scenario';
import { validateScenario } from './validate-scenario';

/** A twin of a real cluster as `trustsim import` writes it: every extension field in use. */
const twin = `scenario: twin-hq
start: 2026-03-01T09:00:00Z
twin:
  importedAt: 2026-03-01T09:00:00Z
  tool: trustsim 0.1.0
  keys: minted
  sources: [trust-files/pub/ITLFile.tlv, trust-files/pub/CTLFile.tlv]
  assumed: ["release 14SU3 assumed: the files only tell 12.0 or later"]
  unread: ["phones.csv:7: unknown model 'Cisco 9971'"]
clusters:
  hq:
    version: 14SU3
    security: mixed
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp, capf], address: 10.1.1.10, fqdn: pub.corp.example.com }
      - { name: sub1, services: [callmanager, tftp], address: "fe80::1", fqdn: sub1.corp.example.com }
    certificates:
      - node: pub
        purpose: CallManager
        keyLength: 2048
        hash: SHA256
        subject: "CN=pub, OU=Voice, O=Corp, L=Oslo, ST=Oslo, C=NO"
        issuer: "CN=pub, OU=Voice, O=Corp, L=Oslo, ST=Oslo, C=NO"
        serial: "00:1A:87:84:BD"
        notBefore: 2024-03-01T00:00:00Z
        notAfter: 2027-03-01T00:00:00Z
        sans: [pub.corp.example.com]
        fingerprint: 024afc9d0f0e3a26faf5029b701204971e0cbc07d5fff564d04fba7913d8fe2a
    trustCertificates:
      - { store: callmanager-trust, subject: "CN=Corp Root CA, O=Corp", serial: 0a, notAfter: 2030-01-01T00:00:00Z, keyLength: 4096, hash: SHA256 }
      - { store: tomcat-trust, nodes: [sub1], subject: "CN=Old Root, O=Corp", hash: SHA1, keyLength: 1024 }
    servedCtl:
      signer: { subject: "CN=ITLRECOVERY_pub", serial: 5241ac }
      records:
        - { role: SAST, subject: "CN=ITLRECOVERY_pub", serial: 5241ac, node: pub, purpose: ITLRecovery }
        - { role: CCM+TFTP, subject: "CN=pub", serial: 1a8784bd, node: pub, purpose: CallManager }
    phones:
      - { group: desks, names: [SEP001122334455], model: CP-8845, lsc: { issuer: hq }, securityProfile: encrypted }
`;

function problems(text: string): [string, string][] {
  const { issues } = checkScenario(text, 'twin.yaml');
  return issues.map((i) => [i.field, i.message]);
}

describe('twin fields of the scenario language (additive extension)', () => {
  it('reads every field into the model, serials normalised to lower-case hex without leading zeros', () => {
    const scenario = parseScenario(twin, 'twin.yaml');
    expect(validateScenario(scenario)).toEqual([]);
    expect(scenario.twin).toEqual({
      importedAt: '2026-03-01T09:00:00Z',
      tool: 'trustsim 0.1.0',
      keys: 'minted',
      sources: ['trust-files/pub/ITLFile.tlv', 'trust-files/pub/CTLFile.tlv'],
      assumed: ['release 14SU3 assumed: the files only tell 12.0 or later'],
      unread: ["phones.csv:7: unknown model 'Cisco 9971'"],
    });
    const hq = scenario.clusters[0];
    expect(hq.nodes.map((n) => [n.name, n.address, n.fqdn])).toEqual([
      ['pub', '10.1.1.10', 'pub.corp.example.com'],
      ['sub1', 'fe80::1', 'sub1.corp.example.com'],
    ]);
    expect(hq.certificates[0]).toMatchObject({
      serial: '1a8784bd',
      notBefore: '2024-03-01T00:00:00Z',
      notAfter: '2027-03-01T00:00:00Z',
      sans: ['pub.corp.example.com'],
      subject: 'CN=pub, OU=Voice, O=Corp, L=Oslo, ST=Oslo, C=NO',
    });
    expect(hq.trustCertificates!.map((t) => [t.store, t.nodes, t.serial])).toEqual([
      ['CallManager-trust', undefined, 'a'],
      ['tomcat-trust', ['sub1'], undefined],
    ]);
    expect(hq.servedCtl!.records[1]).toEqual({ role: 'CCM+TFTP', subject: 'CN=pub', serial: '1a8784bd', node: 'pub', purpose: 'CallManager' });
  });

  it('leaves a scenario without twin fields exactly as before (no new keys in the model)', () => {
    const scenario = parseScenario('scenario: t\nclusters:\n  hq:\n    version: 14SU2\n    nodes:\n      - { name: pub }\n', 't.yaml');
    expect('twin' in scenario).toBe(false);
    expect(Object.keys(scenario.clusters[0])).not.toContain('trustCertificates');
    expect(Object.keys(scenario.clusters[0].nodes[0]).sort()).toEqual(['loc', 'name', 'role', 'services']);
  });

  it('names a bad serial, address, FQDN, fingerprint and key value at their line', () => {
    const bad = twin
      .replace('serial: "00:1A:87:84:BD"', 'serial: "xyz"')
      .replace('address: 10.1.1.10', 'address: 10.1.1.300')
      .replace('fqdn: sub1.corp.example.com', 'fqdn: "*.corp.example.com"')
      .replace('fingerprint: 024a', 'fingerprint: 4a')
      .replace('keys: minted', 'keys: real');
    expect(problems(bad)).toEqual([
      ['twin.keys', "unknown value 'real'"],
      ['clusters.hq.nodes[0].address', "'10.1.1.300' is not an IP address"],
      ['clusters.hq.nodes[1].fqdn', "'*.corp.example.com' is not a host name"],
      ['clusters.hq.certificates[0].serial', "'xyz' is not a serial number"],
      ['clusters.hq.certificates[0].fingerprint', expect.stringMatching(/is not a SHA-256 fingerprint/)],
    ]);
  });

  it('finds a validity that ends before it starts, a shared address, an unknown node and a CTL signer that is no SAST record', () => {
    const bad = twin
      .replace('notAfter: 2027-03-01T00:00:00Z', 'notAfter: 2023-03-01T00:00:00Z')
      .replace('address: "fe80::1"', 'address: 10.1.1.10')
      .replace('nodes: [sub1]', 'nodes: [sub9]')
      .replace('signer: { subject: "CN=ITLRECOVERY_pub", serial: 5241ac }', 'signer: { subject: "CN=pub", serial: 1a8784bd }');
    expect(problems(bad)).toEqual([
      ['clusters.hq.nodes[1].address', "node 'pub' already has address 10.1.1.10"],
      ['clusters.hq.certificates[0].notAfter', 'notAfter 2023-03-01T00:00:00Z is not after notBefore 2024-03-01T00:00:00Z'],
      ['clusters.hq.trustCertificates[1].nodes[0]', "cluster 'hq' has no node 'sub9' (did you mean 'sub1'?)"],
      ['clusters.hq.servedCtl.signer.serial', "no SAST record has the signer's serial 1a8784bd"],
    ]);
  });

  it('[twin] names a subject or issuer the simulator could not issue a certificate with, at its line', () => {
    const bad = twin
      .replace('issuer: "CN=pub, OU=Voice, O=Corp, L=Oslo, ST=Oslo, C=NO"', 'issuer: "CN=pub, Voice"')
      .replace('subject: "CN=Old Root, O=Corp"', 'subject: "CN=Old Root, =Corp"')
      .replace('{ role: CCM+TFTP, subject: "CN=pub"', '{ role: CCM+TFTP, subject: "CN=pub\\\\"');
    expect(problems(bad)).toEqual([
      ['clusters.hq.certificates[0].issuer', "issuer 'CN=pub, Voice' is not a distinguished name: 'Voice' has no '='"],
      ['clusters.hq.trustCertificates[1].subject', "subject 'CN=Old Root, =Corp' is not a distinguished name: '' is not an attribute type"],
      ['clusters.hq.servedCtl.records[1].subject', "subject 'CN=pub\\' is not a distinguished name: it ends with a lone backslash"],
    ]);
  });

  it('refuses an unknown key in the twin block and an unknown trust store, with a suggestion', () => {
    const bad = twin.replace('  tool: trustsim 0.1.0', '  tol: trustsim 0.1.0').replace('store: tomcat-trust', 'store: tomcat-trusts');
    expect(problems(bad)).toEqual([
      ['twin.tol', "unknown key 'tol' (did you mean 'tool'?)"],
      ['clusters.hq.trustCertificates[1].store', "unknown trust store 'tomcat-trusts' (did you mean 'tomcat-trust'?)"],
    ]);
  });
});

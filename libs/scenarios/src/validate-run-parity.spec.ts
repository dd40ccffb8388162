/**
 * What `run` refuses as input, `validate` refuses, located (issue 13 item 2, issue 20 item 6). Each test
 * names the simulator's error it stands in for (libs/application/src/simulation, libs/domain, libs/pki).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioIssue } from './errors';
import { checkScenario, parseScenario } from './parse-scenario';
import { validateScenario, type ValidationContext } from './validate-scenario';

const head = (version = '14SU2', extraNodes = '') => `scenario: t
clusters:
  hq:
    version: "${version}"
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp, capf] }
      - { name: sub1, services: [callmanager, tftp] }${extraNodes}
    phones:
      - { group: lobby, count: 10, model: CP-8845 }
`;

/** [field, message] of every issue, parse and validate together. */
function problems(text: string, context?: ValidationContext, file = 'v.yaml'): [string, string][] {
  return checkScenario(text, file, context).issues.map((i) => [i.field, i.message]);
}

function issues(text: string, context?: ValidationContext, file = 'v.yaml'): ScenarioIssue[] {
  return checkScenario(text, file, context).issues;
}

describe('releases: validate refuses what parseRelease refuses (run: "release 99: trustsim models CUCM 8.0 to 15")', () => {
  it.each([
    ['99', 'release 99: trustsim models CUCM 8.0 to 15'],
    ['0', 'release 0: trustsim models CUCM 8.0 to 15'],
    ['1.5', 'release 1.5: trustsim models CUCM 8.0 to 15'],
    ['0.0', 'release 0.0: trustsim models CUCM 8.0 to 15'],
    ['7.1(5)', 'release 7.1(5): trustsim models CUCM 8.0 to 15'],
    ['12.5.1.13900-52', "'12.5.1.13900-52' is not a CUCM release"],
    ['fourteen', "'fourteen' is not a CUCM release"],
  ])('version %s is refused, located at the version', (version, message) => {
    const found = issues(head(version));
    expect(found).toEqual([{ file: 'v.yaml', line: 4, column: 14, field: 'clusters.hq.version', message, expected: expect.stringContaining('8.0 to 15') }]);
  });

  it('a number YAML reads as one (version: 99, version: 1.5) is refused the same way', () => {
    expect(problems(head('14SU2').replace('"14SU2"', '99'))).toEqual([['clusters.hq.version', 'release 99: trustsim models CUCM 8.0 to 15']]);
    expect(problems(head('14SU2').replace('"14SU2"', '1.5'))).toEqual([['clusters.hq.version', 'release 1.5: trustsim models CUCM 8.0 to 15']]);
  });

  it('an upgrade to a release outside the range is refused at its `to`', () => {
    expect(problems(`${head()}steps:\n  - upgrade: { cluster: hq, to: "99", method: refresh }\n`)).toEqual([
      ['steps[0].upgrade.to', 'release 99: trustsim models CUCM 8.0 to 15'],
    ]);
  });

  it('accepts the forms run reads: 8.0 to 15, with maintenance releases and SUs', () => {
    for (const version of ['8.0', '8.6(2)', '10.5(2)SU9', '11.5(1)SU9', '12.5(1)SU3', '14SU2', '14 SU2', '15', '15SU1a']) {
      expect(problems(head(version))).toEqual([]);
    }
  });

  it('checks the version of a scenario built in code too', () => {
    const scenario = parseScenario(head(), 'v.yaml');
    scenario.clusters[0].version = '99';
    expect(validateScenario(scenario).map((i) => [i.field, i.message])).toEqual([['clusters.hq.version', 'release 99: trustsim models CUCM 8.0 to 15']]);
  });
});

describe('certificate files (run: an upload that "cannot read" its file)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustsim-validate-'));
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'root.pem'), '-----BEGIN CERTIFICATE-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const upload = (certificate: string) => `${head()}steps:\n  - uploadCertificate: { cluster: hq, node: pub, store: tomcat-trust, certificate: ${certificate} }\n`;

  it('a file that exists is found relative to the scenario file, not the working directory', () => {
    expect(problems(upload('certs/root.pem'), undefined, join(dir, 's.yaml'))).toEqual([]);
    expect(problems(upload('{ path: certs/root.pem }'), undefined, join(dir, 's.yaml'))).toEqual([]);
  });

  it('a missing file is refused with its line and column', () => {
    const found = issues(upload('certs/missing.pem'), undefined, join(dir, 's.yaml'));
    expect(found).toEqual([
      {
        file: join(dir, 's.yaml'),
        line: 11,
        column: 84,
        field: 'steps[0].uploadCertificate.certificate',
        message: `certificate file 'certs/missing.pem' does not exist (${join(dir, 'certs', 'missing.pem')})`,
        expected: "a PEM or DER file, relative to the scenario file's directory",
      },
    ]);
    expect(problems(upload('{ path: certs/missing.pem }'), undefined, join(dir, 's.yaml'))[0][0]).toBe('steps[0].uploadCertificate.certificate.path');
  });

  it('a directory, or a path through a file, is refused', () => {
    expect(problems(upload('certs'), undefined, join(dir, 's.yaml'))).toEqual([
      ['steps[0].uploadCertificate.certificate', `certificate file 'certs' is a directory, not a certificate file (${join(dir, 'certs')})`],
    ]);
    expect(problems(upload('certs/root.pem/x'), undefined, join(dir, 's.yaml'))[0][1]).toMatch(/^certificate file 'certs\/root.pem\/x' does not exist/);
  });

  const asRoot = process.getuid?.() === 0;
  // Root reads any file whatever its mode: this case can only be shown by another user (it is skipped, not passed, as root).
  (asRoot ? it.skip : it)('a file without read permission is refused (EACCES)', () => {
    const file = join(dir, 'certs', 'secret.pem');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    expect(problems(upload('certs/secret.pem'), undefined, join(dir, 's.yaml'))).toEqual([
      ['steps[0].uploadCertificate.certificate', `certificate file 'certs/secret.pem' cannot be read (EACCES) (${file})`],
    ]);
  });

  it('can be left unchecked for a scenario that is not on disk', () => {
    expect(problems(upload('certs/missing.pem'), { checkCertificateFiles: false }, join(dir, 's.yaml'))).toEqual([]);
  });
});

describe('inline certificate descriptions (issue 14 item 5): any key length and hash X.509 carries; what it cannot is refused', () => {
  const described = (fields: string) => `${head()}steps:\n  - uploadCertificate: { cluster: hq, node: pub, store: CallManager-trust, certificate: { subject: "CN=corp root", ${fields} } }\n`;

  it('accepts every signature hash and RSA key lengths CUCM itself refuses (the upload rules say why when the step runs)', () => {
    for (const hash of ['SHA1', 'SHA256', 'SHA384', 'SHA512']) expect(problems(described(`hash: ${hash}`))).toEqual([]);
    for (const keyLength of [512, 1024, 3072, 8192, 16384]) expect(problems(described(`keyLength: ${keyLength}`))).toEqual([]);
    expect(problems(described('keyType: EC, keyLength: 384'))).toEqual([]);
    const scenario = parseScenario(described('keyLength: 8192, hash: SHA1'), 'v.yaml');
    expect(scenario.steps[0]).toMatchObject({ certificate: { subject: 'CN=corp root', keyLength: 8192, hash: 'SHA1' } });
  });

  it('refuses what no certificate can carry: a 16385-bit RSA key, an EC key of 2048 bits, an unknown hash', () => {
    expect(problems(described('keyLength: 16385'))).toEqual([['steps[0].uploadCertificate.certificate.keyLength', '16385 is not an RSA key length trustsim can describe']]);
    expect(problems(described('keyType: EC, keyLength: 2048'))).toEqual([['steps[0].uploadCertificate.certificate.keyLength', '2048 is not an EC key length']]);
    expect(problems(described('hash: MD5'))[0]).toEqual(['steps[0].uploadCertificate.certificate.hash', "unknown value 'MD5'"]);
  });

  it('refuses serials the simulator cannot write (pki serialForForge: "is not a hex string", "must be positive", "longer than the 20 octets")', () => {
    expect(problems(described('serial: "12:ab:zz"'))).toEqual([['steps[0].uploadCertificate.certificate.serial', "serial '12:ab:zz' is not hexadecimal"]]);
    expect(problems(described('serial: 0'))).toEqual([['steps[0].uploadCertificate.certificate.serial', "serial '0' is zero (serials are positive)"]]);
    expect(problems(described(`serial: "${'7f'.repeat(21)}"`))[0][1]).toMatch(/is longer than 20 octets$/);
    expect(problems(described(`serial: "${'7f'.repeat(20)}"`))).toEqual([]);
    expect(problems(described(`serial: "${'ff'.repeat(20)}"`))[0][1]).toMatch(/is longer than 20 octets$/); // 21 with its sign octet
    expect(problems(described('serial: "01:23 45"'))).toEqual([]);
  });

  it('refuses names the simulator cannot write (pki forgeAttributes: "DN is empty", "country must be two letters")', () => {
    const subject = (text: string) => `${head()}steps:\n  - uploadCertificate: { cluster: hq, node: pub, store: CallManager-trust, certificate: { subject: "${text}" } }\n`;
    expect(problems(subject('FOO=bar'))).toEqual([['steps[0].uploadCertificate.certificate.subject', "subject 'FOO=bar': 'FOO' is not a name attribute trustsim writes"]]);
    expect(problems(subject('CN=x, C=USA'))).toEqual([['steps[0].uploadCertificate.certificate.subject', "subject 'CN=x, C=USA': country 'USA' is not two letters"]]);
    expect(problems(subject('CN='))).toEqual([['steps[0].uploadCertificate.certificate.subject', "subject 'CN=': CN is empty"]]);
    expect(problems(subject('CN=x, O=Example; ou=Voice, l=Paris, st=IDF, c=FR,'))).toEqual([]);
    expect(problems(subject('Corp Root CA, the old one'))).toEqual([]); // a bare common name
  });

  it('refuses dates X.509 cannot carry and a notAfter before notBefore (pki checkValidity)', () => {
    expect(problems(described('notBefore: 1900-01-01'))).toEqual([['steps[0].uploadCertificate.certificate.notBefore', 'notBefore falls in 1900: X.509 dates run from 1950 to 9999']]);
    expect(problems(described('notBefore: 2030-01-01, notAfter: 2029-01-01'))).toEqual([['steps[0].uploadCertificate.certificate.notAfter', 'notAfter is before notBefore']]);
    // Without notBefore the certificate starts at the step (here 2026-01-05 plus a day at the earliest).
    const late = `${head()}steps:\n  - wait: 1d\n  - uploadCertificate: { cluster: hq, node: pub, store: CallManager-trust, certificate: { subject: x, notAfter: 2026-01-05T12:00:00Z } }\n`;
    expect(problems(late)).toEqual([
      ['steps[1].uploadCertificate.certificate.notAfter', "notAfter is before the certificate's notBefore, which is the time of the step (2026-01-06T08:00:00.000Z or later)"],
    ]);
  });
});

describe('identities a node does not hold (run: "has no CallManager-ECDSA certificate", node-identities.ts)', () => {
  it('refuses an -ECDSA regeneration, CSR or upload source before 11.0, and ITLRecovery before 10.0', () => {
    const text = `${head('10.5(2)SU9')}steps:
  - regenerate: { cluster: hq, node: pub, purpose: CallManager-ECDSA }
  - generateCsr: { cluster: hq, node: sub1, purpose: tomcat-ECDSA }
  - uploadCertificate: { cluster: hq, node: pub, store: Phone-SAST-trust, certificate: { from: { cluster: hq, node: pub, purpose: CallManager-ECDSA } } }
  - regenerate: { cluster: hq, node: pub, purpose: ITLRecovery }
`;
    expect(problems(text)).toEqual([
      ['steps[0].regenerate.node', "cannot regenerate CallManager-ECDSA on 'pub': release 10.5(2)SU9 has no CallManager-ECDSA certificate (the -ECDSA certificates come with 11.0)"],
      ['steps[1].generateCsr.node', "cannot generate a CSR for tomcat-ECDSA on 'sub1': release 10.5(2)SU9 has no tomcat-ECDSA certificate (the -ECDSA certificates come with 11.0)"],
      ['steps[2].uploadCertificate.certificate.from.purpose', "'hq/pub' has no CallManager-ECDSA certificate to upload: release 10.5(2)SU9 has no CallManager-ECDSA certificate (the -ECDSA certificates come with 11.0)"],
    ]);
    expect(problems(`${head('9.1(2)')}steps:\n  - regenerate: { cluster: hq, node: pub, purpose: ITLRecovery }\n`)).toEqual([
      ['steps[0].regenerate.node', "cannot regenerate ITLRecovery on 'pub': release 9.1(2) has no ITLRecovery certificate (it comes with 10.0)"],
    ]);
  });

  it('refuses CAPF on a subscriber, by regenerate (nodes: all too), CSR and set cert regen [chapter Table 3]', () => {
    const text = `${head()}steps:
  - regenerate: { cluster: hq, nodes: all, purpose: CAPF }
  - generateCsr: { cluster: hq, node: sub1, purpose: CAPF }
  - cli: { cluster: hq, node: sub1, command: "set cert regen CAPF" }
  - regenerate: { cluster: hq, node: pub, purpose: CAPF }
`;
    const reason = "node 'sub1' has no CAPF certificate: CAPF's is on the publisher only";
    expect(problems(text)).toEqual([
      ['steps[0].regenerate.nodes', `cannot regenerate CAPF on 'sub1': ${reason}`],
      ['steps[1].generateCsr.node', `cannot generate a CSR for CAPF on 'sub1': ${reason}`],
      ['steps[2].cli.command', `cannot 'set cert regen CAPF' on CAPF on 'sub1': ${reason}`],
    ]);
  });
});

describe('multi-server CSRs (issue 20 item 6; run: "TVS has no multi-server (SAN) certificate", purpose-profiles.ts)', () => {
  it.each(['TVS', 'ipsec', 'CAPF'])('a multi-server CSR for %s is refused at its distribution', (purpose) => {
    const found = issues(`${head()}steps:\n  - generateCsr: { cluster: hq, node: pub, purpose: ${purpose}, distribution: multi-server }\n`);
    expect(found.map((i) => [i.field, i.line, i.message])).toEqual([['steps[0].generateCsr.distribution', 11, `${purpose} has no multi-server (SAN) certificate [chapter Table 3]`]]);
  });

  it('[chapter] a CSR for ITLRecovery, single- or multi-server, is refused at its purpose (run: csr-purposes.ts "CUCM makes no CSR for")', () => {
    for (const distribution of ['', ', distribution: multi-server']) {
      const found = issues(`${head()}steps:\n  - generateCsr: { cluster: hq, node: pub, purpose: ITLRecovery${distribution} }\n`);
      expect(found.map((i) => [i.field, i.line, i.message, i.expected])).toEqual([
        [
          'steps[0].generateCsr.purpose',
          11,
          'CUCM makes no CSR for ITLRecovery [chapter "Support for Certificates from External CAs"]: regenerate it instead',
          'one of CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA, ipsec, CAPF, TVS',
        ],
      ]);
    }
  });

  it('is accepted for CallManager, CallManager-ECDSA, tomcat and tomcat-ECDSA', () => {
    for (const purpose of ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA']) {
      expect(problems(`${head()}steps:\n  - generateCsr: { cluster: hq, node: pub, purpose: ${purpose}, distribution: multi-server }\n`)).toEqual([]);
    }
  });

  it('needs node names that can be DNS names, since the certificate lists them all (run: "is not a DNS name")', () => {
    const text = `${head('14SU2', '\n      - { name: sub_2 }')}steps:\n  - generateCsr: { cluster: hq, node: pub, purpose: tomcat, distribution: multi-server }\n`;
    expect(problems(text)).toEqual([['steps[0].generateCsr.distribution', "a multi-server certificate lists every node by its DNS name, and 'sub_2' cannot be part of one"]]);
    // After `set network hostname` the node is known by its new name, as the simulator knows it.
    const renamed = text.replace('steps:\n', 'steps:\n  - cli: { cluster: hq, node: sub_2, command: "set network hostname sub2" }\n');
    expect(problems(renamed)).toEqual([]);
  });
});

describe('the rest of what the simulator refuses', () => {
  it('an LSC issuer that runs no CAPF (run: "lsc issuer … is not a cluster running CAPF", phone-fleet.ts)', () => {
    const text = `${head()}  dr:\n    version: 15SU1\n    nodes: [{ name: drpub }]\n`.replace('model: CP-8845 }', 'model: CP-8845, lsc: { issuer: dr } }');
    expect(problems(text)).toEqual([['clusters.hq.phones[0].lsc.issuer', "cluster 'dr' runs no CAPF, so it cannot have issued these phones' LSCs"]]);
  });

  it('publisher-only CLI commands on a subscriber (run: "utils itl reset remotekey runs on the publisher", "utils ctl set-cluster runs on the publisher", platform-cli.ts)', () => {
    const text = `${head()}steps:
  - cli: { cluster: hq, node: sub1, command: "utils itl reset remotekey sftp admin ITLRecovery.p12" }
  - cli: { cluster: hq, node: sub1, command: "utils ctl set-cluster mixed-mode" }
  - cli: { cluster: hq, nodes: all, command: "utils itl reset localkey" }
`;
    expect(problems(text)).toEqual([
      ['steps[0].cli.command', "'utils itl reset remotekey' runs on the publisher only, not on 'sub1' [SCLI]"],
      ['steps[1].cli.command', "'utils ctl set-cluster' runs on the publisher only, not on 'sub1' [S125CTL]"],
      ['steps[2].cli.command', "'utils itl reset localkey' runs on the publisher only, not on 'sub1' [SCLI]"],
    ]);
  });

  it('a restore of a backup never taken (run: "no backup … was taken before this restore", cluster-lifecycle.ts)', () => {
    expect(problems(`${head()}steps:\n  - restore: { cluster: hq, backup: monday }\n`)).toEqual([['steps[0].restore.backup', "no backup 'monday' was taken before this step"]]);
  });

  it('an unknown phone model, when the caller knows the models (run: "unknown phone model", phone-fleet.ts)', () => {
    expect(problems(head(), { knownModels: ['CP-7841'] })).toEqual([['clusters.hq.phones[0].model', "unknown phone model 'CP-8845'"]]);
  });
});

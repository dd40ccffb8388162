import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadScenario, parseScenario } from './parse-scenario';
import { validateScenario } from './validate-scenario';
import type { Scenario } from './model';
import { PHONE_NAME } from './vocabulary';

const fixture = (name: string) => join(__dirname, '__fixtures__', name);

/** The model without `loc`s, to compare shapes where positions are not the point. */
function withoutLocs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'loc' ? undefined : v)));
}

const minimal = (extra = '') => `scenario: t
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub }
${extra}`;

describe('the whole example of scenario-language.md', () => {
  const file = fixture('itl-recovery-nonsecure.yaml');
  const scenario = loadScenario(file);
  const at = (line: number, column: number) => ({ file, line, column });

  it('parses to the expected model, every default filled', () => {
    const lobby = scenario.clusters[0].phones[0].names;
    const legacy = scenario.clusters[0].phones[1].names;
    const expected: Scenario = {
      file,
      name: 'itl-recovery-nonsecure',
      title: 'Regenerate ITLRecovery on a non-secure 12.5 cluster, two reset rounds',
      seed: 7,
      start: '2026-01-05T08:00:00Z',
      clusters: [
        {
          name: 'hq',
          version: '12.5(1)SU3',
          security: 'non-secure',
          parameters: { phoneInteractionOnCertificateUpdate: 'automatic', prepareClusterForRollbackToPre80: false },
          nodes: [
            { name: 'pub', role: 'publisher', services: ['callmanager', 'tftp', 'tvs', 'capf', 'tomcat'], loc: at(12, 9) },
            { name: 'sub1', role: 'subscriber', services: ['callmanager', 'tftp', 'tvs', 'tomcat'], loc: at(13, 9) },
            { name: 'sub2', role: 'subscriber', services: ['callmanager', 'tvs', 'tomcat'], loc: at(14, 9) },
          ],
          certificates: [{ node: 'pub', purpose: 'CallManager', keyType: 'RSA', keyLength: 2048, hash: 'SHA256', loc: at(16, 9) }],
          phones: [
            {
              group: 'lobby',
              names: lobby,
              model: 'CP-8845',
              tftp: ['pub', 'sub1'],
              callManagerGroup: ['sub1', 'sub2'],
              securityProfile: 'non-secure',
              trust: 'current',
              power: 'on',
              cluster: 'hq',
              loc: at(18, 9),
            },
            {
              group: 'legacy',
              names: legacy,
              model: 'CP-7960',
              tftp: ['pub', 'sub1'], // nodes running tftp, in file order
              callManagerGroup: ['pub', 'sub1', 'sub2'], // nodes running callmanager, at most 3
              securityProfile: 'non-secure',
              trust: 'current',
              power: 'on',
              cluster: 'hq',
              loc: at(26, 9),
            },
          ],
          loc: at(5, 3),
        },
      ],
      steps: [
        { kind: 'regenerate', cluster: 'hq', nodes: { names: ['pub'] }, purpose: 'ITLRecovery', index: 0, loc: at(28, 5), text: 'regenerate ITLRecovery on hq/pub' },
        {
          kind: 'cli',
          cluster: 'hq',
          nodes: { names: ['pub'] },
          command: 'utils itl reset localkey',
          index: 1,
          loc: at(29, 5),
          text: 'cli "utils itl reset localkey" on hq/pub',
        },
        {
          kind: 'resetPhones',
          cluster: 'hq',
          phones: { all: true },
          batchSize: 100,
          interval: 120_000,
          index: 2,
          loc: at(30, 5),
          text: 'resetPhones all (batches of 100 every 2m)',
        },
        { kind: 'waitFor', phones: { all: true }, settled: true, index: 3, loc: at(31, 5), text: 'waitFor all settled' },
        {
          kind: 'restartService',
          cluster: 'hq',
          nodes: { names: ['pub', 'sub1'] },
          service: 'Cisco Tftp',
          index: 4,
          loc: at(32, 5),
          text: 'restartService Cisco Tftp on hq/pub, hq/sub1',
        },
        {
          kind: 'resetPhones',
          cluster: 'hq',
          phones: { all: true },
          batchSize: 100,
          interval: 120_000,
          index: 5,
          loc: at(33, 5),
          text: 'resetPhones all (batches of 100 every 2m)',
        },
      ],
      expect: [
        { kind: 'phones', phones: { group: 'lobby' }, status: 'trusted', loc: at(35, 5) },
        { kind: 'phones', phones: { group: 'lobby' }, itlSigner: { cluster: 'hq', purpose: 'ITLRecovery', generation: 2 }, loc: at(37, 5) },
        { kind: 'phones', phones: { group: 'legacy' }, status: 'trusted', loc: at(39, 5) },
      ],
      assumptions: {},
    };
    expect(scenario).toEqual(expected);
  });

  it('generates 500 + 20 distinct, pinned phone names from the seed', () => {
    const [lobby, legacy] = scenario.clusters[0].phones.map((g) => g.names);
    expect(lobby).toHaveLength(500);
    expect(legacy).toHaveLength(20);
    expect(lobby.slice(0, 2)).toEqual(['SEP001D4563E8E8', 'SEP001D4563E8E9']);
    expect(legacy[0]).toBe('SEP001D45523ED7');
    expect(new Set([...lobby, ...legacy]).size).toBe(520);
    for (const name of [...lobby, ...legacy]) expect(name).toMatch(PHONE_NAME);
  });

  it('is semantically valid', () => {
    expect(validateScenario(scenario, { knownModels: ['CP-8845', 'CP-7960'] })).toEqual([]);
  });

  it('gives the same model for the same text on every parse', () => {
    const text = readFileSync(file, 'utf8');
    expect(parseScenario(text, file)).toEqual(scenario);
  });
});

describe('the assumptions example', () => {
  it('keeps exactly the assumptions the file sets, with their YAML types', () => {
    const text = minimal(readFileSync(fixture('assumptions.yaml'), 'utf8'));
    const scenario = parseScenario(text, 'a.yaml');
    expect(scenario.assumptions).toEqual({
      tvsVouchesForOwnItlRecovery: false,
      trustDeleteScope: 'cluster',
      configSignatureFailure: 'degraded',
    });
    const known = {
      tvsVouchesForOwnItlRecovery: [true, false],
      trustDeleteScope: ['cluster', 'node'],
      configSignatureFailure: ['degraded', 'unregistered'],
    };
    expect(validateScenario(scenario, { knownAssumptions: known })).toEqual([]);
  });
});

describe('every step form of the table', () => {
  const file = fixture('every-step.yaml');
  const scenario = loadScenario(file);

  it('is valid', () => {
    expect(validateScenario(scenario)).toEqual([]);
  });

  it('fills cluster and group defaults', () => {
    const [hq, dr] = withoutLocs(scenario.clusters);
    expect(scenario.start).toBe('2026-03-01T11:00:00Z');
    expect(hq.security).toBe('mixed');
    expect(hq.parameters).toEqual({ phoneInteractionOnCertificateUpdate: 'manual', prepareClusterForRollbackToPre80: false, tlsCiphers: 'STRONGEST_AES' });
    expect(hq.nodes.map((n) => [n.name, n.role, n.services])).toEqual([
      ['pub', 'publisher', ['callmanager', 'tftp', 'capf', 'tvs', 'tomcat']],
      ['sub1', 'subscriber', ['callmanager', 'tftp', 'ctimanager', 'tvs', 'tomcat']],
      ['sub2', 'subscriber', ['callmanager', 'tvs', 'tomcat']],
    ]);
    expect(dr.nodes).toEqual([{ name: 'drpub', role: 'publisher', services: ['callmanager', 'tftp', 'tvs', 'capf', 'tomcat'] }]);
    expect(dr.parameters).toEqual({ phoneInteractionOnCertificateUpdate: 'automatic', prepareClusterForRollbackToPre80: false });
    const [desk, stale, factory] = hq.phones;
    expect(desk).toEqual({
      group: 'desk',
      names: ['SEP001122334455', 'SEP00112233445A'],
      model: 'CP-8851',
      tftp: ['pub', 'sub1'],
      callManagerGroup: ['pub', 'sub1', 'sub2'],
      securityProfile: 'encrypted',
      trust: 'current',
      power: 'on',
      lsc: { issuer: 'hq' },
      cluster: 'hq',
    });
    expect(stale).toMatchObject({ trust: { snapshot: 'before' }, power: 'off', securityProfile: 'non-secure' });
    expect(stale.names).toHaveLength(3);
    expect(factory).toMatchObject({ trust: 'none', tftp: ['sub1'], callManagerGroup: ['sub2', 'sub1'] });
  });

  it('turns each step into its model form and a one-line text', () => {
    const steps = withoutLocs(scenario.steps).map(({ index, text, ...body }) => ({ index, text, body }));
    const hqPub = { names: ['pub'] };
    expect(steps).toEqual([
      { index: 0, text: 'snapshot "before"', body: { kind: 'snapshot', name: 'before' } },
      {
        index: 1,
        text: 'regenerate CallManager on hq/pub (4096-bit SHA384)',
        body: { kind: 'regenerate', cluster: 'hq', nodes: hqPub, purpose: 'CallManager', keyLength: 4096, hash: 'SHA384' },
      },
      { index: 2, text: 'regenerate TVS on all nodes of hq', body: { kind: 'regenerate', cluster: 'hq', nodes: { all: true }, purpose: 'TVS' } },
      {
        index: 3,
        text: 'generateCsr tomcat on hq/pub, hq/sub1 (multi-server)',
        body: { kind: 'generateCsr', cluster: 'hq', nodes: { names: ['pub', 'sub1'] }, purpose: 'tomcat', distribution: 'multi-server' },
      },
      {
        index: 4,
        text: 'generateCsr CallManager-ECDSA on hq/pub',
        body: { kind: 'generateCsr', cluster: 'hq', nodes: hqPub, purpose: 'CallManager-ECDSA', distribution: 'single-server' },
      },
      {
        index: 5,
        text: 'uploadCertificate certs/root.pem into tomcat-trust on hq/pub',
        body: { kind: 'uploadCertificate', cluster: 'hq', nodes: hqPub, store: 'tomcat-trust', certificate: { path: 'certs/root.pem' } },
      },
      {
        index: 6,
        text: 'uploadCertificate ITLRecovery of dr/drpub into Phone-SAST-trust on hq/pub',
        body: {
          kind: 'uploadCertificate',
          cluster: 'hq',
          nodes: hqPub,
          store: 'Phone-SAST-trust',
          certificate: { from: { cluster: 'dr', node: 'drpub', purpose: 'ITLRecovery' } },
        },
      },
      {
        index: 7,
        text: 'uploadCertificate "CN=expired-ca" into CallManager-trust on hq/pub',
        body: {
          kind: 'uploadCertificate',
          cluster: 'hq',
          nodes: hqPub,
          store: 'CallManager-trust',
          certificate: {
            subject: 'CN=expired-ca',
            issuer: 'CN=expired-ca',
            serial: '1234',
            notBefore: '2020-01-01T00:00:00Z',
            notAfter: '2025-01-01T00:00:00Z',
            keyType: 'RSA',
            keyLength: 2048,
          },
        },
      },
      { index: 8, text: 'expect 1 check', body: { kind: 'expect', expectations: [{ kind: 'upload', upload: 'rejected' }] } },
      {
        index: 9,
        text: 'deleteCertificate "expired-ca" from CallManager-trust on hq/pub',
        body: { kind: 'deleteCertificate', cluster: 'hq', nodes: hqPub, store: 'CallManager-trust', commonName: 'expired-ca' },
      },
      {
        index: 10,
        text: 'restartService Cisco Trust Verification Service on all nodes of hq',
        body: { kind: 'restartService', cluster: 'hq', nodes: { all: true }, service: 'Cisco Trust Verification Service' },
      },
      {
        index: 11,
        text: 'restartService Cisco CTIManager on hq/sub1',
        body: { kind: 'restartService', cluster: 'hq', nodes: { names: ['sub1'] }, service: 'Cisco CTIManager' },
      },
      {
        index: 12,
        text: 'cli "utils ctl update CTLFile" on hq/pub',
        body: { kind: 'cli', cluster: 'hq', nodes: hqPub, command: 'utils ctl update CTLFile' },
      },
      {
        index: 13,
        text: 'setParameter prepareClusterForRollbackToPre80 = true on hq',
        body: { kind: 'setParameter', cluster: 'hq', name: 'prepareClusterForRollbackToPre80', value: true },
      },
      { index: 14, text: 'resetPhones group desk', body: { kind: 'resetPhones', cluster: 'hq', phones: { group: 'desk' }, interval: 0 } },
      {
        index: 15,
        text: 'resetPhones model CP-7841 + SEP001122334455 (batches of 50 every 90s)',
        body: {
          kind: 'resetPhones',
          phones: { anyOf: [{ model: 'CP-7841' }, { names: ['SEP001122334455'] }] },
          batchSize: 50,
          interval: 90_000,
        },
      },
      { index: 16, text: 'power on phones group stale', body: { kind: 'power', state: 'on', phones: { group: 'stale' } } },
      { index: 17, text: 'power off cluster dr', body: { kind: 'power', state: 'off', cluster: 'dr' } },
      { index: 18, text: 'power off hq/sub2', body: { kind: 'power', state: 'off', cluster: 'hq', nodes: { names: ['sub2'] } } },
      {
        index: 19,
        text: 'dhcp cluster hq tftp dr/drpub',
        body: { kind: 'dhcp', phones: { cluster: 'hq' }, tftp: [{ cluster: 'dr', node: 'drpub' }] },
      },
      { index: 20, text: 'bulkCertificates export TFTP on dr', body: { kind: 'bulkCertificates', action: 'export', cluster: 'dr', type: 'TFTP' } },
      { index: 21, text: 'bulkCertificates consolidate on hq', body: { kind: 'bulkCertificates', action: 'consolidate', cluster: 'hq', type: 'All' } },
      {
        index: 22,
        text: 'capf install group desk on hq (By Null String)',
        body: { kind: 'capf', cluster: 'hq', phones: { group: 'desk' }, operation: 'install', authMode: 'By Null String' },
      },
      { index: 23, text: 'backup hq as "nightly"', body: { kind: 'backup', cluster: 'hq', name: 'nightly' } },
      { index: 24, text: 'restore hq from "nightly"', body: { kind: 'restore', cluster: 'hq', backup: 'nightly' } },
      { index: 25, text: 'upgrade hq to 15SU1 (refresh)', body: { kind: 'upgrade', cluster: 'hq', to: '15SU1', method: 'refresh' } },
      { index: 26, text: 'wait 10m', body: { kind: 'wait', duration: 600_000 } },
      { index: 27, text: 'at 2h: waitFor all settled', body: { kind: 'waitFor', phones: { all: true }, settled: true, at: 7_200_000 } },
      { index: 28, text: 'at 3h: wait 90m', body: { kind: 'wait', duration: 5_400_000, at: 10_800_000 } },
      {
        index: 29,
        text: 'expect 1 check',
        body: {
          kind: 'expect',
          expectations: [
            {
              kind: 'phones',
              phones: { group: 'desk' },
              status: 'trusted',
              itl: 'accepted',
              ctl: 'accepted',
              config: 'accepted',
              registration: 'secure',
              needsManualTrustListDelete: false,
              count: { atLeast: 2 },
            },
          ],
        },
      },
    ]);
  });

  it('locates steps and the expectations nested in them', () => {
    const upload = scenario.steps[8];
    expect(upload.loc).toEqual({ file, line: 41, column: 5 });
    if (upload.kind !== 'expect') throw new Error('expected an expect step');
    expect(upload.expectations[0].loc).toEqual({ file, line: 42, column: 9 });
  });

  it('reads every final expectation form', () => {
    expect(withoutLocs(scenario.expect)).toEqual([
      { kind: 'store', cluster: 'hq', node: 'pub', store: 'ipsec-trust', lacks: 'old-ipsec' },
      { kind: 'store', cluster: 'hq', node: 'sub1', store: 'tomcat-trust', contains: 'root', serial: '0A1B' },
      { kind: 'events', type: 'PhoneReset', count: { equals: 3 } },
      { kind: 'events', type: 'ItlResigned', count: { atMost: 2 } },
      { kind: 'events', type: 'TvsVouched', count: { atLeast: 1 } },
      { kind: 'phones', phones: { all: true }, count: { equals: 0 }, status: 'locked' },
    ]);
  });
});

describe('defaults and normalisation', () => {
  it('makes the only node of a cluster its publisher, and defaults its services', () => {
    const scenario = parseScenario(minimal(), 't.yaml');
    expect(scenario.seed).toBe(1);
    expect(scenario.start).toBe('2026-01-05T08:00:00Z');
    expect(scenario.clusters[0].nodes[0]).toMatchObject({ role: 'publisher', services: ['callmanager', 'tvs', 'tomcat'] });
    expect(scenario.steps).toEqual([]);
    expect(scenario.expect).toEqual([]);
  });

  it('adds tvs and tomcat to a node whose list omits them', () => {
    const scenario = parseScenario(minimal().replace('{ name: pub }', '{ name: pub, services: [tftp] }'), 't.yaml');
    expect(scenario.clusters[0].nodes[0].services).toEqual(['tftp', 'tvs', 'tomcat']);
  });

  it('accepts a number where YAML reads a release or serial as one', () => {
    const scenario = parseScenario(minimal().replace('14SU2', '15'), 't.yaml');
    expect(scenario.clusters[0].version).toBe('15');
  });

  it('accepts trust as { snapshot: name }, and a single-item selector list as the selector itself', () => {
    const text = minimal(`steps:
  - snapshot: { name: current-state }
  - resetPhones: { cluster: hq, phones: [ { group: g } ] }
`).replace(
      '      - { name: pub }\n',
      '      - { name: pub }\n    phones:\n      - { group: g, count: 1, model: CP-8845, trust: { snapshot: current-state } }\n',
    );
    const scenario = parseScenario(text, 't.yaml');
    expect(scenario.clusters[0].phones[0].trust).toEqual({ snapshot: 'current-state' });
    expect(scenario.steps[1]).toMatchObject({ phones: { group: 'g' } });
  });

  it('reads the extension steps emcc and tlsConnection, with one-line texts', () => {
    const scenario = parseScenario(
      minimal(`steps:
  - emcc: { phones: all, action: login, home: hq }
  - tlsConnection: { cluster: hq, node: pub, peer: cube.example.com, ocsp: revoked }
`),
      't.yaml',
    );
    expect(withoutLocs(scenario.steps).map((s) => s.text)).toEqual(['emcc login all to home cluster hq', 'tlsConnection from cube.example.com to hq/pub (OCSP revoked)']);
    expect(scenario.steps[1]).toMatchObject({ kind: 'tlsConnection', nodes: { names: ['pub'] }, peer: 'cube.example.com', ocsp: 'revoked' });
    expect(() => parseScenario(minimal(`steps:\n  - tlsConnection: { cluster: hq, node: pub, peer: x, ocsp: maybe }\n`), 't.yaml')).toThrow(/ocsp/);
  });

  it('reads the extension step secureOnboarding as a CAPF install by MIC, and names its own field in errors', () => {
    const scenario = parseScenario(minimal(`steps:\n  - secureOnboarding: { cluster: hq, phones: all }\n`), 't.yaml');
    expect(scenario.steps[0]).toMatchObject({ kind: 'capf', operation: 'install', authMode: 'By Existing Certificate (Precedence to MIC)', onboarding: true, text: 'secureOnboarding all on hq (LSC by MIC)' });
    const wrong = parseScenario(minimal(`steps:\n  - secureOnboarding: { cluster: hqq, phones: all }\n`), 't.yaml');
    expect(validateScenario(wrong).map((i) => i.field)).toEqual(['steps[0].secureOnboarding.cluster']);
  });

  it('[S14] reads a cluster\'s ctl kind and reports one its release cannot make at clusters.<name>.ctl', () => {
    const text = `scenario: t\nclusters:\n  hq:\n    version: 14SU2\n    security: mixed\n    ctl: token\n    nodes:\n      - { name: pub }\nsteps:\n  - ctlClient: { cluster: hq }\n`;
    const scenario = parseScenario(text, 't.yaml');
    expect(scenario.clusters[0].ctl).toBe('token');
    expect(scenario.steps[0]).toMatchObject({ kind: 'ctlClient', cluster: 'hq', text: 'CTL client (USB eTokens) on hq' });
    const issues = validateScenario(scenario, { ctlKindUnavailable: (version, kind) => (kind === 'token' && version === '14SU2' ? 'no USB eTokens from 14' : undefined) });
    expect(issues.map((i) => [i.field, i.message])).toEqual([['clusters.hq.ctl', '14SU2 cannot make a token CTL: no USB eTokens from 14']]);
    expect(() => parseScenario(text.replace('ctl: token', 'ctl: usb'), 't.yaml')).toThrow(/ctl/);
  });

  it('names the home field when an emcc step points at an unknown cluster', () => {
    const scenario = parseScenario(minimal(`steps:\n  - emcc: { phones: all, action: login, home: hqq }\n`), 't.yaml');
    expect(validateScenario(scenario).map((i) => [i.field, i.message])).toEqual([['steps[0].emcc.home', "unknown cluster 'hqq' (did you mean 'hq'?)"]]);
  });

  it('normalises service and store names to their canonical spelling', () => {
    const scenario = parseScenario(
      minimal(`steps:
  - restartService: { cluster: hq, node: pub, service: cisco  TFTP }
  - deleteCertificate: { cluster: hq, node: pub, store: IPSEC-trust, commonName: x }
`),
      't.yaml',
    );
    expect(scenario.steps[0]).toMatchObject({ service: 'Cisco Tftp' });
    expect(scenario.steps[1]).toMatchObject({ store: 'ipsec-trust' });
  });
});

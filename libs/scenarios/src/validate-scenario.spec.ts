import { parseScenario } from './parse-scenario';
import { validateScenario, type ValidationContext } from './validate-scenario';

const base = `scenario: t
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp, capf] }
      - { name: sub1, services: [callmanager, tftp] }
      - { name: sub2, services: [callmanager] }
    phones:
      - { group: lobby, count: 10, model: CP-8845 }
      - { group: desk, names: [SEP001122334455], model: CP-7841 }
  dr:
    version: 15SU1
    nodes:
      - { name: drpub, services: [callmanager] }
`;

/** [field, message] of each semantic issue of the base file plus `extra`. */
function problems(extra: string, context?: ValidationContext, text = base): [string, string][] {
  const scenario = parseScenario(text + extra, 'v.yaml');
  return validateScenario(scenario, context).map((i) => [i.field, i.message]);
}

describe('validateScenario', () => {
  it('accepts the base file', () => {
    expect(problems('')).toEqual([]);
  });

  it('finds unknown clusters, nodes and groups in steps, selectors and expectations', () => {
    expect(
      problems(`steps:
  - regenerate: { cluster: hqq, node: pub, purpose: TVS }
  - regenerate: { cluster: hq, nodes: [pub, sub9], purpose: TVS }
  - generateCsr: { cluster: hq, node: pubb, purpose: tomcat }
  - resetPhones: { cluster: hq, phones: [ { group: lobbi }, { model: CP-9999 }, { cluster: east }, { names: [SEP00000000FFFF] } ] }
  - waitFor: { phones: { group: nope } }
  - uploadCertificate: { cluster: hq, node: pub, store: Phone-SAST-trust, certificate: { from: { cluster: dr, node: pub, purpose: ITLRecovery } } }
expect:
  - phones: { group: lobby }
    itlSigner: { cluster: hq, purpose: ITLRecovery, node: sub7 }
  - store: { cluster: west, node: pub, store: tomcat-trust, contains: x }
`),
    ).toEqual([
      ['steps[0].regenerate.cluster', "unknown cluster 'hqq' (did you mean 'hq'?)"],
      ['steps[1].regenerate.nodes[1]', "cluster 'hq' has no node 'sub9' (did you mean 'sub1'?)"],
      ['steps[2].generateCsr.node', "cluster 'hq' has no node 'pubb' (did you mean 'pub'?)"],
      ['steps[3].resetPhones.phones[0].group', "unknown phone group 'lobbi' (did you mean 'lobby'?)"],
      ['steps[3].resetPhones.phones[1].model', "no phone group has model 'CP-9999'"],
      ['steps[3].resetPhones.phones[2].cluster', "unknown cluster 'east'"],
      ['steps[3].resetPhones.phones[3].names[0]', "no phone is named 'SEP00000000FFFF'"],
      ['steps[4].waitFor.phones.group', "unknown phone group 'nope'"],
      ['steps[5].uploadCertificate.certificate.from.node', "cluster 'dr' has no node 'pub'"],
      ['expect[0].itlSigner.node', "cluster 'hq' has no node 'sub7' (did you mean 'sub1'?)"],
      ['expect[1].store.cluster', "unknown cluster 'west'"],
    ]);
  });

  it("finds a phone group's TFTP or CallManager group naming missing nodes or nodes without the service", () => {
    const text = base.replace(
      '{ group: lobby, count: 10, model: CP-8845 }',
      '{ group: lobby, count: 10, model: CP-8845, tftp: [sub2, nine], callManagerGroup: [pub, drpub] }',
    );
    expect(problems('', undefined, text)).toEqual([
      ['clusters.hq.phones[0].tftp[0]', "node 'sub2' does not run tftp"],
      ['clusters.hq.phones[0].tftp[1]', "cluster 'hq' has no node 'nine'"],
      ['clusters.hq.phones[0].callManagerGroup[1]', "cluster 'hq' has no node 'drpub'"],
    ]);
  });

  it('[chapter] finds CAPF on a node other than the publisher', () => {
    const text = base.replace('{ name: sub2, services: [callmanager] }', '{ name: sub2, services: [callmanager, capf] }');
    expect(problems('', undefined, text)).toEqual([['clusters.hq.nodes[2].services', "node 'sub2' is not the publisher: CAPF runs on the publisher only"]]);
  });

  it('finds a phone group with no TFTP server to default to', () => {
    const text = `${base}    phones:\n      - { group: far, count: 1, model: CP-8845 }\n`;
    expect(problems('', undefined, text)).toEqual([['clusters.dr.phones[0]', "phone group 'far' has no TFTP server: no node of 'dr' runs tftp"]]);
  });

  it('finds restartService of a service a node does not run, and allows platform services anywhere', () => {
    expect(
      problems(`steps:
  - restartService: { cluster: hq, nodes: [pub, sub2], service: Cisco Tftp }
  - restartService: { cluster: hq, node: sub1, service: Cisco Certificate Authority Proxy Function }
  - restartService: { cluster: dr, nodes: all, service: Cisco Tftp }
  - restartService: { cluster: hq, nodes: all, service: Cisco Tftp }
  - restartService: { cluster: hq, node: sub2, service: Cisco Trust Verification Service }
  - restartService: { cluster: hq, node: sub2, service: Cisco Tomcat }
  - restartService: { cluster: hq, node: sub2, service: Cisco Certificate Change Notification }
  - restartService: { cluster: hq, nodes: [sub1, sub2], service: Cisco DRF Local }
  - restartService: { cluster: hq, node: sub2, service: Cisco CTIManager }
`),
    ).toEqual([
      ['steps[0].restartService.nodes[1]', "node 'sub2' does not run tftp (Cisco Tftp)"],
      ['steps[1].restartService.node', "node 'sub1' does not run capf (Cisco Certificate Authority Proxy Function)"],
      ['steps[2].restartService.service', "no node of 'dr' runs tftp (Cisco Tftp)"],
      ['steps[8].restartService.node', "node 'sub2' does not run ctimanager (Cisco CTIManager)"],
    ]);
  });

  it('finds a restore of a backup never taken earlier (or taken on another cluster)', () => {
    expect(
      problems(`steps:
  - restore: { cluster: hq, backup: nightly }
  - backup: { cluster: hq, name: nightly }
  - restore: { cluster: hq, backup: nightly }
  - restore: { cluster: dr, backup: nightly }
  - restore: { cluster: hq, backup: nightli }
`),
    ).toEqual([
      ['steps[0].restore.backup', "no backup 'nightly' was taken before this step"],
      ['steps[3].restore.backup', "backup 'nightly' was taken on cluster 'hq', not 'dr'"],
      ['steps[4].restore.backup', "no backup 'nightli' was taken before this step (did you mean 'nightly'?)"],
    ]);
  });

  it('finds trust referring to a snapshot step that does not exist, and duplicate snapshots', () => {
    const text = base.replace('model: CP-7841 }', 'model: CP-7841, trust: befor }');
    expect(
      problems(
        `steps:
  - snapshot: { name: before }
  - snapshot: { name: before }
`,
        undefined,
        text,
      ),
    ).toEqual([
      ['clusters.hq.phones[1].trust', "no snapshot step is named 'befor' (did you mean 'before'?)"],
      ['steps[1].snapshot.name', "snapshot 'before' is already taken by step 0"],
    ]);
  });

  it('finds duplicate phone names, groups and nodes', () => {
    const text = base
      .replace('{ name: sub2, services: [callmanager] }', '{ name: sub2, services: [callmanager] }\n      - { name: sub1 }')
      .replace('      - { name: drpub, services: [callmanager] }\n', '      - { name: drpub, services: [callmanager, tftp] }\n    phones:\n      - { group: lobby, names: [SEP001122334455, SEP00112233AAAA, SEP00112233aaaa], model: CP-8845 }\n');
    expect(problems('', undefined, text)).toEqual([
      ['clusters.hq.nodes[3].name', "cluster 'hq' already has a node 'sub1'"],
      ['clusters.dr.phones[0].group', "phone group 'lobby' is already defined in cluster 'hq'"],
      ['clusters.dr.phones[0].names[0]', "phone 'SEP001122334455' is already in group 'desk'"],
      ['clusters.dr.phones[0].names[2]', "phone 'SEP00112233AAAA' is already in group 'lobby'"],
    ]);
  });

  it('finds unknown phone models and assumptions when the context lists them', () => {
    const context: ValidationContext = {
      knownModels: ['CP-8845', 'CP-8851'],
      knownAssumptions: { trustDeleteScope: ['cluster', 'node'], tvsVouchesForOwnItlRecovery: [true, false] },
    };
    const extra = `assumptions:
  trustDeleteScope: nodes
  tvsVouchesForOwnItlRecovery: true
  tvsVouches: false
`;
    expect(problems(extra, context)).toEqual([
      ['clusters.hq.phones[1].model', "unknown phone model 'CP-7841'"],
      ['assumptions.trustDeleteScope', '"nodes" is not a value of trustDeleteScope (did you mean \'node\'?)'],
      ['assumptions.tvsVouches', "unknown assumption 'tvsVouches' (did you mean 'tvsVouchesForOwnItlRecovery'?)"],
    ]);
    expect(problems(extra)).toEqual([]); // without a context, models and assumptions are not judged
  });

  it('accepts the documented CLI commands and finds the others', () => {
    const documented = [
      'utils itl reset localkey',
      'utils itl reset remotekey sftp.example.com admin ITLRecovery.p12',
      'utils ctl reset localkey',
      'utils ctl update CTLFile',
      'utils ctl set-cluster mixed-mode',
      'utils ctl set-cluster non-secure-mode',
      'set cert regen tomcat',
      'set cert regen ITLRecovery',
      'set network hostname cucm-pub2',
      'utils service restart Cisco Tftp',
      'utils service restart Cisco DRF Master',
      'set key regen authz signing',
      'show itl',
      'show ctl',
      'show cert list own',
    ];
    expect(problems(`steps:\n${documented.map((c) => `  - cli: { cluster: hq, node: pub, command: "${c}" }\n`).join('')}`)).toEqual([]);
    expect(
      problems(`steps:
  - cli: { cluster: hq, node: pub, command: "utils itl reset locakey" }
  - cli: { cluster: hq, node: pub, command: "utils itl reset remotekey host" }
  - cli: { cluster: hq, node: pub, command: "set cert regen tomcatt" }
  - cli: { cluster: hq, node: pub, command: "utils service restart Cisco Tfpt" }
  - cli: { cluster: hq, node: sub2, command: "utils service restart Cisco Tftp" }
  - cli: { cluster: hq, node: sub1, command: "utils itl reset localkey" }
  - cli: { cluster: hq, node: pub, command: "delete all the things" }
`),
    ).toEqual([
      ['steps[0].cli.command', "unknown CLI command 'utils itl reset locakey' (did you mean 'utils itl reset localkey'?)"],
      ['steps[1].cli.command', "'utils itl reset remotekey host' needs a host, a user and a file"],
      ['steps[2].cli.command', "unknown certificate purpose in 'set cert regen tomcatt' (did you mean 'tomcat'?)"],
      ['steps[3].cli.command', "unknown service 'Cisco Tfpt' (did you mean 'Cisco Tftp'?)"],
      ['steps[4].cli.node', "node 'sub2' does not run tftp (Cisco Tftp)"],
      ['steps[5].cli.command', "'utils itl reset localkey' runs on the publisher only, not on 'sub1' [SCLI]"],
      ['steps[6].cli.command', "unknown CLI command 'delete all the things'"],
    ]);
  });

  it('finds other inconsistencies: time going back, misplaced upload checks, DHCP to a non-TFTP node, CAPF without CAPF, bad parameter values', () => {
    expect(
      problems(`steps:
  - wait: 1m
    at: 1h
  - wait: 1m
    at: 30m
  - uploadCertificate: { cluster: hq, node: pub, store: tomcat-trust, certificate: { caCertificate: corp } }
  - expect: [ { upload: accepted } ]
  - wait: 1m
  - expect: [ { upload: accepted } ]
  - dhcp: { phones: all, tftp: [ { cluster: hq, node: sub2 } ] }
  - capf: { cluster: dr, phones: all, operation: install, authMode: by null string }
  - setParameter: { cluster: hq, name: phoneInteractionOnCertificateUpdate, value: sometimes }
  - setParameter: { cluster: hq, name: prepareClusterForRollbackToPre8O, value: true }
  - setParameter: { cluster: hq, name: enterpriseSomething, value: 3 }
`),
    ).toEqual([
      ['steps[1].at', "at 30m is earlier than step 0's at 1h"],
      ['steps[5].expect[0].upload', "'upload' checks an uploadCertificate step, but the step before is 'wait'"],
      ['steps[6].dhcp.tftp[0].node', "node 'hq/sub2' does not run tftp"],
      ['steps[7].capf.cluster', "no node of 'dr' runs capf"],
      ['steps[8].setParameter.value', '"sometimes" is not a value of phoneInteractionOnCertificateUpdate'],
      ['steps[9].setParameter.name', "unknown parameter 'prepareClusterForRollbackToPre8O' (did you mean 'prepareClusterForRollbackToPre80'?)"],
    ]);
  });

  it('finds certificate descriptions that do not fit their node or purpose', () => {
    const text = base.replace(
      '    phones:\n      - { group: lobby',
      '    certificates:\n      - { node: pubb, purpose: CallManager }\n      - { node: pub, purpose: CallManager-ECDSA, keyType: RSA }\n      - { node: pub, purpose: tomcat, keyLength: 384 }\n      - { node: pub, purpose: tomcat }\n    phones:\n      - { group: lobby',
    );
    expect(problems('', undefined, text)).toEqual([
      ['clusters.hq.certificates[0].node', "cluster 'hq' has no node 'pubb' (did you mean 'pub'?)"],
      ['clusters.hq.certificates[1].keyType', 'CallManager-ECDSA cannot have a RSA key'],
      ['clusters.hq.certificates[2].keyLength', '384 is not a key length for this key type'],
      ['clusters.hq.certificates[3]', 'certificate tomcat of node \'pub\' is described twice'],
    ]);
  });

  it('locates each issue precisely in the file', () => {
    const scenario = parseScenario(`${base}steps:\n  - regenerate: { cluster: hq, nodes: [pub, sub9], purpose: TVS }\n`, 'v.yaml');
    expect(validateScenario(scenario)).toEqual([
      {
        file: 'v.yaml',
        line: 17,
        column: 45,
        field: 'steps[0].regenerate.nodes[1]',
        message: "cluster 'hq' has no node 'sub9' (did you mean 'sub1'?)",
        expected: 'one of pub, sub1, sub2',
      },
    ]);
  });

  it('falls back to the part locations for a scenario that did not come from the parser', () => {
    const scenario = structuredClone(parseScenario(`${base}steps:\n  - restore: { cluster: hq, backup: x }\n`, 'v.yaml'));
    const [issue] = validateScenario(scenario);
    expect(issue).toMatchObject({ line: 17, column: 5, field: 'steps[0].restore.backup' });
  });
});

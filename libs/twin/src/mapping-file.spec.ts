import { parse } from 'yaml';
import { Diagnostics, formatDiagnostic } from './diagnostics';
import { mappingTemplate, readMapping } from './mapping-file';

describe('the mapping file', () => {
  it('reads pools, profile modes and stand-in models, each with its line; names problems where they are written', () => {
    const d = new Diagnostics();
    const mapping = readMapping(
      [
        'pools:',
        '  HQ-Desk:',
        '    callManagerGroup: [sub1, sub2]',
        '    tftp: [pub]',
        '  Branch: { callManagerGroup: sub3, dhcp: [x] }',
        'securityProfiles:',
        '  "Cisco 8865 - Standard SIP Secure Profile": encrypted',
        '  "Odd": secret',
        'models:',
        '  "Cisco 7841": CP-8841',
        '  "Cisco 9971": CP-9971',
        'extras: 1',
      ].join('\n'),
      'mapping.yaml',
      d,
    );
    expect(mapping.pools.get('hq-desk')).toEqual({ pool: 'HQ-Desk', line: 2, callManagerGroup: { names: ['sub1', 'sub2'], line: 3 }, tftp: { names: ['pub'], line: 4 } });
    expect(mapping.pools.get('branch')).toEqual({ pool: 'Branch', line: 5, callManagerGroup: { names: ['sub3'], line: 5 } });
    expect([...mapping.securityProfiles]).toEqual([['cisco 8865 - standard sip secure profile', 'encrypted']]);
    expect([...mapping.models]).toEqual([['cisco 7841', 'CP-8841']]);
    expect(d.items.map(formatDiagnostic)).toEqual([
      "mapping.yaml:5: warning: pool 'Branch': unknown key 'dhcp' (expected callManagerGroup, tftp): ignored",
      "mapping.yaml:8: error: security profile 'Odd': 'secret' is not a mode (expected non-secure, authenticated, encrypted): ignored",
      expect.stringMatching(/^mapping\.yaml:11: error: device type 'Cisco 9971': 'CP-9971' is not a model of trustsim's catalogue/),
      "mapping.yaml:12: warning: unknown section 'extras' (expected pools, securityProfiles, models): ignored",
    ]);
  });

  it('invalid YAML is one error at its line, and no mapping', () => {
    const d = new Diagnostics();
    const mapping = readMapping('pools:\n  a: [\n', 'm.yaml', d);
    expect(mapping.pools.size).toBe(0);
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]).toMatchObject({ file: 'm.yaml', message: expect.stringMatching(/not valid YAML/) });
  });

  it('the template lists every pool with the cluster\'s defaults, and reads back as a mapping', () => {
    const text = mappingTemplate({ pools: [{ name: 'HQ Desk', phones: 12 }, { name: 'Lobby', phones: 1 }], callManagers: ['pub', 'sub1', 'sub2', 'sub3'], tftpServers: ['pub', 'sub1'], unsettledProfiles: ['Secure SIP'], unknownDeviceTypes: [{ deviceType: 'Cisco 7841', phones: 3 }] });
    expect(text).toMatch(/"HQ Desk": {3}# 12 phones\n {4}callManagerGroup: \[pub, sub1, sub2\]\n {4}tftp: \[pub, sub1\]/);
    expect(parse(text)).toEqual({ pools: { 'HQ Desk': { callManagerGroup: ['pub', 'sub1', 'sub2'], tftp: ['pub', 'sub1'] }, Lobby: { callManagerGroup: ['pub', 'sub1', 'sub2'], tftp: ['pub', 'sub1'] } }, securityProfiles: { 'Secure SIP': 'encrypted' }, models: null });
    const d = new Diagnostics();
    readMapping(text, 'template.yaml', d);
    expect(d.items).toEqual([]);
  });
});

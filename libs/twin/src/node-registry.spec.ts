import { NodeRegistry } from './node-registry';

describe('the nodes of a real cluster, under every name files use for them', () => {
  it('one node by host name, FQDN and address; the FQDN and address filled in as they appear', () => {
    const nodes = new NodeRegistry();
    const pub = nodes.see({ name: 'cucm-pub' });
    expect(nodes.see({ name: 'cucm-pub.corp.example.com', address: '10.1.1.10' })).toBe(pub);
    expect(pub).toMatchObject({ name: 'cucm-pub', fqdn: 'cucm-pub.corp.example.com', address: '10.1.1.10' });
    expect([nodes.find('CUCM-PUB'), nodes.find('10.1.1.10'), nodes.find('cucm-pub.corp.example.com')]).toEqual([pub, pub, pub]);
  });

  it('two nodes with one host name in different domains stay two, named by their FQDN', () => {
    const nodes = new NodeRegistry();
    const a = nodes.see({ name: 'ccm01.texas.example.org' });
    const b = nodes.see({ name: 'ccm01.minnesota.example.org' });
    expect(b).not.toBe(a);
    expect([a.name, b.name]).toEqual(['ccm01', 'ccm01.minnesota.example.org']);
    expect(nodes.find('ccm01.minnesota.example.org')).toBe(b);
  });

  it('a node known by its IP address only gets a scenario name', () => {
    expect(new NodeRegistry().see({ name: '10.1.1.12' })).toMatchObject({ name: 'n10.1.1.12', address: '10.1.1.12' });
  });
});

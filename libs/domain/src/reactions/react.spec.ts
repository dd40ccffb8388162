import type { NodeEvent } from '../node/node-events';
import { node, world } from '../test-support/world';
import { KEY } from '../test-support/world';
import { react } from './react';

const pub = node('hq', 'pub', ['callmanager', 'tftp', 'tvs', 'capf'], { publisher: true });
const sub1 = node('hq', 'sub1', ['callmanager', 'tftp', 'tvs']);
const sub2 = node('hq', 'sub2', ['callmanager', 'tvs']);

const regenerated = (on: string, purpose: string): NodeEvent => ({
  type: 'CertRegenerated',
  data: { cluster: 'hq', node: on, purpose, generation: 2, commonName: on, serial: '2', fingerprint: `${on}/${purpose}/2`, notBefore: '', notAfter: '', keyType: 'RSA', keyBits: 2048, key: KEY('k'), der: '' },
});

const onNode = (n: string, event: NodeEvent, w = world({ nodes: [pub, sub1, sub2] })) => react({ aggregate: 'node', cluster: 'hq', node: n, event }, w);

describe('what the cluster does by itself after an event (process managers)', () => {
  it('[S125DEF] a node\'s own CallManager is only in its own ITL: only that TFTP node rebuilds; TVS changes rebuild every TFTP node\'s', () => {
    expect(onNode('sub1', regenerated('sub1', 'CallManager')).filter((d) => d.to === 'tftp')).toEqual([
      { to: 'tftp', cluster: 'hq', node: 'sub1', command: { kind: 'build-itl', cause: 'CallManager certificate regenerated on sub1', certificateUpdate: 'CallManager' } },
    ]);
    expect(onNode('sub2', regenerated('sub2', 'TVS')).filter((d) => d.to === 'tftp').map((d) => (d as { node: string }).node)).toEqual(['pub', 'sub1']);
    // A CallManager regenerated on a node without TFTP changes no ITL (but TVS reloads: it vouches for every node's CallManager).
    expect(onNode('sub2', regenerated('sub2', 'CallManager'))).toEqual([{ to: 'tvs', cluster: 'hq', cause: 'CertRegenerated' }]);
  });

  it('[chapter] [§4.4] under itlRecoveryRegenerationResigns = at-tftp-restart a new ITLRecovery waits for the TFTP restart', () => {
    const w = world({ nodes: [pub, sub1], assumptions: { itlRecoveryRegenerationResigns: 'at-tftp-restart' } });
    expect(onNode('pub', regenerated('pub', 'ITLRecovery'), w).filter((d) => d.to === 'tftp')).toEqual([]);
  });

  it('[SREL14] an ITL rebuilt for a certificate update resets the phones when Phone Interaction on Certificate Update is automatic, not when it is manual', () => {
    const rebuilt = (automatic: boolean) =>
      react(
        {
          aggregate: 'tftp',
          cluster: 'hq',
          node: 'pub',
          event: { type: 'ItlResigned', data: { cluster: 'hq', node: 'pub', fileName: 'ITLFile.tlv', file: 'f', size: 1, signer: { cluster: 'hq', node: 'pub', purpose: 'ITLRecovery', generation: 1, fingerprint: 'x' }, mode: 'normal', cause: 'TVS regenerated', certificateUpdate: 'TVS', bytes: '' } },
        },
        world({ nodes: [pub], cluster: { parameters: { phoneInteractionOnCertificateUpdate: automatic ? 'automatic' : 'manual' } } }),
      );
    expect(rebuilt(true)).toEqual([{ to: 'cluster', cluster: 'hq', command: { kind: 'schedule-reset-wave', cause: 'automatic reset after TVS certificate update' } }]);
    expect(rebuilt(false)).toEqual([]);
  });

  it('[SCN] an upload into a cluster-wide store replicates to the other nodes (when: assumption trustReplicationDelay, at once by default); a node-local store does not', () => {
    const uploaded = (store: string): NodeEvent => ({ type: 'CertificateUploaded', data: { store, commonName: 'Root', serial: '1', fingerprint: 'root', der: '' } });
    const replication = (delay: number) => ({ to: 'clock', delay, work: { kind: 'trust-replication', cluster: 'hq', node: 'pub', store: 'tomcat-trust', certificate: 'root' } });
    expect(onNode('pub', uploaded('tomcat-trust'))).toEqual([replication(0), { to: 'tvs', cluster: 'hq', cause: 'CertificateUploaded' }]);
    expect(onNode('pub', uploaded('tomcat-trust'), world({ nodes: [pub, sub1, sub2], assumptions: { trustReplicationDelay: '1m' } }))[0]).toEqual(replication(60_000));
    expect(onNode('pub', uploaded('tomcat-trust'), world({ nodes: [pub, sub1, sub2], assumptions: { trustReplicationDelay: '30m' } }))[0]).toEqual(replication(1_800_000));
    expect(onNode('pub', uploaded('CAPF-trust'))).toEqual([]);
  });

  it('[S125DEF] where the ITL lists Phone-SAST-trust (assumption itlCarriesPhoneSastTrust), a change to it rebuilds the TFTP node\'s ITL; by default it does not', () => {
    const uploaded: NodeEvent = { type: 'CertificateUploaded', data: { store: 'Phone-SAST-trust', commonName: 'Other', serial: '1', fingerprint: 'other', der: '' } };
    expect(onNode('pub', uploaded).filter((d) => d.to === 'tftp')).toEqual([]);
    const carrying = world({ nodes: [pub, sub1, sub2], assumptions: { itlCarriesPhoneSastTrust: true } });
    expect(onNode('pub', uploaded, carrying).filter((d) => d.to === 'tftp')).toEqual([{ to: 'tftp', cluster: 'hq', node: 'pub', command: { kind: 'build-itl', cause: 'Phone-SAST-trust of pub changed' } }]);
  });

  it('[SHOST] a hostname change regenerates the node\'s self-signed certificates but ITLRecovery, and resets every device', () => {
    const changed = onNode('pub', { type: 'HostnameChanged', data: { hostname: 'cucm1', fqdn: 'cucm1.hq.example.com' } });
    expect(changed.filter((d) => d.to === 'node').map((d) => (d as unknown as { command: { purposes: string[] } }).command.purposes[0])).toEqual(['CallManager', 'TVS', 'tomcat', 'ipsec', 'CAPF']);
    expect(changed[changed.length - 1]).toEqual({ to: 'cluster', cluster: 'hq', command: { kind: 'schedule-reset-wave', cause: 'hostname change of pub' } });
  });

  it('[chapter] [S125DEF] restarting Cisco Tftp reloads its tomcat certificate and rebuilds the ITL with the release\'s signer', () => {
    expect(onNode('sub1', { type: 'ServiceRestarted', data: { service: 'Cisco Tftp' } })).toEqual([
      { to: 'tftp', cluster: 'hq', node: 'sub1', command: { kind: 'tomcat-reloaded', current: 'sub1/tomcat/1', cause: 'Cisco Tftp restarted' } },
      { to: 'tftp', cluster: 'hq', node: 'sub1', command: { kind: 'build-itl', mode: 'normal', cause: 'Cisco Tftp restarted' } },
    ]);
    expect(onNode('sub2', { type: 'ServiceRestarted', data: { service: 'Cisco Tftp' } })).toEqual([]);
  });
});

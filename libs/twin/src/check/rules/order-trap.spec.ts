import { certificate, cluster, context, replacing } from '../test-support/snapshots';
import { orderTrap } from './order-trap';

describe('callmanager-and-tvs-due-together (the order trap) [chapter] [SREGEN]', () => {
  const due = (version: string) => {
    const base = cluster({ version });
    return cluster({ version, identities: replacing(base, certificate('pub', 'CallManager', { notAfter: '2026-04-30T00:00:00Z' }), certificate('sub1', 'TVS', { notAfter: '2026-05-15T00:00:00Z' })) });
  };

  it('[SREGEN] on 11.5 a TFTP node\'s CallManager and a TVS due in one window are high, naming both and the phones', () => {
    const [finding] = orderTrap.check(due('11.5(1)SU9'), context());
    expect(finding).toMatchObject({ severity: 'high', title: 'hq (11.5(1)SU9): CallManager of pub and TVS of sub1 are due within 90 days together', phones: { count: 200 } });
    expect(finding.certificates!.map((c) => `${c.node}/${c.purpose}`)).toEqual(['pub/CallManager', 'sub1/TVS']);
    expect(finding.detail).toMatch(/TVS first .*\[chapter\].*CallManager first.*\[SREGEN\]/);
  });

  it('[SREGEN] from 12.0 ITLRecovery signs the ITL: no trap', () => {
    expect(orderTrap.check(due('12.0(1)'), context())).toEqual([]);
  });

  it('[chapter] only one of the two due: no trap; both due but outside the window: no trap', () => {
    const base = cluster({ version: '10.5(2)' });
    expect(orderTrap.check(cluster({ version: '10.5(2)', identities: replacing(base, certificate('pub', 'CallManager', { notAfter: '2026-04-30T00:00:00Z' })) }), context())).toEqual([]);
    expect(orderTrap.check(due('11.5(1)SU9'), context(30))).toEqual([]);
  });

  it('[SREGEN] the CallManager of a node without TFTP does not sign an ITL: no trap', () => {
    const base = cluster({ version: '11.5(1)' });
    const snapshot = cluster({
      version: '11.5(1)',
      nodes: [...base.nodes, { name: 'sub2', publisher: false, services: ['callmanager', 'tvs'] }],
      identities: [...replacing(base, certificate('sub1', 'TVS', { notAfter: '2026-05-15T00:00:00Z' })), certificate('sub2', 'CallManager', { notAfter: '2026-04-30T00:00:00Z' })],
    });
    expect(orderTrap.check(snapshot, context())).toEqual([]);
  });
});

import { failoverOrder, registerDownTheGroup } from './callmanager-failover';
import { Registration } from './registration';

const target = (node: string, available = true, cluster = 'hq') => ({ cluster, node, available });
const refused = (node: string): Registration => ({ registered: false, reason: 'secure-registration-refused', detail: `${node} refused` });
const secure = (node: string): Registration => ({ registered: true, cluster: 'hq', node, mode: 'secure' });

describe('CallManager-group failover on a refused secure registration', () => {
  it('[SPH7975] tries the node picked first, then the other available nodes of its group in order', () => {
    expect(failoverOrder({ cluster: 'hq', node: 'sub2' }, [target('sub1'), target('sub2'), target('sub3')])).toEqual(['sub2', 'sub1', 'sub3']);
  });

  it('[SPH7975] skips unavailable nodes, nodes of another cluster and nodes already listed', () => {
    const group = [target('sub1', false), target('sub2'), target('cm1', true, 'branch'), target('sub3'), target('sub3'), target('sub2')];
    expect(failoverOrder({ cluster: 'hq', node: 'sub2' }, group)).toEqual(['sub2', 'sub3']);
  });

  it('[SPH7975] with no CallManager group (registered at its TFTP server) it tries that node alone', () => {
    expect(failoverOrder({ cluster: 'hq', node: 'pub' }, [])).toEqual(['pub']);
  });

  it('[SPH7975] registers with the first node that accepts, trying no further', () => {
    const tried: string[] = [];
    const registration = registerDownTheGroup(['sub1', 'sub2', 'sub3'], (node) => {
      tried.push(node);
      return node === 'sub1' ? refused(node) : secure(node);
    });
    expect(registration).toEqual({ registered: true, cluster: 'hq', node: 'sub2', mode: 'secure' });
    expect(tried).toEqual(['sub1', 'sub2']);
  });

  it('[SPH7975] when every node refuses, ends with the refusal of the node picked first', () => {
    expect(registerDownTheGroup(['sub1', 'sub2'], refused)).toEqual({ registered: false, reason: 'secure-registration-refused', detail: 'sub1 refused' });
  });

  it('[SPH7975] a first node that accepts is the registration', () => {
    expect(registerDownTheGroup(['sub1', 'sub2'], secure)).toEqual({ registered: true, cluster: 'hq', node: 'sub1', mode: 'secure' });
  });
});

import { proxiesHomeCluster, servedBy } from './proxy-tftp';

const proxying = new Set(['branch']);
const none = new Set<string>();

describe('what a proxy TFTP serves (§11)', () => {
  it('[SPROXY] a TFTP node of another cluster that proxies the home cluster relays its trust lists and signs its configuration itself', () => {
    expect(servedBy('hq', 'branch', proxying, true)).toEqual({ trustListsFrom: 'home', configSignedBy: 'tftp', configFor: 'home' });
  });

  it('[SPROXY] a TFTP node of the home cluster serves its own files', () => {
    expect(servedBy('branch', 'branch', proxying, true)).toEqual({ trustListsFrom: 'tftp', configSignedBy: 'tftp', configFor: 'tftp' });
  });

  it('[scenario-language] a TFTP node of another cluster that proxies no cluster, or others, serves its own files', () => {
    expect(servedBy('hq', 'branch', none, true)).toEqual({ trustListsFrom: 'tftp', configSignedBy: 'tftp', configFor: 'tftp' });
    expect(servedBy('hq', 'branch', new Set(['lab']), true)).toEqual({ trustListsFrom: 'tftp', configSignedBy: 'tftp', configFor: 'tftp' });
  });

  it('[SPROXY] [uncertain] a proxy whose home cluster has no TFTP node with an ITL to relay serves its own files', () => {
    expect(servedBy('hq', 'branch', proxying, false)).toEqual({ trustListsFrom: 'tftp', configSignedBy: 'tftp', configFor: 'tftp' });
  });

  it('[SPROXY] the configuration is always signed by the TFTP node that answers', () => {
    for (const [tftp, home, proxied, hasTftp] of [['hq', 'branch', proxying, true], ['branch', 'branch', proxying, true], ['hq', 'branch', none, false]] as const) {
      expect(servedBy(tftp, home, proxied, hasTftp).configSignedBy).toBe('tftp');
    }
  });

  it('[SPROXY] answers with one of two shared objects: nothing allocated per phone', () => {
    expect(servedBy('hq', 'branch', proxying, true)).toBe(servedBy('lab', 'branch', proxying, true));
    expect(servedBy('hq', 'hq', none, false)).toBe(servedBy('lab', 'branch', none, true));
    expect(Object.isFrozen(servedBy('hq', 'branch', proxying, true))).toBe(true);
  });

  it('[SPROXY] proxies the home cluster only from another cluster that lists it', () => {
    expect(proxiesHomeCluster('hq', 'branch', proxying)).toBe(true);
    expect(proxiesHomeCluster('branch', 'branch', proxying)).toBe(false);
    expect(proxiesHomeCluster('hq', 'branch', none)).toBe(false);
  });
});

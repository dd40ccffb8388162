import { CISCO_OUIS, generatePhoneNames, phoneNameOui } from './phone-names';
import { PHONE_NAME } from './vocabulary';

describe('generated phone names', () => {
  // Pinned: these are part of the determinism contract (same file and seed → same names anywhere).
  // They were cross-checked with an independent implementation of the documented algorithm.
  it('are stable for a given seed, cluster and group', () => {
    const [lobby, legacy] = generatePhoneNames(7, [
      { cluster: 'hq', group: 'lobby', count: 500 },
      { cluster: 'hq', group: 'legacy', count: 20 },
    ], []);
    expect(lobby.slice(0, 3)).toEqual(['SEP001D4563E8E8', 'SEP001D4563E8E9', 'SEP001D4563E8EA']);
    expect(lobby[499]).toBe('SEP001D4563EADB');
    expect(legacy.slice(0, 2)).toEqual(['SEP001D45523ED7', 'SEP001D45523ED8']);
    expect(legacy[19]).toBe('SEP001D45523EEA');
    expect(generatePhoneNames(1, [{ cluster: 'a', group: 'g1', count: 2 }, { cluster: 'b', group: 'g2', count: 2 }], [])).toEqual([
      ['SEP0024C463EEA7', 'SEP0024C463EEA8'],
      ['SEP0024C4B02F42', 'SEP0024C4B02F43'],
    ]);
  });

  it('take a Cisco OUI chosen by the seed', () => {
    expect(phoneNameOui(7)).toBe('001D45');
    expect(phoneNameOui(1)).toBe('0024C4');
    for (let seed = 0; seed < 50; seed++) expect(CISCO_OUIS).toContain(phoneNameOui(seed));
  });

  it('are unique and well-formed over 10,000 phones in several groups and clusters', () => {
    const requests = [
      { cluster: 'hq', group: 'lobby', count: 4000 },
      { cluster: 'hq', group: 'floor1', count: 2500 },
      { cluster: 'hq', group: 'floor2', count: 1500 },
      { cluster: 'dr', group: 'lobby', count: 1000 },
      { cluster: 'dr', group: 'labs', count: 1000 },
    ];
    const names = generatePhoneNames(42, requests, []).flat();
    expect(names).toHaveLength(10_000);
    expect(new Set(names).size).toBe(10_000);
    for (const name of names) expect(name).toMatch(PHONE_NAME);
    // Same input, same output: run it again.
    expect(generatePhoneNames(42, requests, []).flat()).toEqual(names);
  });

  it('depend on the seed and on the group, not on other groups (barring collisions)', () => {
    const alone = generatePhoneNames(5, [{ cluster: 'hq', group: 'b', count: 3 }], []);
    const withOther = generatePhoneNames(5, [{ cluster: 'hq', group: 'a', count: 100 }, { cluster: 'hq', group: 'b', count: 3 }], []);
    expect(withOther[1]).toEqual(alone[0]);
    expect(generatePhoneNames(6, [{ cluster: 'hq', group: 'b', count: 3 }], [])).not.toEqual(alone);
  });

  it('never collide with explicit names, skipping to the next free number', () => {
    const [free] = generatePhoneNames(7, [{ cluster: 'hq', group: 'lobby', count: 3 }], []);
    const [shifted] = generatePhoneNames(7, [{ cluster: 'hq', group: 'lobby', count: 3 }], [free[1]]);
    expect(shifted).toEqual([free[0], free[2], 'SEP001D4563E8EB']);
  });
});

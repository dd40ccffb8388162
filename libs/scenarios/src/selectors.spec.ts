import { describeNodes, describeSelector } from './selectors';

describe('describeSelector', () => {
  it.each([
    [{ all: true as const }, 'all'],
    [{ group: 'lobby' }, 'group lobby'],
    [{ model: 'CP-8845' }, 'model CP-8845'],
    [{ cluster: 'hq' }, 'cluster hq'],
    [{ names: ['SEP001122334455'] }, 'SEP001122334455'],
    [{ names: ['SEP000000000001', 'SEP000000000002', 'SEP000000000003', 'SEP000000000004'] }, 'SEP000000000001, SEP000000000002 and 2 more'],
    [{ anyOf: [{ group: 'a' }, { model: 'CP-7841' }] }, 'group a + model CP-7841'],
  ])('renders %j as %s', (selector, text) => expect(describeSelector(selector)).toBe(text));
});

describe('describeNodes', () => {
  it('qualifies node names with their cluster', () => {
    expect(describeNodes('hq', { names: ['pub', 'sub1'] })).toBe('hq/pub, hq/sub1');
    expect(describeNodes('hq', { all: true })).toBe('all nodes of hq');
  });
});

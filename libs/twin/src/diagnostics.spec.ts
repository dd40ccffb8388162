import { Diagnostics, formatDiagnostic, lineRanges, summarizeDiagnostics } from './diagnostics';

describe('import diagnostics', () => {
  it('say where: file and line, file and record with offset, or the import as a whole', () => {
    expect(formatDiagnostic({ level: 'warning', file: 'phones.csv', line: 7, message: 'x' })).toBe('phones.csv:7: warning: x');
    expect(formatDiagnostic({ level: 'error', file: 'ITLFile.tlv', record: 3, offset: 452, message: 'y' })).toBe('ITLFile.tlv (record 3, offset 452): error: y');
    expect(formatDiagnostic({ level: 'error', file: 'ITLFile.tlv', offset: 12, message: 'y' })).toBe('ITLFile.tlv (offset 12): error: y');
    expect(formatDiagnostic({ level: 'assumed', message: 'z' })).toBe('assumed: z');
  });

  it('one line per message and file, naming every line it concerns', () => {
    const d = new Diagnostics();
    for (const line of [4, 9, 10, 11, 12]) d.warning({ file: 'phones.csv', line }, "unknown model 'Cisco 9971'");
    d.error({ file: 'phones.csv', line: 5 }, 'no device name: row not imported');
    d.assumed({}, 'release 14SU3');
    expect(summarizeDiagnostics(d.items)).toEqual([
      "phones.csv: lines 4, 9-12: warning: unknown model 'Cisco 9971' (5 rows)",
      'phones.csv:5: error: no device name: row not imported',
      'assumed: release 14SU3',
    ]);
    expect(d.errors).toHaveLength(1);
  });

  it('line ranges are sorted and merged', () => {
    expect(lineRanges([9, 2, 3, 4, 3, 20])).toBe('2-4, 9, 20');
  });
});

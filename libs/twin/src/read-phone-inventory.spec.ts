import { Diagnostics, formatDiagnostic } from './diagnostics';
import { lscStatus, readPhoneInventory } from './read-phone-inventory';

const lines = (d: Diagnostics) => d.items.map(formatDiagnostic);

describe('reading the BAT phone export', () => {
  it('"Export Phones – All Details" (current header): BOM, quoted fields with commas, quotes and line breaks', () => {
    const csv =
      '\uFEFFDevice Name,Description,Device Pool,Phone Button Template,Device Type,Owner User ID,Device Security Profile,Certificate Operation\r\n' +
      'SEP00A1B2C31000,"Desk 1, 3rd floor",HQ-Desk,Standard 8845 SIP,Cisco 8845,u1,Cisco 8845 - Standard SIP Non-Secure Profile,No Pending Operation\r\n' +
      'sep00a1b2c31001,"Say ""hi""\nsecond line",HQ-Desk,Standard 8845 SIP,Cisco 8845,u2,Cisco 8845 - Standard SIP Non-Secure Profile,No Pending Operation\r\n';
    const d = new Diagnostics();
    const inventory = readPhoneInventory(csv, 'phones.csv', d);
    expect(d.items).toEqual([]);
    expect(inventory.records).toBe(2);
    expect(inventory.columns).toEqual({ profile: 'Device Security Profile' });
    expect(inventory.rows).toEqual([
      { line: 2, name: 'SEP00A1B2C31000', deviceType: 'Cisco 8845', pool: 'HQ-Desk', profile: 'Cisco 8845 - Standard SIP Non-Secure Profile' },
      { line: 4, name: 'SEP00A1B2C31001', deviceType: 'Cisco 8845', pool: 'HQ-Desk', profile: 'Cisco 8845 - Standard SIP Non-Secure Profile' },
    ]);
  });

  it('older headers ("Security Profile"), other column orders and cases, a short list with "Product" and "LSC Status"', () => {
    const old = readPhoneInventory('DEVICE TYPE,Security Profile,DEVICE NAME,DEVICE POOL\nCisco 7965,Cisco 7965 - Standard SCCP Non-Secure Profile,SEP001122334455,Branch\n', 'old.csv', new Diagnostics());
    expect(old.rows).toEqual([{ line: 2, name: 'SEP001122334455', deviceType: 'Cisco 7965', pool: 'Branch', profile: 'Cisco 7965 - Standard SCCP Non-Secure Profile' }]);
    const d = new Diagnostics();
    const short = readPhoneInventory('Device Name,Product,Device Pool,LSC Status\nSEP001122334455,Cisco 8865,HQ,Installed\nSEP001122334456,Cisco 8865,HQ,None\nSEP001122334457,Cisco 8865,HQ,Upgrade Failed\n', 'short.csv', d);
    expect(short.rows.map((r) => r.lsc)).toEqual([true, false, false]);
    expect(lines(d)).toEqual(["short.csv:4: warning: LSC status 'Upgrade Failed' is not one trustsim reads (Installed / None): taken as no LSC"]);
  });

  it('a row without a device name, a name that is no phone, a duplicate, a row without a device type: each named with its line, the rest read', () => {
    const d = new Diagnostics();
    const inventory = readPhoneInventory(
      'Device Name,Device Pool,Device Type\nSEP001122334455,HQ,Cisco 8845\n,HQ,Cisco 8845\nCSFJDOE,HQ,Cisco Unified Client Services Framework\nSEP001122334455,Branch,Cisco 8845\nSEP0011223344AA,HQ,\nSEP0011223344BB,,Cisco 8845\n',
      'phones.csv',
      d,
    );
    expect(inventory.rows.map((r) => [r.line, r.name, r.pool])).toEqual([
      [2, 'SEP001122334455', 'HQ'],
      [7, 'SEP0011223344BB', '(no pool)'],
    ]);
    expect(inventory.records).toBe(6);
    expect(lines(d)).toEqual([
      'phones.csv:3: error: no device name: row not imported',
      "phones.csv:4: warning: 'CSFJDOE' is not a phone name (SEP + 12 hex digits; softphones, profiles and gateways are not simulated): row not imported",
      'phones.csv:5: warning: device SEP001122334455 is already on line 2: this row is not imported',
      'phones.csv:6: error: SEP0011223344AA has no device type: row not imported',
    ]);
  });

  it('a file without a Device Name or Device Type column, an empty file, text that is not CSV: one error, no phone', () => {
    for (const [text, message] of [
      ['Name1,Pool\nx,y\n', /no "Device Name" column in the header \(found: Name1, Pool\)/],
      ['Device Name,Device Pool\nSEP001122334455,HQ\n', /no "Device Type" \(or "Product"\) column/],
      ['', /the file is empty/],
      ['Device Name,Device Type\n"SEP001122334455,Cisco 8845\n', /not readable as CSV/],
    ] as const) {
      const d = new Diagnostics();
      expect(readPhoneInventory(text, 'p.csv', d).rows).toEqual([]);
      expect(d.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    }
  });

  it('LSC status cells', () => {
    expect(['Installed', 'upgrade success', 'None', '', 'Not Installed', 'Operation Pending'].map(lscStatus)).toEqual([true, true, false, false, false, undefined]);
  });
});

/**
 * The phones of a Bulk Administration export: "Export Phones – All Details" (Device Name, Description,
 * Device Pool, …, Device Type, …, Device Security Profile — "Security Profile" in older releases —,
 * Certificate Operation, …) or a shorter list with Device Name, Device Pool, Device Type/Product and
 * optionally LSC Status. Columns are found by name, whatever their order or case, so header variants
 * across releases read the same. UTF-8 with or without BOM (Cisco asks for UTF-8 [BAT guide]); quoted
 * fields with commas, quotes and line breaks.
 *
 * A row without a device name, with a name that is not `SEP` + 12 hex digits, or a name seen before,
 * is reported with its line and left out; the other rows go on. Line numbers are those of the row's
 * last line (a quoted field may span lines).
 */
import type { Diagnostics } from './diagnostics';

// csv-parse 7 publishes its CommonJS build under package exports, which this project's `node10` module
// resolution cannot see for types: require it, typed by the little we use.
type CsvParse = (input: string, options: Record<string, unknown>) => unknown[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('csv-parse/sync') as { parse: CsvParse };

export interface PhoneRow {
  line: number;
  name: string;
  deviceType: string;
  pool: string;
  /** The Phone Security Profile's name, when the export has the column. */
  profile?: string;
  /** From an LSC status column: true installed, false none; undefined without the column or a value it cannot read. */
  lsc?: boolean;
}

export interface PhoneInventory {
  /** Data rows in the file, imported or not. */
  records: number;
  rows: PhoneRow[];
  /** Which optional columns the export had, by the header it used. */
  columns: { profile?: string; lsc?: string };
}

/** Header spellings by field, compared without case, spaces or punctuation. */
const COLUMNS = {
  name: ['devicename', 'devicenameline', 'name', 'phonename'],
  mac: ['macaddress', 'mac'],
  deviceType: ['devicetype', 'product', 'producttype', 'model', 'phonemodel', 'phonetype', 'devicemodel', 'type'],
  pool: ['devicepool', 'devicepoolname', 'pool'],
  profile: ['devicesecurityprofile', 'securityprofile', 'securityprofilename', 'phonesecurityprofile'],
  lsc: ['lscstatus', 'lsc', 'locallysignificantcertificate', 'locallysignificantcertificatestatus', 'lscissuedstatus'],
} as const;

const key = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const PHONE_NAME = /^SEP[0-9A-F]{12}$/i;

export function readPhoneInventory(input: Buffer | string, shown: string, diagnostics: Diagnostics): PhoneInventory {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  let index: Record<keyof typeof COLUMNS, number> | undefined;
  let headers: string[] = [];
  const rows: PhoneRow[] = [];
  const seen = new Map<string, number>(); // name → line
  let records: unknown[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // Keep only what the twin needs from each record, so a 200-column "All Details" export stays light.
      on_record: (record: string[], context: { lines: number }) => {
        if (!index) {
          headers = record;
          index = findColumns(record);
          return null;
        }
        const at = (i: number) => (i >= 0 && i < record.length ? record[i] : '');
        return { line: context.lines, name: at(index.name), mac: at(index.mac), deviceType: at(index.deviceType), pool: at(index.pool), profile: at(index.profile), lsc: at(index.lsc) };
      },
    });
  } catch (error) {
    const e = error as Error & { lines?: number };
    diagnostics.error({ file: shown, ...(e.lines !== undefined && { line: e.lines }) }, `not readable as CSV (${e.message}): no phone was imported from it`);
    return { records: 0, rows: [], columns: {} };
  }
  if (!index) {
    diagnostics.error({ file: shown }, 'the file is empty: no phone was imported from it');
    return { records: 0, rows: [], columns: {} };
  }
  if (index.name < 0 && index.mac < 0) {
    diagnostics.error({ file: shown, line: 1 }, `no "Device Name" column in the header (found: ${headers.slice(0, 8).join(', ')}${headers.length > 8 ? ', …' : ''}): no phone was imported from it`);
    return { records: records.length, rows: [], columns: {} };
  }
  if (index.deviceType < 0) diagnostics.error({ file: shown, line: 1 }, 'no "Device Type" (or "Product") column in the header: phone models are unknown, no phone was imported from it');
  if (index.pool < 0) diagnostics.warning({ file: shown, line: 1 }, 'no "Device Pool" column: every phone is put in one pool named "(no pool)"');
  if (index.deviceType < 0) return { records: records.length, rows: [], columns: {} };

  for (const r of records as { line: number; name: string; mac: string; deviceType: string; pool: string; profile: string; lsc: string }[]) {
    const where = { file: shown, line: r.line };
    const name = r.name || (r.mac && /^[0-9A-F]{12}$/i.test(r.mac) ? `SEP${r.mac}` : '');
    if (!name) {
      diagnostics.error(where, 'no device name: row not imported');
      continue;
    }
    if (!PHONE_NAME.test(name)) {
      diagnostics.warning(where, `'${name}' is not a phone name (SEP + 12 hex digits; softphones, profiles and gateways are not simulated): row not imported`);
      continue;
    }
    const upper = name.toUpperCase();
    const earlier = seen.get(upper);
    if (earlier !== undefined) {
      diagnostics.warning(where, `device ${upper} is already on line ${earlier}: this row is not imported`);
      continue;
    }
    seen.set(upper, r.line);
    if (!r.deviceType) {
      diagnostics.error(where, `${upper} has no device type: row not imported`);
      continue;
    }
    const row: PhoneRow = { line: r.line, name: upper, deviceType: r.deviceType, pool: r.pool || '(no pool)' };
    if (index.profile >= 0 && r.profile) row.profile = r.profile;
    if (index.lsc >= 0) {
      const lsc = lscStatus(r.lsc);
      if (lsc === undefined) diagnostics.warning(where, `LSC status '${r.lsc}' is not one trustsim reads (Installed / None): taken as no LSC`);
      row.lsc = lsc ?? false;
    }
    rows.push(row);
  }
  return {
    records: records.length,
    rows,
    columns: { ...(index.profile >= 0 && { profile: headers[index.profile] }), ...(index.lsc >= 0 && { lsc: headers[index.lsc] }) },
  };
}

function findColumns(header: string[]): Record<keyof typeof COLUMNS, number> {
  const keys = header.map(key);
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  return {
    name: find(COLUMNS.name),
    mac: find(COLUMNS.mac),
    deviceType: find(COLUMNS.deviceType),
    pool: find(COLUMNS.pool),
    profile: find(COLUMNS.profile),
    lsc: find(COLUMNS.lsc),
  };
}

/** An LSC status cell: installed or not; undefined for a value that says neither. */
export function lscStatus(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || /^(none|no|false|f|n\/a|not installed|no lsc|not present)$/.test(v)) return false;
  if (/^(installed|yes|true|t|valid|present|upgrade success|operation completed|success)$/.test(v)) return true;
  return undefined;
}

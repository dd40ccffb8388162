/**
 * The small file that says what a phone export does not: for each device pool, its CallManager group
 * (which is also the phones' TVS list [STOKENLESS] [SBULK]) and the TFTP servers DHCP option 150 gives
 * them; the mode of security profiles whose name does not say it; stand-in catalogue models for device
 * types trustsim does not know. `trustsim import --mapping-template <file>` writes one to fill in.
 *
 * Every entry keeps its line, so a pool no phone is in, a node the cluster does not have, or a mode
 * that does not exist is reported where it is written; the entry is then ignored and the rest goes on.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { knownPhoneModels } from '@trustsim/domain';
import type { SecurityProfile } from '@trustsim/scenarios';
import type { Diagnostics } from './diagnostics';

export interface PoolMapping {
  pool: string;
  line: number;
  callManagerGroup?: { names: string[]; line: number };
  tftp?: { names: string[]; line: number };
}

export interface Mapping {
  shown: string;
  /** By lower-case pool name (CUCM compares device pool names without case). */
  pools: Map<string, PoolMapping>;
  /** Lower-case profile name → mode. */
  securityProfiles: Map<string, SecurityProfile>;
  /** Lower-case device type → catalogue model. */
  models: Map<string, string>;
}

const MODES: readonly SecurityProfile[] = ['non-secure', 'authenticated', 'encrypted'];
const SECTIONS = ['pools', 'securityProfiles', 'models'];

export function emptyMapping(): Mapping {
  return { shown: '', pools: new Map(), securityProfiles: new Map(), models: new Map() };
}

export function readMapping(text: string, shown: string, diagnostics: Diagnostics): Mapping {
  const mapping: Mapping = { ...emptyMapping(), shown };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  for (const error of doc.errors) diagnostics.error({ file: shown, line: error.linePos?.[0].line ?? 1 }, `not valid YAML (${error.message.split('\n')[0]}): the mapping is not used`);
  if (doc.errors.length) return mapping;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return mapping;
  if (!isMap(root)) {
    diagnostics.error({ file: shown, line: lineOf(root as YamlNode) }, 'expected a mapping with pools, securityProfiles and models: the mapping is not used');
    return mapping;
  }
  for (const item of root.items as Pair<YamlNode, YamlNode>[]) {
    const section = String((item.key as { value?: unknown })?.value ?? '');
    const where = { file: shown, line: lineOf(item.key) };
    if (!SECTIONS.includes(section)) {
      diagnostics.warning(where, `unknown section '${section}' (expected ${SECTIONS.join(', ')}): ignored`);
      continue;
    }
    if (item.value === null || (isScalar(item.value) && item.value.value === null)) continue;
    if (!isMap(item.value)) {
      diagnostics.error(where, `${section} must map names to values: ignored`);
      continue;
    }
    for (const entry of item.value.items as Pair<YamlNode, YamlNode>[]) {
      const name = String((entry.key as { value?: unknown })?.value ?? '').trim();
      const at = { file: shown, line: lineOf(entry.key) };
      if (section === 'pools') readPool(name, entry.value, at, lineOf, mapping, diagnostics);
      else {
        const value = isScalar(entry.value) ? String(entry.value.value ?? '').trim() : '';
        if (section === 'securityProfiles') {
          if (MODES.includes(value as SecurityProfile)) mapping.securityProfiles.set(name.toLowerCase(), value as SecurityProfile);
          else diagnostics.error(at, `security profile '${name}': '${value}' is not a mode (expected ${MODES.join(', ')}): ignored`);
        } else if (knownPhoneModels().includes(value)) mapping.models.set(name.toLowerCase(), value);
        else diagnostics.error(at, `device type '${name}': '${value}' is not a model of trustsim's catalogue (${knownPhoneModels().join(', ')}): ignored`);
      }
    }
  }
  return mapping;
}

function readPool(name: string, value: YamlNode | null, at: { file: string; line: number }, lineOf: (n: YamlNode | null | undefined) => number, mapping: Mapping, diagnostics: Diagnostics): void {
  const pool: PoolMapping = { pool: name, line: at.line };
  if (value && isMap(value)) {
    for (const field of value.items as Pair<YamlNode, YamlNode>[]) {
      const fieldName = String((field.key as { value?: unknown })?.value ?? '');
      const line = lineOf(field.key);
      if (fieldName !== 'callManagerGroup' && fieldName !== 'tftp') {
        diagnostics.warning({ file: at.file, line }, `pool '${name}': unknown key '${fieldName}' (expected callManagerGroup, tftp): ignored`);
        continue;
      }
      const names = isSeq(field.value) ? field.value.items.map((n) => String((n as { value?: unknown }).value ?? '').trim()).filter(Boolean) : isScalar(field.value) ? [String(field.value.value ?? '').trim()].filter(Boolean) : [];
      if (names.length === 0) continue;
      pool[fieldName] = { names, line };
    }
  } else if (value && !(isScalar(value) && value.value === null)) {
    diagnostics.error(at, `pool '${name}' must be a mapping with callManagerGroup and tftp: ignored`);
    return;
  }
  if (mapping.pools.has(name.toLowerCase())) diagnostics.warning(at, `pool '${name}' is mapped twice: the later one counts`);
  mapping.pools.set(name.toLowerCase(), pool);
}

export interface TemplateInput {
  pools: { name: string; phones: number }[];
  /** Nodes running CallManager and TFTP, as the import found them. */
  callManagers: string[];
  tftpServers: string[];
  /** Security profile names whose mode the import had to assume. */
  unsettledProfiles: string[];
  /** Device types the catalogue does not know, with their row counts. */
  unknownDeviceTypes: { deviceType: string; phones: number }[];
}

/** A mapping file to fill in: every pool of the export, with the cluster's defaults written out. */
export function mappingTemplate(input: TemplateInput): string {
  const q = (s: string) => JSON.stringify(s);
  const list = (names: string[]) => `[${names.join(', ')}]`;
  const cmg = input.callManagers.slice(0, 3);
  const out = [
    '# trustsim import mapping: what a phone export does not say. Edit, then: trustsim import ... --mapping <this file>',
    '#',
    '# pools: each device pool\'s CallManager group (up to 3 nodes, in order; it is also the phones\' TVS list)',
    '#        and the TFTP servers DHCP option 150 gives its phones (in order).',
    `#        Nodes: CallManager ${list(input.callManagers)}, TFTP ${list(input.tftpServers)}.`,
    'pools:',
  ];
  for (const pool of input.pools) {
    out.push(`  ${q(pool.name)}:   # ${pool.phones} phone${pool.phones === 1 ? '' : 's'}`);
    out.push(`    callManagerGroup: ${list(cmg)}`);
    out.push(`    tftp: ${list(input.tftpServers)}`);
  }
  out.push('', '# securityProfiles: the mode of profiles whose name does not say it (non-secure | authenticated | encrypted).', 'securityProfiles:');
  if (input.unsettledProfiles.length === 0) out.push('  # (none: every profile name said its mode)');
  for (const profile of input.unsettledProfiles) out.push(`  ${q(profile)}: encrypted   # check the profile's Device Security Mode`);
  out.push('', `# models: device types trustsim's catalogue does not know → a catalogue model to rehearse them as`, `#         (${knownPhoneModels().join(', ')}). Leave one out and its phones are left out, and listed.`, 'models:');
  if (input.unknownDeviceTypes.length === 0) out.push('  # (none: every device type is in the catalogue)');
  for (const t of input.unknownDeviceTypes) out.push(`  # ${q(t.deviceType)}: CP-8845   # ${t.phones} phone${t.phones === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}

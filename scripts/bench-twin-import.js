#!/usr/bin/env node
// How long `trustsim import` takes for 40,000 phones from a BAT "Export Phones – All Details" CSV.
// A script, not a timed test (the machine is shared): `node scripts/build.js && node scripts/bench-twin-import.js [phones]`.
// Writes the CSV (the All Details header of the BAT guide, 80 columns a row) into a temporary folder, then
// times (1) libs/twin's importTwin + renderTwinScenario in this process and (2) the whole CLI in a fresh one.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const phones = Number(process.argv[2] ?? 40_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustsim-bench-import-'));

const header = [
  'Device Name', 'Description', 'Device Pool', 'Phone Button Template', 'CSS', 'AAR CSS', 'Location', 'Extension Mobility', 'Network Locale',
  'Media Resource Group List', 'User Hold MOH Audio Source', 'Network Hold MOH Audio Source', 'Device User Locale', 'Packet Capture Mode',
  'Packet Capture Duration', 'Built in Bridge', 'Privacy', 'Retry Video Call as Audio', 'Ignore Presentation Indicators', 'Softkey Template',
  'Module 1', 'Module 2', 'Phone Load Name', 'Module 1 Load Name', 'Module 2 Load Name', 'Information', 'Directory', 'Messages', 'Services',
  'Authentication Server', 'Proxy Server', 'Idle', 'Idle Timer', 'MLPP Indication', 'MLPP Preemption', 'MLPP Domain', 'Device Type', 'User ID 1',
  'Common Phone Profile', 'Owner User ID', 'Allow CTI Control Flag', 'Device Presence Group', 'Device Security Profile', 'Device Subscribe CSS',
  'Unattended Port', 'Require DTMF Reception', 'RFC2833 Disabled', 'Certificate Operation', 'Authentication String', 'Operation Completes By',
  'Device Protocol', 'Secure Shell User', 'Secure Shell Password', 'XML', 'Dial Rules', 'CSS Reroute', 'Rerouting Calling Search Space',
  'DTMF Signalling', 'Default DTMF Capability', 'SIP Profile', 'MTP Preferred Originating Codec', 'Logout Profile', 'MTP Required', 'Digest User',
  'Directory Number 1', 'Route Partition 1', 'Voice Mail Profile 1', 'Line CSS 1', 'AAR Group(Line) 1', 'Auto Answer 1', 'Forward All Voice Mail 1',
  'Forward All Destination 1', 'Forward All CSS 1', 'Line Text Label 1', 'External Phone Number Mask 1', 'Maximum Number of Calls 1', 'Busy Trigger 1',
  'Line Description 1', 'Alerting Name 1', 'ASCII Alerting Name 1',
];
const types = [['Cisco 8845', 'Cisco 8845 - Standard SIP Non-Secure Profile'], ['Cisco 8865', 'Cisco 8865 - Standard SIP Secure Profile'], ['Cisco 7965', 'Cisco 7965 - Standard SCCP Non-Secure Profile'], ['Cisco 8851', 'Cisco 8851 - Standard SIP Non-Secure Profile']];
const lines = [header.join(',')];
for (let i = 0; i < phones; i++) {
  const [type, profile] = types[i % types.length];
  const row = header.map(() => '');
  row[0] = `SEP${(0x00a000000000 + i).toString(16).toUpperCase().padStart(12, '0')}`;
  row[1] = `"Desk ${i}, floor ${i % 40}"`;
  row[2] = `Pool-${String(i % 40).padStart(2, '0')}`;
  row[36] = type;
  row[42] = profile;
  row[47] = 'No Pending Operation';
  row[50] = type.endsWith('7965') ? 'SCCP' : 'SIP';
  row[64] = String(10000 + i);
  lines.push(row.join(','));
}
const csv = path.join(dir, 'phones.csv');
fs.writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
const trustFiles = path.join(root, 'examples/twin/trust-files');
const certificates = path.join(root, 'examples/twin/certificates');
const sizeMb = (fs.statSync(csv).size / 1e6).toFixed(1);

const { importTwin, renderTwinScenario } = require(path.join(root, 'dist/libs/twin/src'));
const t0 = process.hrtime.bigint();
const { twin } = importTwin({ trustFiles, certificates, phones: csv });
const t1 = process.hrtime.bigint();
const text = renderTwinScenario(twin, { sources: twin.sources, tool: 'trustsim import' });
const t2 = process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

const out = path.join(dir, 'twin.yaml');
const c0 = process.hrtime.bigint();
execFileSync(process.execPath, [path.join(root, 'bin/trustsim.js'), 'import', '--trust-files', trustFiles, '--certificates', certificates, '--phones', csv, '--out', out], { stdio: ['ignore', 'ignore', 'ignore'] });
const c1 = process.hrtime.bigint();

console.log(`${phones} phones, CSV ${sizeMb} MB (${header.length} columns), ${twin.cluster.phones.length} groups, ${twin.phones.imported} imported`);
console.log(`  importTwin (read trust files, certificates, CSV; group):  ${ms(t0, t1).toFixed(0)} ms`);
console.log(`  renderTwinScenario (${(text.length / 1e6).toFixed(1)} MB of YAML):             ${ms(t1, t2).toFixed(0)} ms`);
console.log(`  trustsim import, whole CLI in a new process (incl. validation of the twin): ${ms(c0, c1).toFixed(0)} ms`);
if (process.env.KEEP) console.log(dir); else fs.rmSync(dir, { recursive: true, force: true });

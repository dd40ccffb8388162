/**
 * Issue 20 item 7: the events a scenario may count are documented (docs/events.md), and the documentation
 * cannot drift from the typed event unions. The catalogue's type already demands it at `npm run typecheck`;
 * these tests read the unions as the compiler does, and compare docs/events.md with what the catalogue makes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { EVENT_CATALOGUE, RECORDED_EVENT_TYPES, isRecordedEventType } from './event-catalogue';
import { eventsMarkdown } from './events-doc';

const ROOT = resolve(__dirname, '../../../..');

/** The aggregates' event unions: file and type alias. */
const UNIONS: readonly [string, string][] = [
  ['libs/domain/src/cluster/cluster-events.ts', 'ClusterEvent'],
  ['libs/domain/src/node/node-events.ts', 'NodeEvent'],
  ['libs/domain/src/tftp/tftp-events.ts', 'TftpEvent'],
  ['libs/domain/src/tvs/tvs-events.ts', 'TvsEvent'],
  ['libs/domain/src/phone/phone-events.ts', 'PhoneEvent'],
  ['libs/domain/src/clock/clock-events.ts', 'ClockEvent'],
  ['libs/domain/src/bulk/sftp-events.ts', 'SftpEvent'],
  ['libs/application/src/run/run-events.ts', 'RunEvent'],
];

/** Each event type of the unions with the field names of its data, read with the type checker. */
function unionsAsTheCompilerSeesThem(): Map<string, { file: string; fields: string[] | 'open' }> {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(
    UNIONS.map(([file]) => join(ROOT, file)),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const found = new Map<string, { file: string; fields: string[] | 'open' }>();
  for (const [file, alias] of UNIONS) {
    const source = program.getSourceFile(join(ROOT, file))!;
    const declaration = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === alias);
    expect(declaration).toBeDefined();
    const type = checker.getTypeAtLocation(declaration!.name);
    const members = type.isUnion() ? type.types : [type];
    for (const member of members) {
      const typeProperty = member.getProperty('type')!;
      const name = checker.getTypeOfSymbol(typeProperty);
      expect(name.isStringLiteral()).toBe(true);
      const data = checker.getTypeOfSymbol(member.getProperty('data')!);
      // An index signature (Record<string, …>) is open: its fields are documented from what is written there.
      const open = data.getStringIndexType() !== undefined && data.getProperties().length === 0;
      found.set((name as ts.StringLiteralType).value, { file, fields: open ? 'open' : data.getProperties().map((p) => p.name) });
    }
  }
  return found;
}

describe('the event catalogue (docs/events.md)', () => {
  const unions = unionsAsTheCompilerSeesThem();

  it('documents exactly the event types of the typed unions', () => {
    expect([...RECORDED_EVENT_TYPES].sort()).toEqual([...unions.keys()].sort());
  });

  it('documents exactly the fields of each event', () => {
    for (const [type, { fields }] of unions) {
      const documented = Object.keys(EVENT_CATALOGUE[type as keyof typeof EVENT_CATALOGUE].fields).sort();
      if (fields === 'open') continue; // PhoneSettled: checked against PhoneOutcome below
      expect({ type, fields: documented }).toEqual({ type, fields: [...fields].sort() });
    }
  });

  it("documents PhoneSettled with the fields of a phone's outcome (its data is an outcome without the name)", () => {
    const source = readFileSync(join(ROOT, 'libs/domain/src/phone/phone-outcome.ts'), 'utf8');
    const outcome = /export interface PhoneOutcome \{([\s\S]*?)\n\}/.exec(source)![1];
    const fields = [...outcome.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]).filter((f) => f !== 'name');
    expect(Object.keys(EVENT_CATALOGUE.PhoneSettled.fields).sort()).toEqual(fields.sort());
  });

  it('says for each when it is recorded, and names its stream by the file its union is in', () => {
    for (const [type, { file }] of unions) {
      const doc = EVENT_CATALOGUE[type as keyof typeof EVENT_CATALOGUE];
      expect(doc.when.length).toBeGreaterThan(10);
      // run-events.ts holds the run's own events: its stream, and the frames beside it (StepFrame).
      const stream = file.includes('run-events') ? (type === 'StepFrame' ? 'frames' : 'run') : file.includes('sftp-events') ? 'sftp' : /\/(\w+)-events\.ts$/.exec(file)![1];
      expect({ type, stream: doc.stream }).toEqual({ type, stream });
    }
  });

  it('docs/events.md is what the catalogue makes (regenerate: npm run build && node scripts/events-doc.js)', () => {
    expect(readFileSync(join(ROOT, 'docs/events.md'), 'utf8')).toEqual(eventsMarkdown());
  });

  it('tells an event type trustsim records from one it never does', () => {
    expect(isRecordedEventType('CertRegenerated')).toBe(true);
    expect(isRecordedEventType('CertificateRegenerated')).toBe(false);
    expect(isRecordedEventType('toString')).toBe(false);
  });
});

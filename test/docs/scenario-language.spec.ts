/**
 * docs/scenario-language.md is the reference of the language, so it must stay true and complete: every
 * example in it is a scenario that validates and runs with every expectation holding, and every step,
 * key, value and assumption the code has is described (language-drift.ts derives the lists from the
 * code, so a new one is named here the day it is added).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RunResult, RunScenarioCommand, simulatorValidationContext } from '@trustsim/application';
import { ASSUMPTIONS } from '@trustsim/domain';
import { CLI_FORMS, checkScenarioFile, eachMapping, formatIssues, readReference } from '@trustsim/scenarios';
import { EXIT } from '../../apps/cli/src/cli-context';
import { trustsimJsonSchema } from '../../apps/cli/src/commands/schema';
import { createTestApp } from '../../libs/application/src/test-support/test-app';
import { languageDrift, yamlBlocks, type DriftInputs } from './language-drift';

const ROOT = join(__dirname, '../..');
const REFERENCE = join(ROOT, 'docs/scenario-language.md');
const markdown = readFileSync(REFERENCE, 'utf8');

function inputsOf(text: string): DriftInputs {
  return {
    schema: trustsimJsonSchema(ROOT),
    reference: readReference(text),
    markdown: text,
    assumptions: Object.values(ASSUMPTIONS),
    cliCommands: CLI_FORMS,
    exitCodes: EXIT,
  };
}

function driftOf(text: string): string[] {
  return languageDrift(inputsOf(text));
}

describe('docs/scenario-language.md describes the whole language', () => {
  it('mentions every step, key, selector, expectation kind, value, assumption, CLI command and exit code the code has', () => {
    expect(driftOf(markdown)).toEqual([]);
  });

  it('names exactly what a reference without them would be missing', () => {
    const withoutEmcc = markdown.replace(/### `emcc`\n[\s\S]*?(?=\n### `proxyTftp`)/, '');
    const withoutKeyOrder = withoutEmcc.replace(/^\| `keyOrder` .*\n/m, '');
    const withoutAssumption = withoutKeyOrder.replace(/^\| `tvsCacheAcrossReset` .*\n/m, '');
    const withoutCommand = withoutAssumption.replace(/^\| `show ctl` .*\n/m, '');
    const drift = driftOf(withoutCommand);
    expect(drift).toEqual(
      expect.arrayContaining([
        'step `emcc` has no section of its own (a heading followed by <!-- schema: steps.emcc -->)',
        'steps.capf: key `keyOrder` is not described in section "`capf`" (<!-- schema: steps.capf -->)',
        'assumption `tvsCacheAcrossReset` has no row in the assumptions table',
        'cli command `show ctl` is not listed in the `cli` step\'s section',
      ]),
    );
    // `home` and `action` of emcc lose their section; `emcc`'s own values stay mentioned elsewhere only if they are.
    expect(drift.some((line) => line.startsWith('steps.emcc: key `home`'))).toBe(true);
  });

  it('names what the language gains before the reference does: a phone-group key, a value, an assumption', () => {
    const inputs = inputsOf(markdown);
    eachMapping(inputs.schema, (key, mapping) => {
      if (key === 'clusters.phones') mapping.properties.firmwareLoad = { type: 'array', items: { enum: ['sip88xx-14', 'sip78xx-14'] } };
    });
    const drift = languageDrift({ ...inputs, assumptions: [...inputs.assumptions, { name: 'phonesTakeRsa4096', values: [false, true], default: false }] });
    expect(drift).toEqual([
      'clusters.phones: key `firmwareLoad` is not described in section "Phone groups" (<!-- schema: clusters.phones -->)',
      'clusters.phones.firmwareLoad: value `sip88xx-14` is not mentioned anywhere in the reference',
      'clusters.phones.firmwareLoad: value `sip78xx-14` is not mentioned anywhere in the reference',
      'assumption `phonesTakeRsa4096` has no row in the assumptions table',
    ]);
  });
});

describe('every example of docs/scenario-language.md runs as written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-language-examples-'));
  const blocks = yamlBlocks(markdown);
  let app: INestApplicationContext;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('has examples', () => expect(blocks.length).toBeGreaterThan(20));

  it.each(blocks.map((b) => [b.line, b.text] as const))('the example at line %i validates and passes on a memory store', async (line, text) => {
    const file = join(dir, `example-line-${line}.yaml`);
    writeFileSync(file, text);
    const { issues } = checkScenarioFile(file, simulatorValidationContext());
    expect(formatIssues(issues)).toBe('');
    const result: RunResult = await app.get(CommandBus).execute(new RunScenarioCommand(file));
    const failed = result.expectations.filter((e) => !e.passed).map((e) => `${e.location}: ${e.description} — ${e.detail}`);
    expect(failed).toEqual([]);
    expect(result.passed).toBe(true);
  }, 60_000);
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CommandBus } from '@nestjs/cqrs';
import { OpenTrainingSession, StartTrainingCommand } from '@trustsim/application';
import { parseScenario } from '@trustsim/scenarios';
import { createTestApp, SCENARIOS } from '../../../libs/application/src/test-support/test-app';
import { runShell } from './shell';

describe('the training shell', () => {
  it('turns typed commands into steps, shows what a node serves, and saves a scenario that replays', async () => {
    const app = await createTestApp();
    const saved = join(mkdtempSync(join(tmpdir(), 'trustsim-shell-')), 'session.yaml');
    const out: string[] = [];
    const open: OpenTrainingSession = await app.get(CommandBus).execute(new StartTrainingCommand(join(SCENARIOS, 'regen-tvs-then-callmanager-11.5.yaml')));
    // The wrong order of the 11.5 scenario, typed by hand on both nodes: TVS and CallManager at once.
    const typed = ['set cert regen TVS', 'set cert regen CallManager', 'node sub1', 'set cert regen TVS', 'set cert regen CallManager', 'wait 5m', 'show itl', 'reset phones florr1', `save ${saved}`, 'quit'];
    await runShell(open.session, Readable.from(typed.map((l) => `${l}\n`)), (s) => out.push(s));
    await open.close();
    await app.close();
    const text = out.join("\n");
    expect(text).toMatch(/cli "set cert regen CallManager" on hq\/sub1 — trusted 0, degraded 0, locked 500/);
    expect(text).toMatch(/admin@hq\/sub1:0m> wait 5m\nwait 5m — trusted 0, degraded 0, locked 500/);
    expect(text).toMatch(/The ITL file was verified successfully/);
    // An unknown group is refused with the validator's message (not only echoed back), and nothing runs.
    expect(text).toMatch(/unknown phone group 'florr1' \(did you mean 'floor1'\?\)/);
    const replay = parseScenario(readFileSync(saved, 'utf8'), saved);
    expect(replay.steps.map((s) => s.kind)).toEqual(['cli', 'cli', 'cli', 'cli', 'wait']);
  }, 60_000);
});

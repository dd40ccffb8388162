import type { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Explanation } from '../explain/explain-phone';
import { ExplainPhoneQuery } from '../queries/run-queries';
import { createTestApp, runScenario, tally } from '../test-support/test-app';
import type { RunResult } from './rehearsal';

/**
 * Issue 14, end to end: outcomes that used to hang on a modelling constant, FN70613's CTL, key sizes per
 * phone model, full ITLs and the chapter's blanket statements — each through a library scenario, under
 * its default reading and the other.
 */
describe('fidelity: what Cisco documents, and what hangs on a reading (issue 14)', () => {
  let app: INestApplicationContext;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  const run = (file: string, assumptions: Record<string, string | boolean> = {}) => runScenario(app, file, { assumptions });
  const explain = (result: RunResult, phone: string): Promise<Explanation> => app.get(QueryBus).execute(new ExplainPhoneQuery(result.runId, phone));
  const first = (result: RunResult, status: string) => result.outcomes.find((o) => o.status === status)!.name;

  it('[chapter "Bulk Certificate Export"] [SCN] the procedure as written, with no waits, moves every phone; under a one-minute replication the first batch is degraded and explain names trustReplicationDelay', async () => {
    const asWritten = await run('migration/bulk-certificate-export-as-documented.yaml');
    expect(asWritten.passed).toBe(true);
    expect(asWritten.consulted).toContain('trustReplicationDelay');
    const slow = await run('migration/bulk-certificate-export-as-documented.yaml', { trustReplicationDelay: '1m' });
    expect(tally(slow, (o) => o.status)).toEqual({ degraded: 50, trusted: 150 });
    const why = await explain(slow, first(slow, 'degraded'));
    expect(why.lines.join('\n')).toMatch(/does not vouch for it yet — it was uploaded on another node of old and has not replicated to sub1/);
    expect(why.assumptions.join('\n')).toMatch(/assumption trustReplicationDelay = 1m; other readings: immediate, 30m/);
  }, 60_000);

  it('[chapter] a fixed pause instead of waiting for the automatic resets: the outcome hangs on automaticResetTiming, and explain says so', async () => {
    const prompt = await run('regen-tvs-fixed-wait-then-callmanager-11.5.yaml');
    expect(tally(prompt, (o) => o.status)).toEqual({ locked: 100 });
    expect((await explain(prompt, first(prompt, 'locked'))).assumptions.join('\n')).toMatch(/the phone met both changes at once — assumption automaticResetTiming = prompt \(the default\)/);
    const immediate = await run('regen-tvs-fixed-wait-then-callmanager-11.5.yaml', { automaticResetTiming: 'immediate' });
    expect(tally(immediate, (o) => o.status)).toEqual({ trusted: 100 });
  }, 60_000);

  it('[SFN] FN70613: CallManager regenerated and the CTL updated before the workaround leaves secure phones locked and unregistered; the workaround first keeps them; TAC 214231\'s reading would not', async () => {
    const wrong = await run('fn70613/regenerate-callmanager-before-workaround-11.5.yaml');
    expect(wrong.passed).toBe(true);
    expect(tally(wrong, (o) => `${o.status}/${o.ctl}/${o.registration}`)).toEqual({ 'locked/trust-list-update-failed/none': 40 });
    expect((await explain(wrong, first(wrong, 'locked'))).assumptions.join('\n')).toMatch(/assumption tvsVouchesForCtlSigners = false/);
    const right = await run('fn70613/workaround-before-regenerating-callmanager-11.5.yaml');
    expect(tally(right, (o) => `${o.status}/${o.registration}`)).toEqual({ 'trusted/secure': 40 });
    const otherReading = await run('fn70613/regenerate-callmanager-before-workaround-11.5.yaml', { tvsVouchesForCtlSigners: true });
    expect(tally(otherReading, (o) => o.status)).toEqual({ trusted: 40 });
  }, 60_000);

  it('[chapter] after a 4096-bit CallManager regeneration the phones that say they handle 2048 only stop registering, and so do unknown models by default', async () => {
    const stop = await run('key-sizes/callmanager-4096-which-phones-stop-14.yaml');
    expect(tally(stop, (o) => `${o.group}:${o.status}`)).toEqual({ 'desks:trusted': 40, 'legacy:unregistered': 20, 'lobby:unregistered': 10 });
    expect((await explain(stop, stop.outcomes.find((o) => o.group === 'lobby')!.name)).assumptions.join('\n')).toMatch(/unknownModelKeySizes = 2048-only/);
    const assumedCapable = await run('key-sizes/callmanager-4096-which-phones-stop-14.yaml', { unknownModelKeySizes: 'up-to-4096' });
    expect(tally(assumedCapable, (o) => `${o.group}:${o.status}`)).toEqual({ 'desks:trusted': 40, 'legacy:unregistered': 20, 'lobby:trusted': 10 });
  }, 60_000);

  it('[S125DEF] an ITL of more than 39 certificates: phones cannot load it and stop registering, with no manual delete to do; pruned Phone-SAST-trust keeps them', async () => {
    const full = await run('itl-size/phone-sast-trust-too-many-14.yaml');
    expect(tally(full, (o) => `${o.status}/${o.needsManualTrustListDelete}`)).toEqual({ 'unregistered/false': 20 });
    const why = await explain(full, first(full, 'unregistered'));
    expect(why.lines.join('\n')).toMatch(/phones cannot load it: ITLFile\.tlv has 40 certificates, more than 39/);
    expect(why.assumptions.join('\n')).toMatch(/assumption itlCarriesPhoneSastTrust = true/);
    expect(tally(await run('itl-size/phone-sast-trust-pruned-14.yaml'), (o) => o.status)).toEqual({ trusted: 20 });
    // The documented ITL (the default reading) never gets near the limit.
    expect(tally(await run('itl-size/phone-sast-trust-too-many-14.yaml', { itlCarriesPhoneSastTrust: false }), (o) => o.status)).toEqual({ trusted: 20 });
  }, 90_000);

  it('[chapter] where the chapter says otherwise, the run says so, with the reason; explain repeats it for the phone', async () => {
    const restore = await run('chapter/restore-backup-predating-callmanager-regeneration-11.5.yaml');
    expect(restore.chapterNotes).toEqual([expect.objectContaining({ id: 'restore-without-regenerated-certificates', groups: ['hq/floor1'], phones: 100 })]);
    expect((await explain(restore, restore.outcomes[0].name)).chapter.join('\n')).toMatch(/must manually unlock each phone.*TVS was not regenerated/);
    const order = await run('chapter/tvs-after-callmanager-without-waiting-14.yaml');
    expect(order.chapterNotes?.map((n) => n.id)).toEqual(['tftp-certificate-not-last']);
    // Where the chapter is right (TVS regenerated too: every phone locked), no note.
    expect((await run('restore-old-backup-after-regeneration-locks-11.5.yaml')).chapterNotes).toEqual([]);
  }, 60_000);
});

import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendFailedError, EventStore, MemoryEventStore, StreamAppend } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { loadValidScenario } from '../scenario-loader';
import { createTestApp, runScenario, SCENARIOS, tally } from '../test-support/test-app';
import { Rehearsal, RunResult, StepNotStoredError } from './rehearsal';

const statuses = (result: RunResult) => tally(result, (o) => `${o.group}:${o.status}`);

describe('rehearsals end to end: phones verify real signatures', () => {
  let app: INestApplicationContext;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('[chapter] ITLRecovery regenerated on 12.5 with reset localkey and two rounds: every phone trusts the new ITLRecovery', async () => {
    const result = await runScenario(app, 'itl-recovery-nonsecure.yaml');
    expect(statuses(result)).toEqual({ 'lobby:trusted': 500, 'legacy:trusted': 20 });
    expect(result.passed).toBe(true);
    expect(result.outcomes.find((o) => o.group === 'lobby')!.itlSigner).toEqual({ cluster: 'hq', node: 'pub', purpose: 'ITLRecovery', generation: 2 });
  }, 60_000);

  it('[chapter] skipping `utils itl reset localkey` locks every Security-by-Default phone', async () => {
    const result = await runScenario(app, 'itl-recovery-without-reset-localkey.yaml');
    expect(statuses(result)).toEqual({ 'lobby:locked': 500, 'legacy:trusted': 20 });
  }, 60_000);

  it('[SREGEN] [§16.2] under the TAC reading (TVS vouches for its own ITLRecovery) one round is enough', async () => {
    const result = await runScenario(app, 'itl-recovery-without-reset-localkey.yaml', { assumptions: { tvsVouchesForOwnItlRecovery: true } });
    expect(statuses(result)).toEqual({ 'lobby:trusted': 500, 'legacy:trusted': 20 });
  }, 60_000);

  it('[SREGEN] CallManager and TVS regenerated together on 11.5 lock every phone', async () => {
    const result = await runScenario(app, 'regen-callmanager-and-tvs-together-11.5.yaml');
    expect(statuses(result)).toEqual({ 'floor1:locked': 300, 'floor2:locked': 200 });
    expect(result.passed).toBe(true);
    const failed = result.eventLog!.find((e) => e.type === 'TrustListUpdateFailed')!.data as { tvs: { outcome: string }[] };
    expect(failed.tvs.every((t) => t.outcome === 'handshake-failed')).toBe(true);
  }, 60_000);

  it('[chapter] TVS first, phones settled, then CallManager on 11.5: every phone trusted', async () => {
    const result = await runScenario(app, 'regen-tvs-then-callmanager-11.5.yaml');
    expect(statuses(result)).toEqual({ 'floor1:trusted': 300, 'floor2:trusted': 200 });
    expect(result.passed).toBe(true);
  }, 60_000);

  it('[SREL14] [S125DEF] reactions: a CallManager regeneration rebuilds that node\'s ITL, and Phone Interaction on Certificate Update resets the phones with that cause', async () => {
    const result = await runScenario(app, 'regen-tvs-then-callmanager-11.5.yaml');
    const log = result.eventLog!;
    const rebuilt = log.filter((e) => e.type === 'ItlResigned' && (e.data as { certificateUpdate?: string }).certificateUpdate === 'CallManager');
    // One rebuild per TFTP node whose own CallManager was regenerated (the step regenerates it on every node).
    expect(rebuilt.map((e) => (e.data as { node: string }).node).sort()).toEqual(['pub', 'sub1']);
    const waves = log.filter((e) => e.type === 'AutomaticResetsScheduled').map((e) => (e.data as { cause: string }).cause);
    expect(waves).toEqual(['automatic reset after TVS certificate update', 'automatic reset after CallManager certificate update']);
    const causes = new Set(log.filter((e) => e.type === 'PhoneReset').map((e) => (e.data as { cause: string }).cause));
    expect([...causes]).toEqual(['automatic reset after TVS certificate update', 'automatic reset after CallManager certificate update']);
  }, 60_000);

  it('[SREL14] with Phone Interaction on Certificate Update = manual the same regenerations schedule no wave and reset no phone', async () => {
    const result = await runScenario(app, 'phone-interaction-manual-14.yaml');
    const types = result.eventLog!.map((e) => e.type);
    expect(types).toContain('CertRegenerated');
    expect(types).toContain('ItlResigned');
    expect(types).not.toContain('AutomaticResetsScheduled');
  }, 60_000);

  it('[chapter] same-name root in tomcat-trust: the later validity start replaces, the earlier is refused, and it replicates', async () => {
    const result = await runScenario(app, 'upload-same-name-root.yaml');
    expect(result.expectations.map((e) => [e.description, e.passed])).toEqual(result.expectations.map((e) => [e.description, true]));
    expect(result.eventLog!.filter((e) => e.type === 'TrustReplicated')).toHaveLength(2);
  }, 60_000);

  it('[SBULK] [SINSW] migration, manual method: the old TVS vouches for what its Phone-SAST-trust holds', async () => {
    const done = await runScenario(app, 'migration/manual-phone-sast-trust.yaml');
    expect(statuses(done)).toEqual({ 'sales:trusted': 300 });
    expect(done.outcomes[0].registeredTo).toMatch(/^new\//);
    const wrong = await runScenario(app, 'migration/without-itlrecovery.yaml');
    expect(statuses(wrong)).toEqual({ 'sales:locked': 300 });
  }, 60_000);

  it('[chapter] [SBULK] migration with Bulk Certificate Management: trusted with the import, locked without it', async () => {
    const done = await runScenario(app, 'migration/bulk-certificates.yaml');
    expect(statuses(done)).toEqual({ 'floor3:trusted': 400, 'lobby:trusted': 10 });
    const wrong = await runScenario(app, 'migration/bulk-without-import.yaml');
    expect(statuses(wrong)).toEqual({ 'floor3:locked': 400 });
  }, 60_000);

  it('[SHOST] [SREGEN] the same hostname change locks phones on 11.5 and leaves them trusted on 12.5', async () => {
    expect(statuses(await runScenario(app, 'hostname-change-single-node-11.5.yaml'))).toEqual({ 'branch:locked': 80 });
    expect(statuses(await runScenario(app, 'hostname-change-single-node-12.5.yaml'))).toEqual({ 'branch:trusted': 80 });
  }, 60_000);

  it('never writes a private key into the event log', async () => {
    const result = await runScenario(app, 'regen-tvs-then-callmanager-11.5.yaml');
    const text = JSON.stringify(result.eventLog);
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toMatch(/MIIE[A-Za-z0-9+/]{2}QIBADANBgkqhkiG9w0BAQEFAASC/); // PKCS#8 RSA key, base64
  }, 60_000);
});

describe('determinism', () => {
  it('the same file and seed give the same event log byte for byte, each run with an empty key cache', async () => {
    const hashes: string[] = [];
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await createTestApp(); // a fresh working directory: empty key cache
      const result = await runScenario(app, 'regen-tvs-then-callmanager-11.5.yaml');
      await app.close();
      hashes.push(createHash('sha256').update(JSON.stringify(result.eventLog)).digest('hex'));
      runIds.push(result.runId);
    }
    expect(runIds[0]).not.toBe(runIds[1]);
    expect(hashes[0]).toBe(hashes[1]);
  }, 120_000);
});

describe('a failed append', () => {
  it('stops the run at that step and says so; the earlier steps stay stored', async () => {
    const memory = new MemoryEventStore();
    let appends = 0;
    // A store whose fourth append (step 2 of the scenario) fails, as a full disk would.
    const failing: EventStore = Object.assign(Object.create(memory) as EventStore, {
      append: (batch: StreamAppend[]) => (++appends === 4 ? Promise.reject(new AppendFailedError('disk full')) : memory.append(batch)),
    });
    const scenario = loadValidScenario(join(SCENARIOS, 'regen-tvs-then-callmanager-11.5.yaml'));
    const rehearsal = new Rehearsal(scenario, {
      store: failing,
      keys: new KeyPool({ seed: scenario.seed, cacheDir: mkdtempSync(join(tmpdir(), 'trustsim-keys-')) }),
    });
    // Appends: the run's start, install, step 1, then step 2 fails.
    const error = await rehearsal.run().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StepNotStoredError);
    expect((error as Error).message).toMatch(/step 2 .*could not be stored \(disk full\); nothing of that step was stored/);
    const stored = [];
    for await (const e of memory.readAll()) stored.push(e);
    const steps = stored.filter((e) => e.type === 'StepCompleted').map((e) => (e.data as { step: unknown }).step);
    expect(steps).toEqual(['install', 0]);
    expect(stored[0].type).toBe('RunStarted');
  }, 60_000);
});

describe('a long wait', () => {
  it('[issue 13] stores its background work in bounded batches as it goes; the step still ends with its StepCompleted and run and log agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustsim-wait-'));
    const file = join(dir, 'long-wait.yaml');
    writeFileSync(
      file,
      ['scenario: long-wait', 'seed: 2', 'clusters:', '  hq:', '    version: "14SU2"', '    nodes:', '      - { name: pub, role: publisher, services: [callmanager, tftp, tvs, capf] }', '    phones:', '      - { group: desk, count: 2, model: CP-8845 }', 'steps:', '  - wait: 400d', ''].join('\n'),
    );
    const memory = new MemoryEventStore();
    const sizes: number[] = [];
    const counting: EventStore = Object.assign(Object.create(memory) as EventStore, {
      append: (batch: StreamAppend[]) => {
        sizes.push(batch.reduce((n, b) => n + b.events.length, 0));
        return memory.append(batch);
      },
    });
    const scenario = loadValidScenario(file);
    const result = await new Rehearsal(scenario, { store: counting, keys: new KeyPool({ seed: 2, cacheDir: join(dir, 'keys') }), streamBatch: 100 }).run();
    const stored = [];
    for await (const e of memory.readAll()) stored.push(e);
    // Appends: the run's start, install, the wait in batches of about 100, the end.
    expect(sizes.length).toBeGreaterThan(6);
    expect(Math.max(...sizes.slice(2, -1))).toBeLessThan(120);
    const ends = stored.map((e, i) => (e.type === 'StepCompleted' ? i : -1)).filter((i) => i >= 0);
    const waitEntry = stored[ends[1]].data as { step: unknown; events: number };
    expect(waitEntry.step).toBe(0);
    expect(waitEntry.events).toBe(ends[1] - ends[0]);
    expect(stored.length).toBe(result.events);
  }, 60_000);
});

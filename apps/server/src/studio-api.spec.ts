import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario } from '@trustsim/scenarios';
import { simulatorValidationContext } from '@trustsim/application';
import { startStudioFixture, StudioFixture, TOGETHER as TOGETHER_FILE, TVS_FIRST } from './test-support/studio-fixture';

/*
 * The studio's API through Nest's testing module and real HTTP on loopback: the library, validation,
 * runs and their state after each step (folded from the store), explanations, trust files, forks,
 * progress as server-sent events, training sessions, and the security rules of the issue.
 */

let studio: StudioFixture;
beforeAll(async () => {
  studio = await startStudioFixture();
}, 60_000);
afterAll(() => studio?.close());

async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) {
  const response = await fetch(`${studio.base}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** A request with a Host header of our choosing (fetch does not let one set it). */
function withHost(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${studio.base}${path}`);
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

const together = () => readFileSync(join(studio.library, TOGETHER_FILE), 'utf8');

describe('studio API: the library and validation', () => {
  it('GET /api/scenarios lists every scenario with its validation status; an invalid one with its problems located', async () => {
    const { status, json } = await call('/api/scenarios');
    expect(status).toBe(200);
    const byPath = Object.fromEntries(json.scenarios.map((s: { path: string }) => [s.path, s]));
    expect(byPath[TOGETHER_FILE]).toMatchObject({ valid: true, phones: 500, steps: 3 });
    expect(byPath[`eleven/${TVS_FIRST}`]).toMatchObject({ valid: true });
    expect(byPath['typo.yaml'].valid).toBe(false);
    expect(byPath['typo.yaml'].issues[0]).toMatchObject({ file: 'typo.yaml', line: 10, field: expect.stringContaining('batchsize') });
    // The symbolic link to a file outside the library is not listed.
    expect(byPath['link.yaml']).toBeUndefined();
  });

  it('POST /api/scenarios/validate: 200 for a valid file; 400 with each problem at file:line:column, from JSON or text/yaml', async () => {
    const ok = await call('/api/scenarios/validate', { body: { yaml: together(), name: 'mine.yaml' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ valid: true, scenario: 'regen-callmanager-and-tvs-together-11.5', phones: 500, steps: 3 });

    const bad = await call('/api/scenarios/validate', { body: { yaml: together().replace('purpose: TVS', 'purpose: TVSS'), name: 'mine.yaml' } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0]).toMatchObject({ file: 'mine.yaml', line: 17, field: 'steps[0].regenerate.purpose', location: expect.stringMatching(/^mine\.yaml:17:\d+$/) });

    const asYaml = await call('/api/scenarios/validate?name=typed.yaml', { raw: 'scenario: x\nclusters: {}\nsteps:\n  - wat: 1\n', headers: { 'Content-Type': 'text/yaml' } });
    expect(asYaml.status).toBe(400);
    expect(asYaml.json.issues.map((i: { location: string }) => i.location).join(' ')).toMatch(/typed\.yaml:\d+:\d+/);
  });

  it('a body that is not what the API takes is a 400 naming the field', async () => {
    const { status, json } = await call('/api/runs', { body: { path: TOGETHER_FILE, seed: 'eleven' } });
    expect(status).toBe(400);
    expect(json.issues).toEqual([expect.objectContaining({ field: 'seed' })]);
    const both = await call('/api/runs', { body: { path: TOGETHER_FILE, yaml: 'x' } });
    expect(both.status).toBe(400);
  });
});

describe('studio API: a run, its state after each step, and its reads', () => {
  let runId: string;
  beforeAll(async () => {
    const { status, json } = await call('/api/runs', { body: { path: TOGETHER_FILE, wait: true } });
    expect(status).toBe(201);
    expect(json).toMatchObject({ status: 'completed', passed: true });
    runId = json.run_id;
  }, 120_000);

  it('GET /api/runs/:id is the versioned run report, rebuilt from the store', async () => {
    const { status, json } = await call(`/api/runs/${runId}`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ format_version: 1, passed: true, run: { id: runId, scenario: 'regen-callmanager-and-tvs-together-11.5' }, summary: { phones: 500, counts: { locked: 500 } } });
    expect((await call('/api/runs')).json.map((r: { runId: string }) => r.runId)).toContain(runId);
  });

  it('GET /api/runs/:id/state: every phone\'s status and every group\'s counts after each step, one character per phone', async () => {
    const order = (await call(`/api/runs/${runId}/phones`)).json;
    expect(order.phones).toHaveLength(500);
    expect(order.groups.map((g: { group: string; count: number }) => [g.group, g.count])).toEqual([['floor1', 300], ['floor2', 200]]);
    const at = async (step: string) => (await call(`/api/runs/${runId}/state${step ? `?at=${step}` : ''}`)).json;
    // Installed: all trusted; TVS regenerated: degraded; CallManager too: locked (the run's own timeline says the same).
    expect((await at('0')).statuses).toBe('t'.repeat(500));
    expect((await at('1')).statuses).toBe('d'.repeat(500));
    const locked = await at('2');
    expect(locked.statuses).toBe('l'.repeat(500));
    expect(locked.entry.text).toMatch(/regenerate CallManager/);
    expect(locked.groups[0].counts).toMatchObject({ locked: 300, trusted: 0 });
    expect(locked.codes.l).toBe('locked');
    const end = await at('');
    expect(end).toMatchObject({ at: null, entry: { step: 'settle' }, frame: 4, frames: 5 });
    const beyond = await call(`/api/runs/${runId}/state?at=9`);
    expect(beyond.status).toBe(400);
    expect(beyond.json.message).toMatch(/has no step 9/);
    expect((await call(`/api/runs/${runId}/state?at=two`)).status).toBe(400);
  });

  it('GET /api/runs/:id/outline: clusters, nodes and services, groups with their TFTP and TVS, the timeline and assumptions', async () => {
    const { json } = await call(`/api/runs/${runId}/outline`);
    expect(json.setup.clusters[0].nodes.map((n: { name: string }) => n.name)).toEqual(['pub', 'sub1']);
    expect(json.setup.clusters[0].phones[0]).toMatchObject({ group: 'floor1', tftp: ['pub', 'sub1'], callManagerGroup: ['sub1', 'pub'] });
    expect(json.timeline.map((t: { counts: { locked: number } }) => t.counts.locked)).toEqual([0, 0, 500, 500, 500]);
    expect(json.source).toEqual({ kind: 'library', path: TOGETHER_FILE });
    expect(json.assumptions_in_force.map((a: { name: string }) => a.name)).toContain('tvsVouchesForOwnItlRecovery');
  });

  it('GET /api/runs/:id/phones/:name: a locked phone reads the TVS handshake failure', async () => {
    const name = (await call(`/api/runs/${runId}/phones`)).json.phones[0];
    const { status, json } = await call(`/api/runs/${runId}/phones/${name}`);
    expect(status).toBe(200);
    expect(json.status).toBe('locked');
    expect(json.lines.join('\n')).toMatch(/TLS handshake failed/);
    expect((await call(`/api/runs/${runId}/phones/${name}?at=0`)).json.status).toBe('trusted');
    expect((await call(`/api/runs/${runId}/phones/SEP000000000000`)).status).toBe(404);
  });

  it('GET /api/runs/:id/trust-files/:cluster/:node: the ITL bytes and records as the node served them at a step', async () => {
    const before = (await call(`/api/runs/${runId}/trust-files/hq/pub?at=0`)).json.files[0];
    const after = (await call(`/api/runs/${runId}/trust-files/hq/pub?at=2`)).json.files[0];
    expect(before).toMatchObject({ file_name: 'ITLFile.tlv', kind: 'ITL', verified: true });
    expect(before.records.map((r: { role: string }) => r.role)).toEqual(expect.arrayContaining(['SAST', 'TFTP', 'TVS']));
    expect(Buffer.from(after.bytes_base64, 'base64')).toHaveLength(after.size);
    // Regenerating CallManager changed the signer's certificate: another serial after step 2.
    expect(after.signer.serial).not.toBe(before.signer.serial);
    expect((await call(`/api/runs/${runId}/trust-files/hq/nope`)).status).toBe(404);
  });

  it('a fork from step 1 with another remaining plan; the diff names the phones that differ; a fork that changes an earlier step is a 400', async () => {
    const other = together().replace('  - regenerate: { cluster: hq, nodes: all, purpose: CallManager }\n', '  - wait: 30m\n');
    const fork = await call('/api/runs', { body: { yaml: other, name: 'other.yaml', fork: { run: runId, step: 1 }, wait: true } });
    expect(fork.status).toBe(201);
    const state = (await call(`/api/runs/${fork.json.run_id}/state`)).json;
    expect(state.statuses).not.toContain('l');
    // Before the fork point, the fork's state is its source's.
    expect((await call(`/api/runs/${fork.json.run_id}/state?at=1`)).json.statuses).toBe('d'.repeat(500));
    const diff = (await call(`/api/runs/${runId}/diff/${fork.json.run_id}`)).json;
    expect(diff.changes.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(500);
    expect(diff.changes[0].from).toMatch(/^locked/);

    const mismatch = await call('/api/runs', { body: { yaml: together().replace('purpose: TVS }', 'purpose: tomcat }'), fork: { run: runId, step: 2 } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.message).toMatch(/step 1 .* differs/);
  }, 120_000);

  it('server-sent events: a run started without waiting ends with `completed`', async () => {
    const started = await call('/api/runs', { body: { path: `eleven/${TVS_FIRST}` } });
    expect(started.status).toBe(202);
    const response = await fetch(`${studio.base}/api/runs/${started.json.run_id}/events`);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    expect(text).toMatch(/event: completed\n(id: \d+\n)?data: \{"run_id":"[0-9a-f]{12}","passed":true\}/);
    // A run that has ended says so at once.
    expect(await (await fetch(`${studio.base}/api/runs/${started.json.run_id}/events`)).text()).toMatch(/event: completed/);
  }, 120_000);

  it('server-sent events: each step a training session stores, as it is stored', async () => {
    const open = await call('/api/training', { body: { path: TOGETHER_FILE } });
    const abort = new AbortController();
    const response = await fetch(`${studio.base}/api/runs/${open.json.run_id}/events`, { signal: abort.signal });
    const reader = response.body!.getReader();
    await call(`/api/training/${open.json.id}/commands`, { body: { line: 'set cert regen TVS' } });
    let text = '';
    while (!/event: step/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(text).toMatch(/event: step\n(id: \d+\n)?data: \{"run_id":"[0-9a-f]{12}","entry":\{"step":0,"kind":"cli","text":"cli \\"set cert regen TVS\\" on hq\/pub".*"degraded":500/);
    await call(`/api/training/${open.json.id}`, { method: 'DELETE' });
  }, 120_000);
});

describe('studio API: training', () => {
  it('a session types `utils itl reset localkey`, saves a valid scenario, and is compared with the model answer', async () => {
    const open = await call('/api/training', { body: { path: TOGETHER_FILE } });
    expect(open.status).toBe(201);
    const id = open.json.id;
    const reply = (await call(`/api/training/${id}/commands`, { body: { line: 'utils itl reset localkey' } })).json;
    expect(reply.entry).toMatchObject({ step: 0, text: expect.stringMatching(/utils itl reset localkey/) });
    // The session's run is readable like any other, after its step.
    expect((await call(`/api/runs/${open.json.run_id}/state?at=1`)).json.frames).toBe(2);
    const itl = (await call(`/api/training/${id}/commands`, { body: { line: 'show itl' } })).json;
    expect(itl.trust_files[0]).toMatchObject({ kind: 'ITL', verified: true });
    // `save` writes nothing on the server.
    expect((await call(`/api/training/${id}/commands`, { body: { line: 'save /tmp/x.yaml' } })).json.lines[0]).toMatch(/Save as scenario/);

    const saved = await fetch(`${studio.base}/api/training/${id}/scenario`);
    expect(saved.headers.get('content-disposition')).toMatch(/attachment; filename=".*-session\.yaml"/);
    const yaml = await saved.text();
    const check = checkScenario(yaml, 'saved.yaml', simulatorValidationContext());
    expect(check.issues).toEqual([]);
    expect(check.scenario!.steps.map((s) => s.text)).toEqual([expect.stringMatching(/utils itl reset localkey/)]);

    const compared = (await call(`/api/training/${id}/compare`, { method: 'POST' })).json;
    expect(compared.same).toBe(false);
    expect(compared.changes[0]).toMatchObject({ model: expect.stringMatching(/^locked/) });
    expect((await call(`/api/training/${id}/commands`, { body: { line: 'status' } })).status).toBe(409);
  }, 120_000);
});

describe('studio API: security', () => {
  it('no path reaches outside the library: .., absolute paths, links out, certificate files out', async () => {
    expect((await call('/api/scenarios/file?path=../outside/secret.yaml')).status).toBe(400);
    expect((await call(`/api/scenarios/file?path=${encodeURIComponent(join(studio.outside, 'secret.yaml'))}`)).status).toBe(400);
    expect((await call('/api/scenarios/file?path=link.yaml')).status).toBe(404);
    expect((await call('/api/runs', { body: { path: '../outside/secret.yaml' } })).status).toBe(400);
    const reads = await call('/api/runs', { body: { path: 'reads-outside.yaml' } });
    expect(reads.status).toBe(400);
    expect(reads.json.message).toMatch(/reads-outside\.yaml:\d+:\d+: certificate file "\.\.\/outside\/secret\.pem" is outside the scenario library/);
    const body = readFileSync(join(studio.library, 'reads-outside.yaml'), 'utf8').replace('../outside/secret.pem', '/etc/passwd');
    expect((await call('/api/runs', { body: { yaml: body } })).status).toBe(400);
    expect((await call('/api/training', { body: { path: '../outside/secret.yaml' } })).status).toBe(400);
  });

  it('uploads are limited: a scenario over 1 MiB and a certificate over 64 KiB are 413', async () => {
    const big = `${together()}\n#${'x'.repeat(1024 * 1024)}\n`;
    expect((await call('/api/scenarios/validate', { body: { yaml: big } })).status).toBe(413);
    expect((await call('/api/scenarios/validate', { raw: big, headers: { 'Content-Type': 'text/yaml' } })).status).toBe(413);
    const certificate = { name: 'big.pem', pem: 'A'.repeat(65 * 1024) };
    expect((await call('/api/runs', { body: { yaml: together(), certificates: [certificate] } })).status).toBe(413);
    expect((await call('/api/runs', { raw: JSON.stringify({ yaml: 'x'.repeat(5 * 1024 * 1024) }), headers: { 'Content-Type': 'application/json' } })).status).toBe(413);
  });

  it('loopback only answers requests addressed to loopback; no forms, no other origins; a strict CSP', async () => {
    expect(await withHost('/api/scenarios', 'evil.example:4180')).toBe(403);
    expect(await withHost('/api/scenarios', 'localhost:4180')).toBe(200);
    expect((await call('/api/runs', { raw: 'path=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(403);
    expect((await call('/api/runs', { body: { path: TOGETHER_FILE }, headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const page = await call('/');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('OpenAPI at /api/docs describes the API', async () => {
    const { json } = await call('/api/docs/openapi.json');
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(['/api/scenarios', '/api/scenarios/validate', '/api/runs', '/api/runs/{id}', '/api/runs/{id}/state', '/api/runs/{id}/phones/{name}', '/api/runs/{a}/diff/{b}', '/api/runs/{id}/trust-files/{cluster}/{node}', '/api/runs/{id}/events', '/api/training']));
    expect(json.paths['/api/runs'].post.requestBody.content['application/json'].schema.properties.fork).toBeDefined();
    const docs = await call('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger-ui/);
  });
});

describe('studio API: a token beyond loopback', () => {
  let guarded: StudioFixture;
  const token = 'a-long-enough-test-token';
  beforeAll(async () => {
    guarded = await startStudioFixture({ token });
  }, 60_000);
  afterAll(() => guarded?.close());

  it('every request needs the token: bearer, or the cookie the printed URL sets', async () => {
    expect((await fetch(`${guarded.base}/api/scenarios`)).status).toBe(401);
    expect((await fetch(`${guarded.base}/api/scenarios`, { headers: { Authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await fetch(`${guarded.base}/api/scenarios`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const opened = await fetch(`${guarded.base}/?token=${token}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(`${guarded.base}/api/scenarios`, { headers: { Cookie: cookie.split(';')[0] } })).status).toBe(200);
  });
});

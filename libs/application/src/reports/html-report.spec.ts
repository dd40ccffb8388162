import { toHtmlReport } from './html-report';
import { sampleRunResult, sampleWithTvsAnswers } from './test-support/sample-run-result';

const INJECTION = '<script>alert("pwned")</script>';

describe('the HTML report: one self-contained file', () => {
  const page = toHtmlReport(sampleRunResult());

  it('references no resource outside itself and runs no script', () => {
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(|\bsrc=|\bhref="(?!#)/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('escapes a <script> in the scenario title, and every other string the scenario writes', () => {
    const sample = sampleRunResult();
    sample.scenario = { ...sample.scenario, title: INJECTION, name: '<b>name</b>' };
    const outcomes = sample.outcomes.map((o) => ({ ...o, group: `<img src=x onerror=alert(1)>${o.group}`, explanation: o.explanation && [`${INJECTION} & more`] }));
    const timeline = sample.timeline.map((t) => ({ ...t, text: `<iframe>${t.text}` }));
    const expectations = sample.expectations.map((e) => ({ ...e, description: `<svg onload=x>${e.description}` }));
    const html = toHtmlReport({ ...sample, outcomes, timeline, expectations });
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload|<b>name/i);
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;</h1>');
    expect(html).toContain('<title>FAILED: &lt;script&gt;');
    expect(html).toContain('<div class="why">&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more</div>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;lobby');
  });

  it('has a header with title, scenario, seed, run id and a pass/fail badge', () => {
    expect(page).toContain('<h1>Regenerate CallManager &amp; TVS on &lt;hq&gt; — &quot;projector&quot; check</h1>');
    expect(page).toMatch(/scenario <b>sample-rollout<\/b> · seed <b>42<\/b> · run <b class="mono">a1b2c3d4e5f6<\/b>/);
    expect(page).toContain('<span class="badge fail">FAILED</span><span class="verdict-text">1 of 3 expectations failed</span>');
    expect(toHtmlReport(sampleRunResult({ passed: true, expectations: [] }))).toContain('<span class="badge pass">PASSED</span>');
    expect(toHtmlReport({ ...sampleRunResult(), completed: false })).toContain('<span class="badge incomplete">INCOMPLETE</span>');
  });

  it('shows the assumptions in force, flagging those changed from the default, with their sources', () => {
    expect(page).toContain('2 changed from the default');
    expect(page).toMatch(/<code>trustDeleteScope<\/code><\/td><td><b>node<\/b><\/td>\s*<td><span class="assumption-changed">changed<\/span> \(default cluster\), set on the command line/);
    expect(page).toContain('TAC 214231 [SREGEN] (§16.3)');
  });

  it('draws the timeline as an inline SVG with a bar per step and simulated-time labels', () => {
    const svg = page.slice(page.indexOf('<svg'), page.indexOf('</svg>'));
    expect(svg).toContain('role="img"');
    expect(svg.match(/<g><title>/g)).toHaveLength(7);
    for (const label of ['>0s<', '>6m<', '>1h 05m<', '>install<', '>settled<']) expect(svg).toContain(label);
    expect(svg).toContain('<title>5. regenerate TVS on hq/sub1 · 1h 05m: 5 trusted, 1 degraded, 2 locked, 3 unregistered, 1 off</title>');
  });

  it('has the timeline table, per-group tables and expectations with pass/fail', () => {
    expect(page).toContain('<td>4. waitFor all settled</td>');
    expect(page).toMatch(/<b>hq\/lobby<\/b><\/td><td class="nowrap">CP-8845<\/td><td class="num">6<\/td>/);
    expect(page).toContain('CallManager hq/pub gen 1 <span class="muted">× 3</span>');
    expect(page.match(/class="pill fail">FAIL</g)).toHaveLength(1);
    expect(page.match(/class="pill pass">PASS</g)).toHaveLength(2);
    expect(page).toContain('line 40, at the end');
    expect(page).toContain('line 30, after step 4');
  });

  it('has a "TVS answers" column per group: each answer with its phone count, escaped', () => {
    const groups = (page: string) => page.slice(page.indexOf('<section id="groups">'), page.indexOf('<section id="failing">'));
    const rows = groups(toHtmlReport(sampleWithTvsAnswers())).split('<tr>');
    expect(rows[1]).toContain('<th>ITL signer held</th><th>TVS answers</th><th class="num">manual ITL delete</th>');
    const cell = (group: string) => rows.find((r) => r.includes(`<b>hq/${group}</b>`))!.split('\n')[2];
    expect(cell('lobby')).toBe('<td class="small"><span class="nowrap">hq/sub1 vouched <span class="muted">× 3</span></span><br><span class="nowrap">hq/sub1 handshake-failed, hq/sub2 unreachable <span class="muted">× 2</span></span></td>');
    expect(cell('legacy')).toBe('<td class="small"><span class="muted">-</span></td>');
    expect(cell('floor2')).toBe('<td class="small"><span class="nowrap">hq/sub2 vouched <span class="muted">× 2</span></span><br><span class="nowrap">hq/sub1 vouched <span class="muted">× 1</span></span></td>');
    const sample = sampleRunResult();
    const hostile = toHtmlReport({ ...sample, outcomes: sample.outcomes.map((o) => ({ ...o, tvs: `${INJECTION}/sub1 vouched` })) });
    expect(groups(hostile)).not.toContain('<script');
    expect(groups(hostile)).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;/sub1 vouched <span class="muted">× 6</span>');
  });

  it('explains each failing phone, phones that failed alike shown once', () => {
    const failing = page.slice(page.indexOf('<section id="failing">'));
    expect(failing).toContain('SEP001122334413 SEP001122334414');
    expect(failing).toContain('<h3>hq/lobby <span class="muted">CP-8845</span>: 2 locked, 1 degraded</h3>');
    expect(failing.match(/<div class="why">/g)).toHaveLength(1);
    expect(failing).toContain('\n      offered ITLSEP.tlv signed by CallManager hq/pub gen 2');
    expect(failing).toContain('\nlocked: delete the ITL on the phone (Settings &gt; Security &gt; Trust List), or roll back &quot;CallManager&quot;</div>');
    expect(failing).toContain('No explanation recorded for these phones.');
    expect(toHtmlReport(sampleRunResult({ outcomes: sampleRunResult().outcomes.filter((o) => o.status === 'trusted') }))).toContain('No phone is locked, unregistered or degraded.');
  });
});

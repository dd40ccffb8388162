import { citedTags, PhoneStatus, sourceDocument, TRUST_MODEL_DOC } from '@trustsim/domain';
import { STATUSES } from '../engine/phone-fleet';
import { AssumptionInForce } from './assumptions-in-force';
import { timelineChart } from './html-chart';
import { Html, html, trusted } from './html-escape';
import { CSS, STATUS_STYLE } from './html-style';
import { ReportInput } from './report-input';
import { FAILING_STATUSES, ReportExpectation, ReportGroup, ReportPhone, RunReport, RunReportOptions, signerLabel, StatusCounts, toRunReport } from './run-report';

/*
 * `--report html`: one self-contained file a trainer can mail around or open on a projector. Inline
 * CSS and inline SVG only. There is no script, font or image to fetch, and a Content-Security-Policy
 * of `default-src 'none'` makes the browser enforce that. Every string from the scenario goes through the
 * escaping `html` tag. Rendered from the JSON document, so it never says something the JSON does not.
 */

export function toHtmlReport(result: ReportInput, options?: RunReportOptions): string {
  return runReportToHtml(toRunReport(result, { ...options, includePhones: false }));
}

export function runReportToHtml(report: RunReport): string {
  const run = report.run;
  const heading = run.title ?? run.scenario;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${report.tool.name} ${report.tool.version}">
<title>${verdictWord(report)}: ${heading}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
${header(report)}
<main>
${expectationsSection(report)}
<section id="timeline">
<h2>Timeline</h2>
${legend()}
<div class="chart">${timelineChart(report.timeline)}</div>
${timelineTable(report)}
${refusalsBlock(report)}
</section>
${groupsSection(report.groups)}
${failingSection(report)}
${chapterSection(report)}
${assumptionsSection(report.assumptions)}
${sourcesSection(report)}
</main>
<footer>${report.tool.name} ${report.tool.version} · report format ${report.format_version} · ${report.figures.events} events · ${report.figures.phone_boots} phone boots · ${report.figures.trust_list_verifications} trust-list signature checks</footer>
</body>
</html>
`;
  return page.value;
}

function verdictWord(report: RunReport): string {
  if (!report.run.completed) return 'INCOMPLETE';
  return report.passed ? 'PASSED' : 'FAILED';
}

function header(report: RunReport): Html {
  const run = report.run;
  const { expectations, expectations_failed: failed } = report.summary;
  const word = verdictWord(report);
  const verdict = !run.completed
    ? `stopped after step ${(run.stopped_after_step ?? -1) + 1}: expectations after it were not checked`
    : expectations === 0
      ? 'the scenario states no expectation'
      : failed === 0
        ? `${expectations} of ${expectations} expectations hold`
        : `${failed} of ${expectations} expectation${expectations === 1 ? '' : 's'} failed`;
  return html`<header>
<div class="verdict"><span class="badge ${word === 'PASSED' ? 'pass' : word === 'FAILED' ? 'fail' : 'incomplete'}">${word}</span><span class="verdict-text">${verdict}</span></div>
<h1>${run.title ?? run.scenario}</h1>
<p class="meta">scenario <b>${run.scenario}</b> · seed <b>${run.seed}</b> · run <b class="mono">${run.id}</b> · <b>${report.summary.phones}</b> phones · clock starts <b>${run.start}</b></p>
<p class="meta small">file <code>${run.file}</code></p>
${report.twin ? html`<p class="meta twin">${report.twin.note} <span class="small">(imported ${report.twin.imported_at})</span></p>` : ''}
${assumptionsLine(report.assumptions)}
${tiles(report.summary.counts)}
</header>`;
}

/** The final count per status, large: the first thing a room reads. */
function tiles(counts: StatusCounts): Html {
  return html`<div class="tiles">${STATUSES.map((s) => {
    const n = counts[s];
    const style = STATUS_STYLE[s];
    return n > 0
      ? html`<div class="tile hit" style="background:${style.fill};color:${style.ink}"><div class="n">${n}</div><div class="l">${s}</div></div>`
      : html`<div class="tile zero"><div class="n">0</div><div class="l">${s}</div></div>`;
  })}</div>`;
}

/**
 * The outcome rests on the assumptions, so the header names the changed ones; the full table with
 * sources closes the page, where it does not push the story below the fold.
 */
function assumptionsLine(assumptions: readonly AssumptionInForce[]): Html {
  const changed = assumptions.filter((a) => a.differs_from_default);
  return html`<p class="meta assumptions">assumptions: ${
    changed.length === 0
      ? html`<b>all at their defaults</b>`
      : changed.map((a, i) => html`${i > 0 ? ', ' : ''}<b class="assumption-changed">${a.name} = ${String(a.value)}</b>`)
  } <span class="small">(see <a href="#assumptions">Assumptions in force</a>)</span></p>`;
}

/** Where the chapter's blanket statement and the simulation disagree: both, so the plan covers both. */
function chapterSection(report: RunReport): Html {
  const notes = report.chapter_says_otherwise ?? [];
  if (!notes.length) return html``;
  const items = notes.map((n) => html`<li><p><b>${n.id}</b> <span class="muted small">${n.groups.join(', ')} · ${n.phones} phones</span></p><p>The chapter: ${n.chapter}</p><p>The simulation: ${n.simulation}</p></li>`);
  return html`<section id="chapter-says-otherwise">
<h2>The chapter says otherwise</h2>
<ul>${items}</ul>
</section>`;
}

function assumptionsSection(assumptions: readonly AssumptionInForce[]): Html {
  const changed = assumptions.filter((a) => a.differs_from_default).length;
  const origin = { default: 'default', scenario: 'set in the scenario', 'command-line': 'set on the command line' };
  const rows = assumptions.map(
    (a) => html`<tr><td><code>${a.name}</code></td><td><b>${String(a.value)}</b></td>
<td>${a.differs_from_default ? html`<span class="assumption-changed">changed</span> (default ${String(a.default)}), ${origin[a.origin]}` : a.origin === 'default' ? html`<span class="muted">default</span>` : html`default, ${origin[a.origin]}`}</td>
<td class="small muted">${a.sources}</td></tr>`,
  );
  return html`<section id="assumptions">
<h2>Assumptions in force <span class="muted small">${changed === 0 ? 'all at their defaults' : `${changed} changed from the default`}</span></h2>
<p class="small muted">Where public documentation is silent or disagrees, the outcome rests on these readings.</p>
<table><thead><tr><th>assumption</th><th>value</th><th>reading</th><th>sources</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

/** What CUCM refused, under the timeline; the ones no expectation covered marked as warnings. */
function refusalsBlock(report: RunReport): Html {
  const refusals = report.refusals ?? [];
  if (refusals.length === 0) return html``;
  const rows = refusals.map(
    (r) => html`<tr class="${r.expected ? '' : 'failed'}"><td><span class="pill ${r.expected ? 'pass' : 'fail'}">${r.expected ? 'expected' : 'WARNING'}</span></td>
<td>${typeof r.step === 'number' ? `${r.step + 1}.` : r.step}</td><td>${r.node}</td><td>${r.action}</td><td>${r.reason}</td></tr>`,
  );
  return html`<h3 id="refusals">Refused by CUCM</h3>
<table><thead><tr><th></th><th>step</th><th>node</th><th>refused</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * What the tags in brackets stand for ([S125DEF], [chapter], …): every tag the page cites, with its
 * document. Addresses stay out (the page fetches and links nothing); the trust model has them.
 */
function sourcesSection(report: RunReport): Html {
  const texts = [
    ...report.expectations.flatMap((e) => [e.description, e.detail]),
    ...report.timeline.map((t) => t.label),
    ...report.failing_phones.phones.flatMap((p) => p.explanation ?? []),
    ...report.assumptions.map((a) => a.sources),
    ...(report.refusals ?? []).map((r) => r.reason),
  ];
  const rows = citedTags(texts.join('\n')).flatMap((tag) => {
    const source = sourceDocument(tag);
    return source ? [html`<tr><td><code>[${tag}]</code></td><td>${source.title}</td><td class="small">${source.release}</td><td class="small muted">${source.section}</td></tr>`] : [];
  });
  return html`<section id="sources">
<h2>Sources</h2>
<p class="small muted">Each rule the simulator applies names the public document it rests on, in brackets. ${TRUST_MODEL_DOC} in trustsim explains every rule and gives the address of every document.</p>
${rows.length ? html`<table><thead><tr><th>tag</th><th>document</th><th>release</th><th>section</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
</section>`;
}

function expectationsSection(report: RunReport): Html {
  if (report.expectations.length === 0) return html`<section id="expectations"><h2>Expectations</h2><p class="muted">The scenario states no expectation.</p></section>`;
  const rows = report.expectations.map(
    (e) => html`<tr class="${e.passed ? '' : 'failed'}"><td><span class="pill ${e.passed ? 'pass' : 'fail'}">${e.passed ? 'PASS' : 'FAIL'}</span></td>
<td>${e.description}</td><td>${e.detail}</td><td class="small">${where(report, e)}</td></tr>`,
  );
  return html`<section id="expectations">
<h2>Expectations</h2>
<table><thead><tr><th>result</th><th>expectation</th><th>found</th><th>where</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

/** "line 21, at the end": the file is in the header, so only the line is repeated here. */
function where(report: RunReport, e: ReportExpectation): string {
  const m = /:(\d+):\d+$/.exec(e.location);
  const place = m && e.location.startsWith(`${report.run.file}:`) ? `line ${m[1]}` : e.location;
  return `${place}, ${e.step === null ? 'at the end' : `after step ${e.step + 1}`}`;
}

function legend(): Html {
  return html`<div class="legend">${STATUSES.map((s) => html`<div>${chip(s)}<b>${s}</b><span class="muted">${STATUS_STYLE[s].meaning}</span></div>`)}</div>`;
}

function chip(s: PhoneStatus): Html {
  return html`<span class="chip" style="background:${STATUS_STYLE[s].fill}"></span>`;
}

/** Count cells: zero faded; a non-zero failing status as a pill in its colour, so problems jump out. */
function countCells(counts: StatusCounts): Html[] {
  return STATUSES.map((s) => {
    const n = counts[s];
    if (n === 0) return html`<td class="num zero">0</td>`;
    if (s === 'trusted' || s === 'off') return html`<td class="num">${n}</td>`;
    return html`<td class="num"><span class="count" style="background:${STATUS_STYLE[s].fill};color:${STATUS_STYLE[s].ink}">${n}</span></td>`;
  });
}

function statusHeads(): Html[] {
  return STATUSES.map((s) => html`<th class="num">${chip(s)}${s}</th>`);
}

function timelineTable(report: RunReport): Html {
  const rows = report.timeline.map((t) => html`<tr><td class="num">${t.at_label}</td><td>${t.label}</td>${countCells(t.counts)}<td class="num muted">${t.events}</td></tr>`);
  return html`<div class="scroll"><table><thead><tr><th class="num">time</th><th>step</th>${statusHeads()}<th class="num">events</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function groupsSection(groups: readonly ReportGroup[]): Html {
  const rows = groups.map(
    (g) => html`<tr><td><b>${g.cluster}/${g.group}</b></td><td class="nowrap">${g.model}</td><td class="num">${g.phones}</td>${countCells(g.counts)}
<td class="small">${g.itl_signers.map((s, i) => html`${i > 0 ? html`<br>` : ''}<span class="nowrap">${s.label}${g.itl_signers.length > 1 ? html` <span class="muted">× ${s.phones}</span>` : ''}</span>`)}</td>
<td class="small">${tvsAnswers(g)}</td>
<td class="num${g.needs_manual_itl_delete ? ' hit' : ' zero'}">${g.needs_manual_itl_delete}</td></tr>`,
  );
  return html`<section id="groups">
<h2>Outcomes per group</h2>
<div class="scroll"><table><thead><tr><th>group</th><th>model</th><th class="num">phones</th>${statusHeads()}<th>ITL signer held</th><th>TVS answers</th><th class="num">manual ITL delete</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

/** Which TVS vouched for what in the group, one answer a line with its phone count ("-" when no phone got one). */
function tvsAnswers(g: ReportGroup): Html {
  if (g.tvs.length === 0) return html`<span class="muted">-</span>`;
  return html`${g.tvs.map((t, i) => html`${i > 0 ? html`<br>` : ''}<span class="nowrap">${t.answer} <span class="muted">× ${t.phones}</span></span>`)}`;
}

function failingSection(report: RunReport): Html {
  const failing = report.failing_phones;
  if (failing.total === 0) {
    return html`<section id="failing"><h2>Failing phones</h2><p>No phone is ${either(failing.statuses)}.</p></section>`;
  }
  const groups = report.groups.filter((g) => g.failing > 0).map((g) => failingGroup(g, failing.phones.filter((p) => p.cluster === g.cluster && p.group === g.group && p.model === g.model)));
  return html`<section id="failing">
<h2>Failing phones <span class="muted small">${failing.total} ${failing.total === 1 ? 'phone' : 'phones'} ${either(failing.statuses)}; up to ${failing.per_group_limit} listed per group, worst first</span></h2>
${groups}
</section>`;
}

/**
 * Phones of a group that failed the same way are shown once, with their names and the shared
 * explanation. Explanation lines keep their own layout (a time column, indented details), as the
 * simulation writes them for the terminal, hence monospace and preserved whitespace.
 */
function failingGroup(g: ReportGroup, phones: readonly ReportPhone[]): Html {
  const summary = FAILING_STATUSES.filter((s) => g.counts[s] > 0).map((s) => `${g.counts[s]} ${s}`).join(', ');
  const blocks = new Map<string, { status: PhoneStatus; facts: string; explanation?: string[]; names: string[] }>();
  for (const p of phones) {
    const facts = factsOf(p);
    const key = JSON.stringify([p.status, facts, p.explanation ?? null]);
    const block = blocks.get(key) ?? { status: p.status, facts, explanation: p.explanation, names: [] };
    block.names.push(p.name);
    blocks.set(key, block);
  }
  return html`<h3>${g.cluster}/${g.group} <span class="muted">${g.model}</span>: ${summary}</h3>
${g.failing > g.failing_listed ? html`<p class="small muted">${g.failing_listed} of ${g.failing} listed.</p>` : ''}
${[...blocks.values()].map((b) => {
  const style = STATUS_STYLE[b.status];
  return html`<div class="explain" style="border-left-color:${style.fill}">
<p><span class="status" style="background:${style.fill};color:${style.ink}">${b.status}</span> <span class="phones mono">${b.names.join(' ')}</span></p>
<p class="small muted">${b.facts}</p>
${b.explanation ? html`<div class="why">${b.explanation.join('\n')}</div>` : html`<p class="small muted">No explanation recorded for ${b.names.length === 1 ? 'this phone' : 'these phones'}.</p>`}
</div>`;
})}`;
}

/** "locked, unregistered or degraded". */
function either(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function factsOf(p: ReportPhone): string {
  return [
    `ITL ${p.itl ?? 'none'}`,
    `config ${p.config ?? 'none'}`,
    `registration ${p.registration}${p.registered_to ? ` (${p.registered_to})` : ''}`,
    `holds ITL signed by ${signerLabel(p.itl_signer)}`,
    p.needs_manual_itl_delete ? 'needs a manual ITL delete' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

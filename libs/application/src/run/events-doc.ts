import { EVENT_CATALOGUE, EVENT_STREAMS, RECORDED_EVENT_TYPES, type EventStream } from './event-catalogue';

/** Where each stream is and what it is about (docs/architecture.md, "Aggregates and their streams"). */
const STREAMS: Readonly<Record<EventStream, { name: string; about: string }>> = {
  run: { name: 'run-<run>', about: 'the run itself: what was rehearsed, each step as it completed, each expectation as checked' },
  frames: { name: 'frames-<run>', about: "every phone's status after each step, recorded beside the aggregates' streams (a cache of their fold, which the fold itself never reads)" },
  cluster: { name: 'cluster-<run>.<cluster>', about: 'what holds for a whole cluster: release, security mode and CTL, parameters, backups, reset waves, the Certificate Expiry Monitor' },
  node: { name: 'node-<run>.<cluster>.<node>', about: "a node's identity certificates, trust stores, CSRs, services, power, network and platform CLI" },
  tftp: { name: 'tftp-<run>.<cluster>.<node>', about: 'the ITL and configuration files a TFTP node signs, and the tomcat certificate it offers' },
  tvs: { name: 'tvs-<run>.<cluster>.<node>', about: "what a node's Trust Verification Service vouches for" },
  phone: { name: 'phone-<run>.<phone>', about: "a phone's boots, decisions, registrations, CAPF operations and final outcome" },
  clock: { name: 'clock-<run>', about: 'background work on the simulated clock' },
  sftp: { name: 'sftp-<run>', about: 'the SFTP area Bulk Certificate Management shares between clusters' },
};

/**
 * docs/events.md: every event type a scenario may count with `expect: events:`, from the catalogue
 * (event-catalogue.ts). Regenerate with `node scripts/events-doc.js` after `npm run build`.
 */
export function eventsMarkdown(): string {
  const out: string[] = [
    '# Events a run records',
    '',
    '<!-- Generated from libs/application/src/run/event-catalogue.ts by `node scripts/events-doc.js` (after',
    '     `npm run build`). Do not edit: event-catalogue.spec.ts fails when this file, the catalogue and the',
    '     typed event unions disagree. -->',
    '',
    'Every change a rehearsal makes is an event in the run\'s log (docs/architecture.md). A scenario counts',
    'them with',
    '',
    '```yaml',
    'expect:',
    '  - events: { type: CertRegenerated, count: 2 }             # exactly 2',
    '  - events: { type: TrustListUpdateFailed, count: { atMost: 3 } }',
    '  - events: { type: CertificateUploadRejected }             # no count: at least one',
    '```',
    '',
    'The count covers the whole run up to the expectation (a fork counts the events of the run it continues',
    'too), on every stream. `validate` refuses a type that is not listed here (its count would always be 0)',
    'and `count: { atLeast: 0 }` (it always holds). `trustsim explain <run> <phone>` narrates a phone\'s',
    'events from a stored run.',
    '',
    `${RECORDED_EVENT_TYPES.length} event types, by stream:`,
    '',
    '| stream | stream name | events |',
    '| --- | --- | --- |',
  ];
  for (const stream of EVENT_STREAMS) {
    const types = RECORDED_EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].stream === stream);
    out.push(`| [${stream}](#${stream}) | \`${STREAMS[stream].name}\` | ${types.map((t) => `[${t}](#${t.toLowerCase()})`).join(', ')} |`);
  }
  for (const stream of EVENT_STREAMS) {
    out.push('', `## ${stream}`, '', `Stream \`${STREAMS[stream].name}\`: ${STREAMS[stream].about}.`);
    for (const type of RECORDED_EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].stream === stream)) {
      const doc = EVENT_CATALOGUE[type];
      out.push('', `### ${type}`, '', doc.when, '');
      const fields = Object.entries(doc.fields as Record<string, string>);
      if (fields.length === 0) out.push('No fields.');
      else for (const [field, meaning] of fields) out.push(`- \`${field}\`: ${meaning}`);
    }
  }
  return `${out.join('\n')}\n`;
}

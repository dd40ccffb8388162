import { ChapterNote, TrustListDecision, TrustListView, TvsAttempt } from '@trustsim/domain';
import type { Category } from '../engine/streams';
import type { RunView } from '../projections/run-view';
import { decidingAssumptions } from './deciding-assumptions';

/** One event of the run, as an explanation reads it: which aggregate recorded it, what, and when (epoch ms). */
export interface ExplainedEvent {
  category: Category;
  /** The aggregate's id within the run (`hq.pub`, `SEP…`, `hq`). */
  id: string;
  type: string;
  data: unknown;
  at: number;
}

export interface Explanation {
  phone: string;
  status: string;
  /** One line per decision, in order, with the simulated time. */
  lines: string[];
  /** The last line: why it ended as it did, and what to do. */
  verdict: string;
  /** The assumptions that decided its fate, one line each with the other readings (deciding-assumptions.ts). */
  assumptions: string[];
  /** Where the chapter's blanket statement disagrees with how this phone ended, and why (chapter-says-otherwise.ts). */
  chapter: string[];
}

type Data = Record<string, unknown>;

/**
 * The chain of decisions of one phone across a run, from its events and the run's certificates and
 * files: which file it was offered by which TFTP, who signed it, whether the signer was in what it held,
 * which TVS it asked and what that TVS answered, what it kept, and why it ended as it did.
 */
/**
 * The chain of decisions of one phone across a stored run, from its events and the run's certificates and
 * files (`view` is the run folded to its end): which file it was offered by which TFTP, who signed it,
 * whether the signer was in what it held, which TVS it asked and what that TVS answered, what it kept, and
 * why it ended as it did. `events` are the phone's and the cluster side's, in the order they happened.
 */
export function explainPhone(view: RunView, events: readonly ExplainedEvent[], name: string, start: number, notes: readonly ChapterNote[] = []): Explanation {
  const phone = view.phone(name);
  if (!phone) throw new RangeError(`no phone ${name} in this run (names look like ${view.phones[0]?.name ?? 'SEP…'})`);
  const outcome = view.outcome(name)!;
  const cert = (fp: unknown) => view.describeCertificate(fp);
  const lines: string[] = [];
  let held: TrustListView | undefined;
  for (const e of events) {
    const at = `${clock((e.at - start) / 1000)}`;
    const d = e.data as Data;
    if (e.category !== 'phone') {
      if (e.type === 'CertRegenerated') lines.push(`${at}  ${d.cluster}: ${d.purpose} regenerated on ${d.node} (generation ${d.generation})`);
      else if (e.type === 'ItlResigned' && d.cause !== 'tftp-started') lines.push(`${at}  ${d.cluster}/${d.node} TFTP now serves ${d.fileName} signed by ${cert((d.signer as Data).fingerprint)} (${d.cause})`);
      else if (e.type === 'CtlUpdated') lines.push(`${at}  ${e.id}: TFTP now serves ${d.fileName} signed by ${cert((d.signer as Data).fingerprint)} (${d.cause})`);
      else if (e.type === 'ProxyTftpConfigured') lines.push(`${at}  ${e.id}: its TFTP now proxies ${d.remote}'s files, signing their configurations itself [SPROXY]`);
      else if (e.type === 'ClusterUpgraded') lines.push(`${at}  ${e.id}: upgraded ${d.from} → ${d.to} (${d.method}); ${(d.effects as string[]).join(' ')}`);
      else if (e.type === 'TvsTrustLoaded' && e.id.split('.')[0] === phone.entry.facts.cluster) lines.push(`${at}  TVS ${e.id.replace('.', '/')} reloads what it vouches for (${d.cause})`);
      continue;
    }
    switch (e.type) {
      case 'PhoneProvisioned': {
        held = typeof d.itl === 'string' ? view.world.trustList(d.itl) : undefined;
        const tftp = (d.tftp as { node: string }[]).map((t) => t.node);
        lines.push(`${at}  provisioned in ${d.cluster}/${d.group} (${d.model}); DHCP option 150 → ${tftp.join(', ')}; CallManager group (= TVS list) ${(d.callManagerGroup as string[]).join(', ')}; trust at start: ${typeof d.trust === 'string' ? d.trust : `snapshot ${(d.trust as Data).snapshot}`}${held ? `, an ITL signed by ${cert(held.signerFingerprint)}` : ''}${servicesText(d.httpsServices)}`);
        break;
      }
      case 'PhoneReset': {
        const tftp = d.tftp as Data | null;
        lines.push(`${at}  reset (${d.cause})${tftp ? `: downloads its files from TFTP ${tftp.cluster}/${tftp.node}` : ': no TFTP server answers, it keeps everything it has'}`);
        break;
      }
      case 'ItlAccepted':
      case 'TrustListUpdateFailed': {
        const offered = view.world.trustList(String(d.file));
        lines.push(`        offered ${d.fileName} signed by ${cert(d.signer)}`);
        lines.push(...trustListReasoning(held, d, cert));
        if (e.type === 'ItlAccepted') {
          if (d.via !== 'unchanged') held = offered;
          lines.push(`        → installs it${d.via === 'unchanged' ? ' (the same file it holds)' : ''}`);
        } else {
          lines.push(`        → "Trust List Update Failed": keeps its old ITL${held ? ` (signed by ${cert(held.signerFingerprint)})` : ''}`);
        }
        break;
      }
      case 'CtlAccepted':
      case 'CtlUpdateFailed':
        lines.push(`        offered ${d.fileName} signed by ${cert(d.signer)}`);
        lines.push(...ctlReasoning(d, cert));
        lines.push(e.type === 'CtlAccepted' ? `        → installs it${d.via === 'unchanged' ? ' (the same file it holds)' : ''}` : '        → "Trust List Update Failed": keeps its old CTL');
        break;
      case 'CapfOperationSet':
        lines.push(`${at}  CAPF ${d.operation} set on its page (${d.authMode}); it is carried out at its next boot`);
        break;
      case 'LscInstalled':
        lines.push(`        CAPF ${d.cluster} issues its LSC (authenticated with ${d.authenticatedWith}; issuer ${d.issuer})`);
        break;
      case 'LscDeleted':
        lines.push(`        CAPF ${d.cluster} deletes its LSC`);
        break;
      case 'CapfOperationPending':
        lines.push(`        CAPF operation waiting: ${d.reason}`);
        break;
      case 'CapfOperationFailed':
        lines.push(`        CAPF ${d.operation} failed: ${d.detail ?? d.reason}`);
        break;
      case 'EmccLoggedIn':
        lines.push(`${at}  EMCC login: a ${d.home} user logs in; the phone restarts and takes ${d.home}'s files`);
        break;
      case 'EmccLoggedOut':
        lines.push(`${at}  EMCC logout: back to its own cluster's files`);
        break;
      case 'ConfigAccepted':
        lines.push(`        configuration signed by ${cert(d.signer)}: ${configVia(String(d.via))}${tvsText(d.tvs)} → applied`);
        break;
      case 'ConfigRejected':
        lines.push(`        configuration signed by ${cert(d.signer)}: the signer is not trusted${tvsText(d.tvs)} → refused, keeps its stale configuration`);
        break;
      case 'PhoneRegistered':
        lines.push(`        registers ${d.mode} with ${d.cluster}/${d.node}${servicesText(d.httpsServices)}`);
        break;
      case 'PhoneRegistrationFailed':
        lines.push(`        cannot register (${d.reason}${d.detail ? `: ${d.detail}` : ''})`);
        break;
      case 'TrustTakenFromSnapshot':
        if (typeof d.itl === 'string') held = view.world.trustList(d.itl);
        lines.push(`${at}  takes the trust lists of snapshot "${d.snapshot}" (what its TFTP served then)`);
        break;
      case 'PhonePoweredOn':
        lines.push(`${at}  powered on`);
        break;
      case 'DhcpOption150Changed':
        lines.push(`${at}  DHCP option 150 now points to ${(d.tftp as { cluster: string; node: string }[]).map((t) => `${t.cluster}/${t.node}`).join(', ')}`);
        break;
      case 'PhonePoweredOff':
        lines.push(`${at}  powered off`);
        break;
    }
  }
  return {
    phone: name,
    status: outcome.status,
    lines,
    verdict: verdict(view, name, outcome.status, outcome),
    assumptions: decidingAssumptions(view, events, name, view.nextResetDecision(name)),
    chapter: notes
      .filter((n) => n.groups.includes(`${phone.entry.facts.cluster}/${phone.entry.facts.group}`))
      .map((n) => `${n.id}: the chapter says ${n.chapter}; the simulation: ${n.simulation}`),
  };
}

function trustListReasoning(held: TrustListView | undefined, d: Data, cert: (fp: unknown) => string): string[] {
  const via = String(d.via ?? '');
  if (via === 'first-use') return ['        it holds no ITL: it trusts the first one it receives [S125DEF]'];
  if (via === 'unchanged') return [];
  if (via === 'rollback-itl') return ['        it holds the empty rollback ITL: it accepts any new ITL [S125DEF]'];
  if (via === 'held-sast') return [`        the signer is a SAST certificate of the ITL it holds [S125DEF]`];
  if (d.reason === 'bad-signature') return [`        the signature does not verify: ${d.detail ?? 'bad signature'}`];
  if (d.reason === 'too-large') return [`        phones cannot load it: ${d.detail} [S125DEF]`];
  const sast = held ? [...held.roles].filter(([, r]) => r.has('SAST')).map(([fp]) => cert(fp)) : [];
  return [
    `        the signer is not a SAST certificate of the ITL it holds (its SAST certificates: ${sast.join(', ') || 'none'}) nor of a CTL it holds, so it asks TVS [S125DEF]`,
    ...tvsLines(d.tvs as TvsAttempt[] | undefined, cert),
  ];
}

function ctlReasoning(d: Data, cert: (fp: unknown) => string): string[] {
  const via = String(d.via ?? '');
  if (via === 'first-use') return ['        it holds no CTL: it installs the first one it receives [SBOOK] [SGK]'];
  if (via === 'unchanged') return [];
  if (via === 'held-sast') return ['        the signer is a SAST certificate of the CTL it holds [S125CTL]'];
  if (d.reason === 'bad-signature') return [`        the signature does not verify: ${d.detail ?? 'bad signature'}`];
  if (d.detail && !d.tvs) return [`        ${d.detail}`];
  return ['        the signer is not a SAST certificate of the CTL it holds, so it asks TVS [SSECMIG] [STOKENLESS]', ...tvsLines(d.tvs as TvsAttempt[] | undefined, cert)];
}

function tvsLines(tvs: TvsAttempt[] | undefined, cert: (fp: unknown) => string): string[] {
  if (!tvs || tvs.length === 0) return ['        it has no TVS server to ask (no configuration naming a CallManager group)'];
  return tvs.map((t) => {
    const server = `TVS ${t.cluster}/${t.node}`;
    switch (t.outcome) {
      case 'unreachable':
        return `        ${server}: no answer (node off or TVS stopped); tries the next [STVSSVC]`;
      case 'handshake-failed':
        return `        ${server}: TLS handshake failed — it presents ${t.presented ? cert(t.presented) : 'a TVS certificate'}, which is not a TVS record of the ITL the phone holds [SSECMIG] [SBULK]`;
      case 'vouched':
        return t.cachedUntil
          ? `        ${server} vouched for it earlier (roles ${(t.roles ?? []).join(', ')}); the phone's cached answer holds until ${t.cachedUntil} [SSECMIG logs]`
          : `        ${server}: vouches for it (roles ${(t.roles ?? []).join(', ')}) [SCN]; the phone keeps the answer for 24 hours [SSECMIG logs]`;
      case 'refused':
        return t.awaitingReplication
          ? `        ${server}: does not vouch for it yet — it was uploaded on another node of ${t.cluster} and has not replicated to ${t.node} [SCN] (assumption trustReplicationDelay)`
          : `        ${server}: does not vouch for it (roles: ${(t.roles ?? []).join(', ') || 'none'}) [SCN]`;
    }
  });
}

/** What the phone found when it reached its HTTPS services after registering (phone-boot.ts reachServices). */
function servicesText(services: unknown): string {
  if (services === 'working') return '; its HTTPS services work';
  if (services === 'broken') return '; its HTTPS services fail: no TVS it can reach vouches for their tomcat certificate';
  return '';
}

function tvsText(tvs: unknown): string {
  const attempts = tvs as TvsAttempt[] | undefined;
  if (!attempts?.length) return '';
  return ` (TVS: ${attempts.map((t) => `${t.node} ${t.outcome}${t.cachedUntil ? ` — cached answer until ${t.cachedUntil}` : ''}`).join(', ')})`;
}

function configVia(via: string): string {
  if (via === 'unsigned') return 'no TFTP certificate to check against, it takes the unsigned file';
  if (via === 'held-tftp') return 'the signer holds the CCM+TFTP role in its ITL';
  if (via === 'tvs') return 'TVS vouches for the signer';
  return via;
}

function verdict(view: RunView, name: string, status: string, outcome: { ctl?: string }): string {
  const decision: TrustListDecision | undefined = view.nextResetDecision(name);
  const phone = view.phone(name);
  switch (status) {
    case 'locked': {
      if (outcome.ctl === 'trust-list-update-failed') {
        return 'locked: its next reset would refuse the CTL its TFTP serves — its signer is not a SAST of the CTL it holds and no TVS vouches for it (a device without Security by Default cannot ask TVS at all). Delete the CTL on the phone, or run `utils ctl update CTLFile` on the cluster it trusts after putting the new signer in its Phone-SAST-trust.';
      }
      const tvs = decision && !decision.accepted ? (decision.tvs ?? []) : [];
      const why = !tvs.length
        ? 'nothing it holds vouches for the signer of the served ITL'
        : tvs.every((t) => t.outcome === 'unreachable')
          ? 'none of the TVS servers its configuration names answers (their cluster is off or TVS is stopped)'
          : tvs.every((t) => t.outcome === 'handshake-failed' || t.outcome === 'unreachable')
            ? 'no TVS it can reach presents a certificate its ITL holds, so the TVS handshake fails'
            : 'no TVS vouches for the new signer';
      return `locked: its next reset would refuse the ITL its TFTP serves — ${why}. Delete the ITL on the phone (Settings › Security › Trust List), or restore the cluster-side certificates it trusts (a DRS backup), or re-sign with a key it holds (utils itl reset localkey, when it still trusts the CallManager key).`;
    }
    case 'trusted':
      return 'trusted: it holds the ITL its TFTP serves, applied the current configuration and is registered.';
    case 'degraded':
      return 'degraded: registered, but with a stale ITL or configuration; its next reset would bring it up to date.';
    case 'unregistered': {
      const reg = phone?.state.registration;
      if (reg && !reg.registered && reg.reason === 'secure-registration-refused') return `unregistered: its ${phone!.entry.facts.securityProfile} profile needs a secure registration — ${reg.detail}`;
      return 'unregistered: no CallManager of its configuration accepts its registration.';
    }
    default:
      return `${status}.`;
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 120) return `${s}s`.padEnd(6);
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`.padEnd(6);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}`.padEnd(6);
}

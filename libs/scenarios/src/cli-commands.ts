/**
 * The platform CLI commands a `cli` step may type (docs/scenario-language.md), recognised word by word.
 * Keywords are matched ignoring case, as the CUCM CLI does; arguments keep their spelling.
 */
import type { CertificatePurpose } from './model';
import { canonicalServiceName, ALL_SERVICE_NAMES } from './services';
import { PURPOSES } from './vocabulary';
import { didYouMean } from './did-you-mean';

export type CliCommand =
  | { kind: 'itl-reset-localkey' }
  | { kind: 'itl-reset-remotekey'; host: string; user: string; file: string }
  | { kind: 'file-get-itlrecovery' }
  | { kind: 'ctl-reset-localkey' }
  | { kind: 'ctl-update-ctlfile' }
  | { kind: 'ctl-set-cluster'; mode: 'mixed-mode' | 'non-secure-mode' }
  | { kind: 'cert-regen'; purpose: CertificatePurpose }
  | { kind: 'set-hostname'; hostname: string }
  | { kind: 'set-ip'; address: string }
  | { kind: 'service-restart'; service: string }
  | { kind: 'authz-signing-key-regen' }
  | { kind: 'show-itl' }
  | { kind: 'show-ctl' }
  | { kind: 'show-cert-list'; which: 'own' | 'trust' };

export type CliParseResult = { ok: true; command: CliCommand } | { ok: false; message: string; expected: string };

export const CLI_FORMS: readonly string[] = [
  'utils itl reset localkey',
  'utils itl reset remotekey <host> <user> <file>',
  'file get tftp ITLRecovery.p12',
  'utils ctl reset localkey',
  'utils ctl update CTLFile',
  'utils ctl set-cluster mixed-mode',
  'utils ctl set-cluster non-secure-mode',
  'set cert regen <purpose>',
  'set network hostname <name>',
  'set network ip eth0 <address> <mask> <gateway>',
  'utils service restart <service>',
  'set key regen authz signing',
  'show itl',
  'show ctl',
  'show cert list own',
  'show cert list trust',
];

const FIXED: Record<string, CliCommand> = {
  'utils itl reset localkey': { kind: 'itl-reset-localkey' },
  'utils ctl reset localkey': { kind: 'ctl-reset-localkey' },
  'file get tftp itlrecovery.p12': { kind: 'file-get-itlrecovery' },
  'utils ctl update ctlfile': { kind: 'ctl-update-ctlfile' },
  'utils ctl set-cluster mixed-mode': { kind: 'ctl-set-cluster', mode: 'mixed-mode' },
  'utils ctl set-cluster non-secure-mode': { kind: 'ctl-set-cluster', mode: 'non-secure-mode' },
  'set key regen authz signing': { kind: 'authz-signing-key-regen' },
  'show itl': { kind: 'show-itl' },
  'show ctl': { kind: 'show-ctl' },
  'show cert list own': { kind: 'show-cert-list', which: 'own' },
  'show cert list trust': { kind: 'show-cert-list', which: 'trust' },
};

const HOSTNAME = /^[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function parseCliCommand(text: string): CliParseResult {
  const words = text.trim().split(/\s+/);
  const lower = words.map((w) => w.toLowerCase());
  const joined = lower.join(' ');
  const fail = (message: string, expected: string): CliParseResult => ({ ok: false, message, expected });
  const ok = (command: CliCommand): CliParseResult => ({ ok: true, command });

  if (FIXED[joined]) return ok(FIXED[joined]);

  if (joined.startsWith('utils itl reset remotekey')) {
    if (words.length !== 7) return fail(`'${text}' needs a host, a user and a file`, 'utils itl reset remotekey <host> <user> <file>');
    return ok({ kind: 'itl-reset-remotekey', host: words[4], user: words[5], file: words[6] });
  }
  if (joined.startsWith('set cert regen')) {
    const purpose = PURPOSES.find((p) => p.toLowerCase() === lower[3]);
    if (words.length !== 4 || !purpose) {
      return fail(`unknown certificate purpose in '${text}'${didYouMean(words[3] ?? '', PURPOSES)}`, `set cert regen <${PURPOSES.join(' | ')}>`);
    }
    return ok({ kind: 'cert-regen', purpose });
  }
  if (joined.startsWith('set network ip')) {
    const ipv4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
    if (words.length !== 7 || lower[3] !== 'eth0' || !ipv4.test(words[4]) || !ipv4.test(words[5]) || !ipv4.test(words[6])) {
      return fail(`'${text}' needs eth0, an address, a mask and a gateway`, 'set network ip eth0 <address> <mask> <gateway>');
    }
    return ok({ kind: 'set-ip', address: words[4] });
  }
  if (joined.startsWith('set network hostname')) {
    if (words.length !== 4 || !HOSTNAME.test(words[3])) return fail(`'${text}' needs one valid host name`, 'set network hostname <name>');
    return ok({ kind: 'set-hostname', hostname: words[3] });
  }
  if (joined.startsWith('utils service restart')) {
    const name = words.slice(3).join(' ');
    const service = canonicalServiceName(name);
    if (!service) return fail(`unknown service '${name}'${didYouMean(name, ALL_SERVICE_NAMES)}`, 'utils service restart <Cisco service name>');
    return ok({ kind: 'service-restart', service });
  }
  return fail(`unknown CLI command '${text}'${didYouMean(text, CLI_FORMS)}`, `one of: ${CLI_FORMS.join('; ')}`);
}

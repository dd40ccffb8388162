/**
 * One-line renderings of steps for timelines, e.g. `regenerate ITLRecovery on hq/pub`,
 * `cli "utils itl reset localkey" on hq/pub`, `resetPhones all (batches of 100 every 2m)`.
 */
import { formatDuration } from './durations';
import type { CertificateSource, StepBody } from './model';
import { describeNodes, describeSelector } from './selectors';

export function stepText(body: StepBody, at?: number): string {
  const text = bodyText(body);
  return at === undefined ? text : `at ${formatDuration(at)}: ${text}`;
}

function bodyText(step: StepBody): string {
  switch (step.kind) {
    case 'regenerate': {
      const options = [step.keyLength && `${step.keyLength}-bit`, step.hash].filter(Boolean).join(' ');
      return `regenerate ${step.purpose} on ${describeNodes(step.cluster, step.nodes)}${options ? ` (${options})` : ''}`;
    }
    case 'generateCsr':
      return `generateCsr ${step.purpose} on ${describeNodes(step.cluster, step.nodes)}${step.distribution === 'multi-server' ? ' (multi-server)' : ''}`;
    case 'uploadCertificate':
      return `uploadCertificate ${describeSource(step.certificate)} into ${step.store} on ${describeNodes(step.cluster, step.nodes)}`;
    case 'deleteCertificate':
      return `deleteCertificate "${step.commonName}" from ${step.store} on ${describeNodes(step.cluster, step.nodes)}`;
    case 'restartService':
      return `restartService ${step.service} on ${describeNodes(step.cluster, step.nodes)}`;
    case 'cli':
      return `cli "${step.command}" on ${describeNodes(step.cluster, step.nodes)}`;
    case 'setParameter':
      return `setParameter ${step.name} = ${String(step.value)} on ${step.cluster}`;
    case 'resetPhones': {
      const batches = step.batchSize !== undefined ? ` (batches of ${step.batchSize}${step.interval ? ` every ${formatDuration(step.interval)}` : ''})` : '';
      return `resetPhones ${describeSelector(step.phones)}${batches}`;
    }
    case 'power': {
      const target =
        step.phones !== undefined
          ? `phones ${describeSelector(step.phones)}`
          : step.nodes !== undefined
            ? describeNodes(step.cluster ?? '?', step.nodes)
            : `cluster ${step.cluster}`;
      return `power ${step.state} ${target}`;
    }
    case 'dhcp':
      return `dhcp ${describeSelector(step.phones)} tftp ${step.tftp.map((t) => `${t.cluster}/${t.node}`).join(', ')}`;
    case 'bulkCertificates':
      // The type (TFTP or All) is chosen at export; consolidate and import take what was exported.
      return step.action === 'export' ? `bulkCertificates export ${step.type} on ${step.cluster}` : `bulkCertificates ${step.action} on ${step.cluster}`;
    case 'capf':
      if (step.onboarding) return `secureOnboarding ${describeSelector(step.phones)} on ${step.cluster} (LSC by MIC)`;
      return `capf ${step.operation} ${describeSelector(step.phones)} on ${step.cluster} (${step.authMode})`;
    case 'backup':
      return `backup ${step.cluster} as "${step.name}"`;
    case 'restore':
      return `restore ${step.cluster} from "${step.backup}"`;
    case 'upgrade':
      return `upgrade ${step.cluster} to ${step.to} (${step.method})`;
    case 'snapshot':
      return `snapshot "${step.name}"`;
    case 'emcc':
      return `emcc ${step.action} ${describeSelector(step.phones)} ${step.action === 'login' ? 'to' : 'from'} home cluster ${step.home}`;
    case 'ctlClient':
      return `CTL client (USB eTokens) on ${step.cluster}`;
    case 'proxyTftp':
      return `proxyTftp on ${step.cluster} for ${step.remote}`;
    case 'tlsConnection':
      return `tlsConnection from ${step.peer} to ${describeNodes(step.cluster, step.nodes)} (OCSP ${step.ocsp})`;
    case 'wait':
      return `wait ${formatDuration(step.duration)}`;
    case 'waitFor':
      return `waitFor ${describeSelector(step.phones)} settled`;
    case 'expect':
      return `expect ${step.expectations.length} check${step.expectations.length === 1 ? '' : 's'}`;
    default: {
      const unknown: never = step;
      return String((unknown as { kind: string }).kind);
    }
  }
}

function describeSource(source: CertificateSource): string {
  if ('path' in source) return source.path;
  if ('from' in source) return `${source.from.purpose} of ${source.from.cluster}/${source.from.node}`;
  if ('signedBy' in source) return `the CSR signed by ${source.signedBy}`;
  if ('caCertificate' in source) return `the root of ${source.caCertificate}`;
  return `"${source.subject}"`;
}

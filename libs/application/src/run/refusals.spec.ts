import type { ExpectationResult } from './expectation-result';
import { refusalExpected, refusalOf, type Refusal } from './refusals';
import type { TimelineEntry } from './run-events';

const counts = { trusted: 0, degraded: 0, locked: 0, unregistered: 0, off: 0 };
const step = (n: number, kind: string): TimelineEntry => ({ step: n, kind, text: kind, at: 0, counts, events: 1 });
const upload: Refusal = { step: 0, node: 'hq/pub', event: 'CertificateUploadRejected', action: 'upload into tomcat-trust', reason: 'not a certificate' };
const expectation = (description: string, at?: number): ExpectationResult => ({ location: 's.yaml:9:5', ...(at === undefined ? {} : { step: at }), description, passed: true, detail: '' });

describe('refusals: what CUCM refused, and whether the plan expected it [issue 13]', () => {
  it('reads a refusal from each refusing event, with the node and reason', () => {
    expect(refusalOf({ type: 'CertRegenerationRefused', data: { purpose: 'CallManager', keyLength: 8192, hash: 'SHA256', reason: 'RSA keys are 2048, 3072 or 4096 bits' } }, 'hq/pub')).toEqual({
      node: 'hq/pub',
      event: 'CertRegenerationRefused',
      action: 'regenerate CallManager (8192 bits, SHA256)',
      reason: 'RSA keys are 2048, 3072 or 4096 bits',
    });
    expect(refusalOf({ type: 'CertificateUploaded', data: {} }, 'hq/pub')).toBeUndefined();
  });

  it('an `upload: rejected` in the expect steps right after the upload covers it; one after another step does not', () => {
    const timeline = [step(0, 'uploadCertificate'), step(1, 'expect'), step(2, 'expect'), step(3, 'wait'), step(4, 'expect')];
    expect(refusalExpected(upload, [expectation('upload rejected', 1)], timeline)).toBe(true);
    expect(refusalExpected(upload, [expectation('upload rejected', 2)], timeline)).toBe(true);
    expect(refusalExpected(upload, [expectation('upload rejected', 4)], timeline)).toBe(false);
    expect(refusalExpected(upload, [expectation('upload accepted', 1)], timeline)).toBe(false);
    expect(refusalExpected(upload, [], timeline)).toBe(false);
  });

  it('an `events:` expectation on the refusing event type covers any refusal of that type', () => {
    expect(refusalExpected({ ...upload, event: 'PlatformCommandFailed' }, [expectation('events PlatformCommandFailed: exactly 1')], [])).toBe(true);
    expect(refusalExpected({ ...upload, event: 'PlatformCommandFailed' }, [expectation('events CertRegenerationRefused: exactly 1')], [])).toBe(false);
  });
});

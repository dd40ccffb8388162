import { EXPIRY_MONITOR } from '../monitoring/expiry-monitor';
import { TVS_ANSWER_LIFETIME_MS } from '../tvs/tvs-cache';

/** A duration the simulator uses that a source documents: a rule, listed beside the assumptions but never varied. */
export interface TimingRule {
  name: string;
  /** What the duration is, in words. */
  rule: string;
  ms: number;
  source: string;
}

/**
 * Every documented duration that can decide an outcome (issue 14): the undocumented ones are assumptions
 * (timing-assumptions.ts). `--all-assumptions` lists these so an engineer sees what is fixed and why.
 */
export const TIMING_RULES: readonly TimingRule[] = [
  {
    name: 'tvsAnswerLifetime',
    rule: 'a phone keeps a positive TVS answer for 24 hours (tvs-cache.ts)',
    ms: TVS_ANSWER_LIFETIME_MS,
    source: 'the phone logs say it "expires in 24 hours" [SSECMIG logs]',
  },
  {
    name: 'certificateExpiryMonitor',
    rule: 'the Certificate Expiry Monitor runs every 24 hours, hourly once a certificate has expired or expires within a day (expiry-monitor.ts)',
    ms: EXPIRY_MONITOR.intervalMs,
    source: '[chapter "Certificate Monitoring Configuration"]',
  },
];

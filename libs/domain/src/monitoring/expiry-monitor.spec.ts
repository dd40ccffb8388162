import { EXPIRY_MONITOR, expiryWarnings, nextExpiryMonitorRun } from './expiry-monitor';

const DAY = 24 * 3600_000;
const now = Date.parse('2026-06-01T00:00:00Z');
const cert = (commonName: string, daysLeft: number) => ({ commonName, where: 'tomcat', notAfter: new Date(now + daysLeft * DAY) });

describe('the Cisco Certificate Expiry Monitor', () => {
  it('[chapter] runs every 24 hours, even with a certificate seven days from expiry', () => {
    expect(nextExpiryMonitorRun(now, [cert('pub', 400)])).toBe(now + EXPIRY_MONITOR.intervalMs);
    expect(nextExpiryMonitorRun(now, [cert('pub', 7)])).toBe(now + 24 * 3600_000);
  });

  it('[chapter] runs every hour once a certificate expires within one day or has expired', () => {
    expect(nextExpiryMonitorRun(now, [cert('pub', 400), cert('sub1', 0.5)])).toBe(now + 3600_000);
    expect(nextExpiryMonitorRun(now, [cert('old', -3)])).toBe(now + 3600_000);
  });

  it('[chapter] warns about expired certificates and those inside the notification window, not the others', () => {
    expect(expiryWarnings(now, [cert('far', 400), cert('soon', 10.5), cert('gone', -2)], 30)).toEqual([
      { commonName: 'soon', where: 'tomcat', state: 'expiring', daysLeft: 10 },
      { commonName: 'gone', where: 'tomcat', state: 'expired', daysLeft: -2 },
    ]);
  });
});

/**
 * A CallManager certificate with an RSA key over 2048 bits: "some phone models may fail to register";
 * the 3072/4096 support per model is in CURT's Unified CM Phone Feature List ("3072/4096 RSA key size
 * support") [chapter]. What the phone group says (`keySizes`), else the model catalogue, decides
 * (knownKeySizeSupport); the catalogue knows no model yet (§16.9): an unknown is a finding to verify, a
 * known "no" a risk. A rehearsal of the same cluster takes an unknown as "no" by default (assumption
 * unknownModelKeySizes).
 */
import { knownKeySizeSupport, phoneModel } from '@trustsim/domain';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';
import { reference } from './certificate-text';

export const callManagerKeySize: CheckRule = {
  id: 'callmanager-key-size',
  sources: ['chapter'],
  looksFor: 'CallManager keys over 2048 bits with phone models that may not support them',
  check(cluster: ClusterSnapshot): Finding[] {
    const findings: Finding[] = [];
    for (const cert of cluster.identities) {
      if (cert.purpose !== 'CallManager' || cert.keyType !== 'RSA' || (cert.keyLength ?? 0) <= 2048) continue;
      const groups = cluster.phoneGroups.filter((g) => g.callManagerGroup.includes(cert.node) || g.tftp.includes(cert.node));
      for (const support of ['no', 'unknown'] as const) {
        const affected = groups.filter(
          (g) => knownKeySizeSupport({ type: 'RSA', bits: cert.keyLength! }, { group: g.keySizes, model: phoneModel(g.model)?.rsaKeySizes ?? 'unknown', modelName: g.model }).answer === support,
        );
        if (affected.length === 0) continue;
        const models = [...new Set(affected.map((g) => g.model))].join(', ');
        findings.push({
          rule: this.id,
          severity: support === 'no' ? 'high' : 'medium',
          sources: [...this.sources],
          cluster: cluster.name,
          title: `${cluster.name}/${cert.node} CallManager is RSA ${cert.keyLength}: ${support === 'no' ? 'models that do not support it' : 'verify support'} (${models})`,
          detail:
            support === 'no'
              ? `Phone models without 3072/4096 RSA key size support may fail to register with it [chapter]; go back to 2048 bits for the CallManager certificate, or replace the phones.`
              : `"Some phone models may fail to register" with a CallManager key over 2048 bits [chapter]; trustsim's catalogue does not know these models' support: check "3072/4096 RSA key size support" in CURT's Unified CM Phone Feature List [chapter] and say so on the phone group (keySizes: [2048, 3072, 4096]). A rehearsal takes them as not supporting it (assumption unknownModelKeySizes).`,
          certificates: [reference(cert)],
          phones: { groups: affected.map((g) => `${cluster.name}/${g.group}`), count: affected.reduce((n, g) => n + g.count, 0) },
        });
      }
    }
    return findings;
  },
};

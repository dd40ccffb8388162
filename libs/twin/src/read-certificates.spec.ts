import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Diagnostics, formatDiagnostic } from './diagnostics';
import { pathHints, readCertificates } from './read-certificates';

const examples = join(__dirname, '../../../examples/twin/certificates');
const pem = (node: string, purpose: string) => readFileSync(join(examples, node, `${purpose}.pem`), 'utf8');

function folder(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-certs-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

describe('reading certificates downloaded from a cluster', () => {
  it('what a path says: purpose, trust store and node', () => {
    expect(pathHints({ folders: ['hq', 'pub'], name: 'CallManager.pem' })).toEqual({ purpose: 'CallManager', nodeHints: ['hq', 'pub'] });
    expect(pathHints({ folders: [], name: 'sub1-tomcat-ECDSA.der' })).toEqual({ purpose: 'tomcat-ECDSA', nodeHints: ['sub1'] });
    expect(pathHints({ folders: ['pub', 'tomcat-trust'], name: 'Corp_Root_CA.pem' })).toEqual({ store: 'tomcat-trust', nodeHints: ['pub'] });
    expect(pathHints({ folders: [], name: 'show-cert-own-ipsec.txt' })).toEqual({ purpose: 'ipsec', nodeHints: [] });
    expect(pathHints({ folders: ['certs'], name: 'Corp_Root_CA.pem' })).toEqual({ nodeHints: ['certs'] });
  });

  it('reads PEM (with text around and several blocks), DER, and show-cert output; skips keys and CSRs with a word; errors at the line', () => {
    const der = Buffer.from(pem('cucm-pub', 'tomcat').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const dir = folder({
      'pub/CallManager.pem': `Downloaded from OS Administration\n${pem('cucm-pub', 'CallManager')}`,
      'pub/tomcat.der': der,
      'sub1/chain-TVS.pem': `${pem('cucm-sub1', 'TVS')}${pem('cucm-sub1', 'ipsec')}`,
      'sub1/tomcat.pem': `-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n`,
      'sub1/ipsec.pem': '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n',
      'sub1/CAPF.pem': pem('cucm-pub', 'CAPF').slice(0, 300),
      'sub2/CallManager.txt': 'Serial Number: 1a:2b\nSignature Algorithm: sha256WithRSAEncryption\n',
      'bulk/export.p12': Buffer.from([0x30, 0x82, 0x01]),
    });
    const d = new Diagnostics();
    const read = readCertificates(dir, d);
    expect(read.map((c) => [c.shown.slice(dir.length + 1), c.line, c.purpose, c.facts.commonName])).toEqual([
      ['pub/CallManager.pem', 2, 'CallManager', 'cucm-pub'],
      ['pub/tomcat.der', undefined, 'tomcat', 'cucm-pub'],
      ['sub1/chain-TVS.pem', 1, 'TVS', 'cucm-sub1'],
      ['sub1/chain-TVS.pem', expect.any(Number), 'TVS', 'cucm-sub1'],
    ]);
    expect(d.items.map((i) => formatDiagnostic(i).slice(dir.length + 1))).toEqual([
      expect.stringMatching(/^bulk\/export\.p12: error: not read: a PKCS#12 file or archive .*\[SBULK\]/),
      'sub1/CAPF.pem:1: error: the CERTIFICATE block has no END line: the file is cut off',
      'sub1/ipsec.pem:1: warning: a certificate signing request, not a certificate: not read',
      'sub1/tomcat.pem:1: warning: a private key: not read — private keys stay on the cluster; the twin mints its own keys for the same identities',
      expect.stringMatching(/^sub1\/tomcat\.pem:4: error: not a certificate: /),
      'sub2/CallManager.txt: error: a certificate printed as text without its PEM block: not read (save the -----BEGIN CERTIFICATE----- block, or Download .PEM)',
    ]);
  });
});

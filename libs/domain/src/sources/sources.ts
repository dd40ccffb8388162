/**
 * The documents behind the source tags of trustsim's rules: every `[S125DEF]`, `[chapter]` or `[SREGEN]`
 * in the code, in `explain` and in the reports resolves to one of these (docs/trust-model.md §0.1 lists
 * them too, and a test keeps the two and every tag of the repository in step). Reports use it to print
 * what a tag stands for next to the reasons that cite it.
 */
/** Where trustsim explains each rule and lists these documents with their addresses. */
export const TRUST_MODEL_DOC = 'docs/trust-model.md';

export interface SourceDocument {
  tag: string;
  /** The document's title, in our words where it has no formal one. */
  title: string;
  /** The CUCM release (or the product and version) the document covers. */
  release: string;
  /** The chapter or part the rules rest on. */
  section: string;
  /** Where to read it: a public address, or a document of this repository. */
  address: string;
}

const CISCO_TAC = 'https://www.cisco.com/c/en/us/support/docs/unified-communications/unified-communications-manager-callmanager';
const SECURITY_GUIDE_14SU2 = 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/security/14SU2/cucm_b_security-guide-14su2/cucm_m_certificates.html';
const SECURITY_GUIDE_125SU1 = 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/security/12_5_1_SU1/cucm_b_security-guide-125SU1';
const GUIDE_15_COPY = 'https://mcdewey.supported.systems/c/cucm%3A%3Av15%3A%3Asecurity-guide%3A%3Asecurity-guide%3A%3A';

export const SOURCES: readonly SourceDocument[] = [
  {
    tag: 'chapter',
    title: 'Security Guide for Cisco Unified Communications Manager, "Certificates" chapter',
    release: '14 and 15',
    section: 'Certificate Management; Certificate Monitoring and Revocation (tables 3 and 7, Interactions and Restrictions)',
    address: SECURITY_GUIDE_14SU2,
  },
  {
    tag: 'uncertain',
    title: 'No public source states it: an inference from the facts cited beside it, or a point where sources conflict',
    release: '-',
    section: 'docs/trust-model.md §16 lists the conflicts and the assumption covering each',
    address: 'docs/trust-model.md',
  },
  { tag: 'S14', title: 'Security Guide for Cisco Unified Communications Manager, "Certificates" chapter (notes and table rows beyond the 14/15 text)', release: '14SU2', section: 'Certificates', address: SECURITY_GUIDE_14SU2 },
  {
    tag: 'S125DEF',
    title: 'Security Guide for Cisco Unified Communications Manager, "Default Security" chapter',
    release: '12.5(1)SU6 (also read in the 12.5(1)SU1 copy)',
    section: 'Initial Trust List, ITL file contents, TVS, ITL and CTL reset, migration',
    address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/security/12_5_1SU6/cucm_b_security-guide-1251su6/cucm_m_default-security-setup_su2_reorg.html',
  },
  { tag: 'S15DEF', title: 'Security Guide for Cisco Unified Communications Manager (a chunked public copy)', release: '15', section: 'ITL, ITLRecovery, TVS and migration sections (chunks 14, 15, 16, 24)', address: `${GUIDE_15_COPY}14` },
  { tag: 'S125CTL', title: 'Security Guide for Cisco Unified Communications Manager, "Cisco CTL Client Setup" chapter', release: '12.5(1)SU1', section: 'CTL contents, SAST roles table, migrate phones, when to update the CTL', address: `${SECURITY_GUIDE_125SU1}/cucm_b_security-guide-for-cisco-unified125SU1_chapter_0100.html` },
  { tag: 'S125PSP', title: 'Security Guide for Cisco Unified Communications Manager, "Phone Security Profile Setup" chapter', release: '12.5(1)SU1', section: 'device security mode, CAPF authentication modes, key order and sizes', address: `${SECURITY_GUIDE_125SU1}/cucm_b_security-guide-for-cisco-unified125SU1_chapter_01010.html` },
  { tag: 'S125PHSEC', title: 'Security Guide for Cisco Unified Communications Manager, "Phone Security" chapter', release: '12.5(1)SU5', section: 'supported cryptographic operations of the 7900, 8900 and 9900 phones', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/security/12_5_1SU5/cucm_b_security-guide-1251su5/cucm_m_phone-security_reorg.html' },
  { tag: 'S15CAPF', title: 'Security Guide for Cisco Unified Communications Manager (a chunked public copy)', release: '15', section: 'CAPF modes and interactions (chunks 81, 93, 94)', address: `${GUIDE_15_COPY}81` },
  { tag: 'SREGEN', title: 'TAC 214231 "Regenerate Certificates in Unified Communications Manager"', release: '15 (revision 7.0; earlier revisions covered 10.5 to 15)', section: 'whole document', address: `${CISCO_TAC}/214231-certificate-regeneration-process-for-cis.html` },
  { tag: 'SREGEN-T', title: 'TAC 225746 "Troubleshoot Common Issues with Certificate Renewal in CUCM"', release: '15', section: 'whole document', address: 'https://www.cisco.com/c/en/us/support/docs/unified-communications/unified-communications-manager-version-15/225746-troubleshoot-common-issues-with.html' },
  { tag: 'SBULK', title: 'TAC 215539 "Manage Bulk Certificates between CUCM Clusters for Phone Migration"', release: '10.x to 14', section: 'whole document', address: `${CISCO_TAC}/215539-procedure-for-bulk-certificate-managemen.html` },
  { tag: 'SSECMIG', title: 'TAC 213407 "Migrate Phones Between Secure Clusters"', release: '10.5 to 11.0 (with phone logs)', section: 'whole document, including the phone logs', address: `${CISCO_TAC}/213407-migrate-phones-between-secure-clusters.html` },
  { tag: 'SCN', title: 'TAC 210541 "CUCM Certificate Management and Change Notification"', release: '9.1 (with logs and the TVS role map)', section: 'whole document', address: `${CISCO_TAC}/210541-CUCM-Certificate-Management-and-Change-N.html` },
  { tag: 'STOKENLESS', title: 'TAC 118893 "Migrate CUCM Mixed Mode with Tokenless CTL"', release: '10.5.1 (full `show ctl` dumps)', section: 'whole document', address: `${CISCO_TAC}/118893-technote-cucm-00.html` },
  { tag: 'SNONSECURE', title: 'TAC 118892 "CUCM Cluster Changed from Mixed Mode to Non-Secure Mode Configuration Example"', release: '10.0.1 (full `show ctl` dump)', section: 'whole document', address: `${CISCO_TAC}/118892-config-cucm-00.html` },
  { tag: 'SEMCC', title: 'TAC 214535 "Troubleshoot Extension Mobility Cross Cluster (EMCC)"', release: '11.5.1 (7821 phone logs)', section: 'whole document', address: `${CISCO_TAC}/214535-troubleshoot-extension-mobility-cross-cl.html` },
  { tag: 'SFN', title: 'Field Notice FN70613 (a refresh upgrade to 12.5 regenerates ITLRecovery; CSCvv13565)', release: '12.5(1) to 12.5(1)SU2', section: 'whole notice', address: 'https://www.cisco.com/c/en/us/support/docs/field-notices/706/fn70613.html' },
  { tag: 'SITL10', title: 'TAC 117598 "ITL Enhancements in Version 10.0(1)"', release: '10.0(1)', section: 'the opening section (the only part that could be read)', address: `${CISCO_TAC}/117598-technote-itl-00.html` },
  { tag: 'SSBD', title: 'TAC 116232 "CUCM Security By Default and ITL Operation and Troubleshooting"', release: '8.x', section: 'the opening section (the only part that could be read)', address: 'https://www.cisco.com/c/en/us/support/docs/voice-unified-communications/unified-communications-manager-callmanager/116232-technote-sbd-00.html' },
  { tag: 'SMIGC', title: 'Cisco Community, "Migrating IP Phones Between Clusters with CUCM 8 and ITL Files"', release: '8.x', section: 'whole document and its comments', address: 'https://community.cisco.com/t5/collaboration-knowledge-base/migrating-ip-phones-between-clusters-with-cucm-8-and-itl-files/ta-p/3108501' },
  { tag: 'SREL14', title: 'Release Notes for Cisco Unified Communications Manager and IM and Presence Service', release: '14', section: 'New and Changed Features', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/rel_notes/14_0_1/cucm_b_release-notes-for-cucm-imp-14_0_1/cucm_m_new-and-changed-features.html' },
  { tag: 'SHOST', title: 'Administration Guide for Cisco Unified Communications Manager, "IP Address and Hostname Changes"', release: '12.5(1)SU4', section: 'IP Address and Hostname Changes', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU4/cucm_b_administration-guide-1251su4/cucm_b_test-adminguide_chapter_011110.html' },
  { tag: 'SPROXY', title: 'System Configuration Guide for Cisco Unified Communications Manager, "Configure TFTP Servers"', release: '12.5(1)SU4', section: 'proxy TFTP and its security', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/admin/12_5_1SU4/systemConfig/cucm_b_system-configuration-guide-1251su4/cucm_mp_cdbfc81d_00_configure-tftp-servers12-0.html' },
  { tag: 'SCLI', title: 'Command Line Interface Reference Guide for Cisco Unified Communications Solutions', release: 'not recorded', section: 'utils itl reset', address: 'https://www.cisco.com/c/en/us/support/unified-communications/unified-communications-manager-callmanager/products-command-reference-list.html' },
  { tag: 'SPH7975', title: 'Cisco Unified IP Phone 7975G, 7971G-GE, 7970G, 7965G and 7945G Administration Guide, "Cisco Unified IP Phones and Your Network"', release: '9.0', section: 'configuration files, CTL retries, secure registration', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cuipph/7975G_7971g-ge_7970g_7965g_7945g/9_0/english/admin_guide/P747_BK_W06BD6D9_00_adminguide_7945-7965-7970-7971-7975/p747_mp_ia918926_00_ip-phones-and-your-network.html' },
  { tag: 'SPH88', title: 'Cisco IP Phone 8800 Series Administration Guide', release: '8800 series', section: 'status messages ("Trust List update failed")', address: 'https://www.cisco.com/c/en/us/support/collaboration-endpoints/unified-ip-phone-8800-series/products-maintenance-guides-list.html' },
  { tag: 'SPA12', title: 'Preferred Architecture for Cisco Collaboration 12.x Enterprise On-Premises Deployments, "Security" chapter', release: '12.x', section: 'Table 7-7 "Certificate Roles in CTL and ITL Files"', address: 'https://www.cisco.com/c/en/us/td/docs/solutions/CVD/Collaboration/enterprise/12x/120/collbcvd/security.html' },
  { tag: 'SRND', title: 'Cisco Collaboration System 10.x Solution Reference Network Designs (SRND), "Collaboration Solutions Sizing"', release: '10.x', section: 'cluster maximums and Unified CM Megacluster Deployment', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/srnd/collab10/collab10/sizing.html' },
  { tag: 'SINSW', title: 'Blog "Migrating Cisco IP phones between CUCM clusters"', release: '8.6 and 9.1 to 12.5', section: 'whole post', address: 'https://www.insecurewi.re/index.php/2021/04/18/migrating-cisco-ip-phones-between-cucm-clusters/' },
  { tag: 'STVSSVC', title: 'Cisco Unified Serviceability help, "Cisco Trust Verification Service"', release: 'not recorded', section: 'Security services', address: 'https://olympia-comercial.ddns.net/ucm_docs/serv_u/ctx/CUCM_RF_C5F0748B_00_security-services.html' },
  { tag: 'SBOOK', title: 'Cisco Press, "Cisco IP Telephony Security", chapter 6 "Get a CTL into Phones"', release: 'CallManager 4.x era', section: 'chapter 6 (a phone accepts its first CTL unverified)', address: 'http://my.safaribooksonline.com/book/telephony/1587051397/securing-the-environment/ch06lev1sec8' },
  { tag: 'SGK', title: 'Global Knowledge blog, "Certificate Trust List"', release: '2009', section: 'whole post (the first CTL download is not secured)', address: 'http://blog.globalknowledge.com/2009/10/07/certificate-trust-list/' },
  { tag: 'SUCM-NZ', title: 'usecallmanager.nz: the `tlvfile` parser and builder (github.com/usecallmanagernz/certutils, GPL-2.0, read only) and its "Device Security" and "HTTP Provisioning" pages', release: 'independent of releases', section: 'the .tlv layout, SIGNER_VERSION, digests', address: 'https://github.com/usecallmanagernz/certutils' },
  { tag: 'BAT', title: 'Bulk Administration Guide for Cisco Unified Communications Manager, "Create Text-Based CSV File for Phones"', release: '12.5(1)SU2', section: 'text-based CSV files (UTF-8)', address: 'https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cucm/bat/12_5_1_SU2/cucm_b_bulk-administration-guide-1251su2/cucm_b_bulk-administration-guide-1251su2_appendix_01010001.html' },
  { tag: 'YAML', title: 'YAML 1.1, "Merge Key Language-Independent Type"', release: 'YAML 1.1', section: 'the `<<` merge key', address: 'https://yaml.org/type/merge.html' },
  { tag: 'trust-file-format', title: "trustsim's description of the ITL and CTL byte format, with the sources it was settled against", release: 'trustsim', section: 'whole document', address: 'docs/trust-files.md' },
  { tag: 'scenario-language', title: 'The scenario language reference', release: 'trustsim', section: 'Outcomes; Steps', address: 'docs/scenario-language.md' },
];

const BY_TAG = new Map(SOURCES.map((s) => [s.tag, s]));

/** The document a tag stands for. */
export function sourceDocument(tag: string): SourceDocument | undefined {
  return BY_TAG.get(tag);
}

const WORD_TAGS = ['chapter', 'uncertain', 'trust-file-format', 'scenario-language'];

/**
 * The tags a text cites, in the order they first appear: `[S125DEF]`, `[S125DEF §4.4]`, `[doc SREGEN]`,
 * `[SSECMIG logs]`, `[chapter "Interactions and Restrictions"]`, `[uncertain: …]`. Brackets that are not
 * citations are left out: markdown links and images, regular-expression classes (`[A-Z0-9]+`), phone
 * names (`[SEP001122334455]`), lists of constants (`[ANY, NO_STREAM]`), numbers and single letters (`[K in …]`).
 */
export function citedTags(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\[([^\]\n]{1,200})\]/g)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if (before === '!' || after === '(' || (after !== undefined && '+*?{'.includes(after))) continue;
    const tag = tagOf(m[1]);
    if (tag && !found.includes(tag)) found.push(tag);
  }
  return found;
}

function tagOf(content: string): string | undefined {
  const word = WORD_TAGS.find((w) => content === w || new RegExp(`^${w}[\\s:,–—-]`).test(content));
  if (word) return word;
  // A comma after the name makes it code (`[ANY, NO_STREAM]`): citations stand one to a bracket.
  const m = /^(?:doc )?([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?=$|[\s:])/.exec(content);
  if (!m) return undefined;
  const tag = m[1];
  if (tag.split('-')[0].length < 2) return undefined; // a letter, or a range such as A-Z
  if (/^SEP[0-9A-F]*$/.test(tag)) return undefined; // a phone name
  return tag;
}

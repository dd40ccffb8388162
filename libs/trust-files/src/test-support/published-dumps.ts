/**
 * The two `show ctl` dumps Cisco has published in full, as data: element lengths only, since the dumps
 * print lengths (and names) but not the bytes. Used to check that this library's layout rules give the
 * same header and record lengths for the same name, serial, key and certificate sizes.
 *
 * - [STOKENLESS] TAC 118893 "Migrate CUCM Mixed Mode with Tokenless CTL", CUCM 10.5.1.10000-7, two nodes,
 *   the tokenless CTL after `utils ctl update CTLFile`: "Length of CTL file: 4947 ... Version: 1.2
 *   HeaderLength: 336 (BYTES) ... 3 SIGNERID 2 149 / 4 SIGNERNAME 62 CN=cucm-1051-a-pub;OU=TAC;O=Cisco;
 *   L=Krakow;ST=Malopolska;C=PL / 5 SERIALNUMBER 16 70:CA:F6:4E:09:07:51:B9:DF:22:F4:9F:75:4F:C5:BB /
 *   6 CANAME 62 ... / 7 SIGNATUREINFO 2 15 / 8 DIGESTALGORTITHM 1 / 9 SIGNATUREALGOINFO 2 8 /
 *   10 SIGNATUREALGORTITHM 1 / 11 SIGNATUREMODULUS 1 / 12 SIGNATURE 128 / 14 FILENAME 12 / 15 TIMESTAMP 4",
 *   then four records (SAST, CCM+TFTP, CAPF of the publisher; CCM+TFTP of cucm-1051-a-sub1).
 * - [SNONSECURE] TAC 118892 "CUCM Cluster Changed from Mixed Mode to Non-Secure Mode", CUCM 10.0.1, two
 *   nodes, token CTL after non-secure mode: "Length of CTL file: 3746 ... HeaderLength: 304 (BYTES) ...
 *   3 SIGNERID 2 117 / 4 SIGNERNAME 56 cn="SAST-ADN0054f509 ";ou=IPCBU;o="Cisco Systems / 5 SERIALNUMBER
 *   10 / 6 CANAME 42 cn=Cisco Manufacturing CA;o=Cisco Systems ...", then two eToken SAST records, a
 *   33-byte CCM+TFTP stub, the CAPF record, another stub.
 */

/** One element of a record as the dump lists it: tag and value length. */
export interface DumpElement {
  tag: number;
  length: number;
}

export interface DumpRecord {
  role: 'SAST' | 'CCM+TFTP' | 'CAPF';
  /** RECORDLENGTH as printed. */
  recordLength: number;
  dnsName: string;
  /** The elements after RECORD_LENGTH, in file order, as printed. */
  elements: DumpElement[];
}

export interface PublishedCtl {
  source: string;
  fileLength: number;
  headerLength: number;
  /** Header tags in the order printed (VERSION and HEADER_LENGTH are printed as "Version:" and "HeaderLength:"). */
  headerTags: number[];
  signer: { nameLength: number; serialLength: number; issuerLength: number; signatureLength: number; fileNameLength: number };
  records: DumpRecord[];
}

const HEADER_TAGS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15];

/** A server record with a 1024-bit key, as CUCM writes it: DNS, subject, role, issuer, serial, key, signature, certificate, IP. */
function serverRecord(role: DumpRecord['role'], recordLength: number, dnsName: string, nameLength: number, serialLength: number, certificateLength: number, withSignature = true): DumpRecord {
  const elements: DumpElement[] = [
    { tag: 2, length: dnsName.length + 1 },
    { tag: 3, length: nameLength },
    { tag: 4, length: 2 },
    { tag: 5, length: nameLength },
    { tag: 6, length: serialLength },
    { tag: 7, length: 140 },
    ...(withSignature ? [{ tag: 8, length: 128 }] : []),
    { tag: 9, length: certificateLength },
    { tag: 10, length: 4 },
  ];
  return { role, recordLength, dnsName, elements };
}

export const CTL_10_5_TOKENLESS: PublishedCtl = {
  source: '[STOKENLESS]',
  fileLength: 4947,
  headerLength: 336,
  headerTags: HEADER_TAGS,
  signer: { nameLength: 62, serialLength: 16, issuerLength: 62, signatureLength: 128, fileNameLength: 12 },
  records: [
    serverRecord('SAST', 1156, 'cucm-1051-a-pub', 62, 16, 694),
    serverRecord('CCM+TFTP', 1156, 'cucm-1051-a-pub', 62, 16, 694),
    serverRecord('CAPF', 1138, 'cucm-1051-a-pub', 60, 16, 680),
    serverRecord('CCM+TFTP', 1161, 'cucm-1051-a-sub1', 63, 16, 696),
  ],
};

/** An eToken record: empty DNS name ("DNSNAME 1"), issuer "cn=Cisco Manufacturing CA;o=Cisco Systems" (42), no SIGNATURE. */
function tokenRecord(): DumpRecord {
  return {
    role: 'SAST',
    recordLength: 1186,
    dnsName: '',
    elements: [
      { tag: 2, length: 1 },
      { tag: 3, length: 56 },
      { tag: 4, length: 2 },
      { tag: 5, length: 42 },
      { tag: 6, length: 10 },
      { tag: 7, length: 140 },
      { tag: 9, length: 902 },
      { tag: 10, length: 4 },
    ],
  };
}

/** "1 RECORDLENGTH 2 33 / 2 DNSNAME 13 10.48.47.153 / 4 FUNCTION 2 CCM+TFTP / 10 IPADDRESS 4". */
function stubRecord(address: string): DumpRecord {
  return { role: 'CCM+TFTP', recordLength: 33, dnsName: address, elements: [{ tag: 2, length: address.length + 1 }, { tag: 4, length: 2 }, { tag: 10, length: 4 }] };
}

export const CTL_10_0_TOKEN_NON_SECURE: PublishedCtl = {
  source: '[SNONSECURE]',
  fileLength: 3746,
  headerLength: 304,
  headerTags: HEADER_TAGS,
  signer: { nameLength: 56, serialLength: 10, issuerLength: 42, signatureLength: 128, fileNameLength: 12 },
  records: [
    tokenRecord(),
    tokenRecord(),
    stubRecord('10.48.47.153'),
    // The CTL client's CAPF record: DNS name = the server's name, an IP address in this lab; no SIGNATURE.
    serverRecord('CAPF', 1004, '10.48.47.153', 60, 16, 680, false),
    stubRecord('10.48.47.154'),
  ],
};

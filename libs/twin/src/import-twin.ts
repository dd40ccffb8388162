/**
 * `trustsim import`: a twin of a real cluster from what an administrator can take off it without special
 * access — trust files fetched over TFTP, certificates downloaded from OS Administration, the BAT phone
 * export — and a mapping file for what the export does not say. Reads everything it can, lists what it
 * could not with file and line, and says what it assumed.
 */
import { readFileSync } from 'node:fs';
import { parseRelease } from '@trustsim/domain';
import { Diagnostics } from './diagnostics';
import { groupPhones } from './group-phones';
import { inferCluster } from './infer-cluster';
import { emptyMapping, readMapping, type TemplateInput } from './mapping-file';
import { readCertificates } from './read-certificates';
import { readPhoneInventory } from './read-phone-inventory';
import { readTrustFiles } from './read-trust-files';
import { isoSeconds } from './certificate-facts';
import type { Twin } from './twin-model';

export interface ImportOptions {
  /** Folder of ITLFile.tlv / CTLFile.tlv files (named by server, or one folder per server). */
  trustFiles?: string;
  /** Folder of PEM/DER certificates. */
  certificates?: string;
  /** BAT phone export (CSV). */
  phones?: string;
  /** Mapping file (pools → CallManager group and TFTP; profile modes; stand-in models). */
  mapping?: string;
  /** The release, when the files cannot tell it. */
  version?: string;
  /** The cluster's name in the scenario. */
  cluster?: string;
  /** The moment of the import (the twin's start); default now, to the second. */
  now?: Date;
}

export interface ImportResult {
  twin: Twin;
  /** What a mapping template needs: the export's pools, the cluster's nodes, what was assumed. */
  template: TemplateInput;
}

export class ImportInputError extends Error {}

export function importTwin(options: ImportOptions): ImportResult {
  if (!options.trustFiles && !options.certificates) throw new ImportInputError('give --trust-files <dir> and/or --certificates <dir>: the cluster\'s nodes come from them');
  if (options.version) parseRelease(options.version); // an InvalidReleaseError names the accepted forms
  const diagnostics = new Diagnostics();
  const sources: string[] = [];
  const trustFiles = options.trustFiles ? readTrustFiles(options.trustFiles, diagnostics) : [];
  sources.push(...trustFiles.map((f) => f.shown));
  const certificates = options.certificates ? readCertificates(options.certificates, diagnostics) : [];
  // The certificates' folder, not each file: `check` re-reads only the trust files.
  if (options.certificates) sources.push(options.certificates);
  const { cluster, registry } = inferCluster({ trustFiles, certificates, clusterName: options.cluster, version: options.version }, diagnostics);
  if (cluster.nodes.length === 0) diagnostics.error({}, 'no node of the cluster could be read from the trust files or certificates given');

  const mappingText = options.mapping === undefined ? undefined : readText(options.mapping, diagnostics);
  const mapping = mappingText === undefined ? emptyMapping() : readMapping(mappingText, options.mapping!, diagnostics);
  if (mappingText !== undefined) sources.push(options.mapping!);
  let grouped: ReturnType<typeof groupPhones> | undefined;
  let read = 0;
  const phonesText = options.phones === undefined ? undefined : readText(options.phones, diagnostics);
  if (phonesText !== undefined) {
    const inventory = readPhoneInventory(phonesText, options.phones!, diagnostics);
    read = inventory.records;
    grouped = groupPhones(inventory, options.phones!, mapping, registry, diagnostics);
    sources.push(options.phones!);
  }
  const nodes = cluster.nodes;
  return {
    twin: {
      cluster: { ...cluster, phones: grouped?.groups ?? [] },
      importedAt: isoSeconds(options.now ?? new Date()),
      sources,
      trustFiles,
      diagnostics: diagnostics.items,
      phones: { read, imported: grouped?.imported ?? 0 },
    },
    template: {
      pools: grouped?.pools ?? [],
      callManagers: nodes.filter((n) => n.services.has('callmanager')).map((n) => n.name),
      tftpServers: nodes.filter((n) => n.services.has('tftp')).map((n) => n.name),
      unsettledProfiles: grouped?.unsettledProfiles ?? [],
      unknownDeviceTypes: grouped?.unknownDeviceTypes ?? [],
    },
  };
}

function readText(path: string, diagnostics: Diagnostics): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    diagnostics.error({ file: path }, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): not used`);
    return undefined;
  }
}

/**
 * @trustsim/twin — a twin of a real CUCM cluster (`trustsim import`) and the risks in a cluster's
 * current state (`trustsim check`). Framework-free: reads files, returns plain data.
 */
export * from './diagnostics';
export * from './certificate-facts';
export * from './twin-model';
export { readTrustFiles, readTrustFile, type TrustFileRead, type TrustRecordRead } from './read-trust-files';
export { readCertificates, readCertificateFile, pathHints, pemBlocks, type CertificateRead } from './read-certificates';
export { readPhoneInventory, lscStatus, type PhoneInventory, type PhoneRow } from './read-phone-inventory';
export { readMapping, mappingTemplate, emptyMapping, type Mapping, type TemplateInput } from './mapping-file';
export { catalogueModel } from './phone-models';
export { readSecurityProfile } from './security-profiles';
export { inferCluster, type InferenceInput, type InferredCluster } from './infer-cluster';
export { groupPhones } from './group-phones';
export { importTwin, ImportInputError, type ImportOptions, type ImportResult } from './import-twin';
export { renderTwinScenario, type RenderOptions } from './render-scenario';
export * from './check/snapshot';
export * from './check/finding';
export { RULES } from './check/rules';
export * as rules from './check/rules';
export { runCheck, TWIN_KEYS_NOTE, type CheckOptions, type CheckResult } from './check/run-check';
export { checkReportText } from './check/format-text';
export { checkReportJson, CHECK_FORMAT_VERSION } from './check/format-json';
export { checkSectionHtml, checkReportPage } from './check/format-html';
export { snapshotFromTwin, type SnapshotOptions } from './check/snapshot-from-twin';
export { nodesOf, phoneGroupsOf, plannedUpgradesOf, identityFromFacts, trustFileSnapshot, nodeNamedBy } from './check/snapshot-parts';
export { groupsReachedBy } from './check/affected-phones';

/** @trustsim/scenarios — read, complete and check scenario files (docs/scenario-language.md). */
export * from './model';
export { parseScenario, loadScenario, checkScenario, checkScenarioFile, type ScenarioCheck } from './parse-scenario';
export {
  CUCM_CLUSTER_DEVICES,
  CUCM_MEGACLUSTER_DEVICES,
  CUCM_CALL_PROCESSING_SUBSCRIBERS,
  MAX_TOTAL_PHONES,
  MAX_PHONES_IN_MEMORY_STORE,
  MAX_SIMULATED_TIME_MS,
  MAX_RESET_WAVE_MS,
  MAX_YAML_NESTING,
  MAX_ALIAS_EXPANSION,
  RSA_KEY_LENGTH_RANGE,
} from './limits';
export { RELEASE_RANGE } from './releases';
export { cucmDeviceLimit, isMegacluster } from './validate-limits';
export { validateScenario, type ValidationContext } from './validate-scenario';
export { parseDuration, formatDuration, DurationError } from './durations';
export { ScenarioError, formatIssues, formatIssueReport, REPORTED_ISSUES, type ScenarioIssue } from './errors';
export { describeSelector, describeNodes } from './selectors';
export { SERVICE_NAMES, PLATFORM_SERVICES, nodeServiceOf, canonicalServiceName } from './services';
export { parseCliCommand, CLI_FORMS, type CliCommand, type CliParseResult } from './cli-commands';
export { generatePhoneNames, phoneNameOui, CISCO_OUIS } from './phone-names';
export { PURPOSES, TRUST_STORES, KEY_LENGTHS, RSA_KEY_LENGTHS, EC_KEY_LENGTHS, TRUST_LIST_ROLES, SECURITY_PROFILES } from './vocabulary';
export { scenarioJsonSchema, eachMapping, namedValues, JSON_SCHEMA_DRAFT, type JsonSchema, type JsonSchemaOptions } from './json-schema';
export { readReference, backticked, parentKey, type LanguageReference, type ReferenceSection } from './language-reference';

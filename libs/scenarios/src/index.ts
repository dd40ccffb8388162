/** @trustsim/scenarios — read, complete and check scenario files (scenario-language.md). */
export * from './model';
export { parseScenario, loadScenario, checkScenario, type ScenarioCheck } from './parse-scenario';
export { validateScenario, type ValidationContext } from './validate-scenario';
export { parseDuration, formatDuration, DurationError } from './durations';
export { ScenarioError, formatIssues, type ScenarioIssue } from './errors';
export { describeSelector, describeNodes } from './selectors';
export { SERVICE_NAMES, PLATFORM_SERVICES, nodeServiceOf, canonicalServiceName } from './services';
export { parseCliCommand, CLI_FORMS, type CliCommand, type CliParseResult } from './cli-commands';
export { generatePhoneNames, phoneNameOui, CISCO_OUIS } from './phone-names';
export { PURPOSES, TRUST_STORES, KEY_LENGTHS, RSA_KEY_LENGTHS, EC_KEY_LENGTHS, TRUST_LIST_ROLES, SECURITY_PROFILES } from './vocabulary';

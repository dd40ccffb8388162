/** @trustsim/scenarios — read, complete and check scenario files (scenario-language.md). */
export * from './model';
export { parseScenario, loadScenario, checkScenario, type ScenarioCheck } from './parse-scenario';
export { validateScenario, type ValidationContext } from './validate-scenario';
export { parseDuration, formatDuration, DurationError } from './durations';
export { ScenarioError, formatIssues, formatIssueReport, REPORTED_ISSUES, type ScenarioIssue } from './errors';
export { describeSelector, describeNodes } from './selectors';
export { SERVICE_NAMES, PLATFORM_SERVICES, nodeServiceOf, canonicalServiceName } from './services';
export { parseCliCommand, CLI_FORMS, type CliCommand, type CliParseResult } from './cli-commands';
export { generatePhoneNames, phoneNameOui, CISCO_OUIS } from './phone-names';

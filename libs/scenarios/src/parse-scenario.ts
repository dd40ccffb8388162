/**
 * From YAML text to a complete Scenario: syntax (yaml), shape (schema.ts), then the defaults that need
 * the whole file (build-*.ts). Every problem found on the way is collected, located and thrown together.
 */
import { readFileSync } from 'node:fs';
import { ScenarioError, sortIssues, type ScenarioIssue } from './errors';
import { buildClusters } from './build-clusters';
import { buildExpectations, buildSteps } from './build-steps';
import type { Scenario } from './model';
import { compact, scenarioSchema } from './schema';
import { rememberSource } from './source-map';
import { validateScenario, type ValidationContext } from './validate-scenario';
import { readYaml } from './yaml-source';
import { fromZodIssues } from './zod-issues';

export interface ScenarioCheck {
  /** Present when the file parsed (it may still have semantic issues). */
  scenario?: Scenario;
  issues: ScenarioIssue[];
}

/** Parses and fills defaults; throws ScenarioError listing every problem. Cross-references: validateScenario. */
export function parseScenario(text: string, file: string): Scenario {
  const { scenario, issues } = readScenario(text, file);
  if (!scenario || issues.length) throw new ScenarioError(issues);
  return scenario;
}

export function loadScenario(path: string): Scenario {
  return parseScenario(readText(path), path);
}

/** Parse, then validate: every problem of the file in one list (what `trustsim validate` prints). */
export function checkScenario(text: string, file: string, context?: ValidationContext): ScenarioCheck {
  const { scenario, issues } = readScenario(text, file);
  if (!scenario) return { issues };
  return { scenario, issues: sortIssues([...issues, ...validateScenario(scenario, context)]) };
}

/**
 * checkScenario of a file: what `trustsim validate <file>` needs in one call. An unreadable file is an
 * issue like any other. Pass `beyondCucmLimits` (the CLI's --beyond-cucm-limits) in the context to let
 * clusters larger than CUCM supports through.
 */
export function checkScenarioFile(path: string, context?: ValidationContext): ScenarioCheck {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    if (error instanceof ScenarioError) return { issues: error.issues };
    throw error;
  }
  return checkScenario(text, path, context);
}

function readScenario(text: string, file: string): ScenarioCheck {
  const source = readYaml(text, file);
  if (source.issues.length) return { issues: source.issues };

  const parsed = scenarioSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { issues: sortIssues(fromZodIssues(parsed.error.issues, source)) };
  const draft = parsed.data;

  const { clusters, issues } = buildClusters(draft.clusters, draft.seed, source);
  const scenario: Scenario = {
    file,
    name: draft.scenario,
    ...(draft.title !== undefined && { title: draft.title }),
    seed: draft.seed,
    start: draft.start,
    clusters,
    steps: buildSteps(draft.steps ?? [], source),
    expect: buildExpectations(draft.expect ?? [], ['expect'], source),
    assumptions: draft.assumptions ?? {},
    ...(draft.twin && { twin: compact({ ...draft.twin, sources: draft.twin.sources ?? [], assumed: draft.twin.assumed ?? [], unread: draft.twin.unread ?? [] }) }),
  };
  rememberSource(scenario, source.locate);
  // The scenario is returned even with issues, so checkScenario can add the semantic ones to them.
  return { scenario, issues: sortIssues(issues) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ScenarioError([{ file: path, line: 1, column: 1, field: '(file)', message: `cannot read the file (${reason})` }]);
  }
}

import { AssumptionDefinition, ASSUMPTIONS } from '@trustsim/domain';
import { ReportInput } from './report-input';

export interface AssumptionInForce {
  name: string;
  value: string | boolean;
  default: string | boolean;
  differs_from_default: boolean;
  /**
   * Who chose the value. RunResult does not say; it is inferred: the file's value when it matches,
   * otherwise the default when nothing set it, otherwise the command line (`--assume`).
   */
  origin: 'default' | 'scenario' | 'command-line';
  values: (string | boolean)[];
  /** What each reading rests on (the source tags of docs/trust-model.md). */
  sources: string;
}

/** Every known assumption with the value the run used, in the catalogue's order. */
export function assumptionsInForce(result: ReportInput): AssumptionInForce[] {
  const used = result.assumptions as Record<string, string | boolean>;
  const inFile = result.scenario.assumptions ?? {};
  const known = Object.values(ASSUMPTIONS) as AssumptionDefinition[];
  const rows = known.map((def): AssumptionInForce => {
    const value = used[def.name] ?? def.default;
    const origin = def.name in inFile && inFile[def.name] === value ? 'scenario' : !(def.name in inFile) && value === def.default ? 'default' : 'command-line';
    return { name: def.name, value, default: def.default, differs_from_default: value !== def.default, origin, values: [...def.values], sources: def.sources };
  });
  // An assumption the run knows but this catalogue does not (a newer domain): still shown, never hidden.
  for (const [name, value] of Object.entries(used)) {
    if (!known.some((d) => d.name === name)) rows.push({ name, value, default: value, differs_from_default: false, origin: name in inFile ? 'scenario' : 'default', values: [value], sources: '' });
  }
  return rows;
}

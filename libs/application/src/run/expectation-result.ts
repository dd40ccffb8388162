export interface ExpectationResult {
  /** Where it is written, `file:line:column`. */
  location: string;
  /** Index of the step it belongs to, or undefined for the final `expect`. */
  step?: number;
  description: string;
  passed: boolean;
  /** What was found instead, in a sentence. */
  detail: string;
}

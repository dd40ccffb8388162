/**
 * A tiny tagged template for HTML and inline SVG: every interpolated value is escaped unless it is
 * already `Html` (built by this same tag). Scenario files are user input (titles, group names, step
 * text, explanations), and a report must never run or fetch what a scenario writes, so escaping is
 * automatic rather than remembered at each call site.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

export function escapeHtml(value: string | number | boolean): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function render(part: Part): string {
  // false renders nothing, so `${cond && html`...`}` reads naturally; print a boolean value with String().
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part as string | number | boolean);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Html(out);
}

/** Trusted markup written in this module's own source (CSS, fixed SVG defs); never scenario text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

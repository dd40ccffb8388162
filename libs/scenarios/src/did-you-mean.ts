/** Suggests the intended word for a typo (`batchsize` → `batchSize`), so an error says how to fix it. */

export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  // A quarter of the word may be wrong; beyond that a "suggestion" is noise (CP-7841 is not a typo of CP-8845).
  const tolerance = Math.max(1, Math.floor(input.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // The distance is at least the difference in length: no need to compute what cannot be within tolerance.
    if (Math.abs(other.length - lower.length) > tolerance) continue;
    const distance = other === lower ? 0 : editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= tolerance) return best;
  // A long name cut short (`tvsVouches` for `tvsVouchesForOwnItlRecovery`).
  const extended = lower.length >= 4 ? candidates.filter((c) => c.toLowerCase().startsWith(lower)) : [];
  return extended.length === 1 ? extended[0] : undefined;
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const suggestion = suggest(input, candidates);
  return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
}

/** Levenshtein distance, counting an adjacent swap as one edit (a common typing slip). Three rows suffice. */
function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0); // row i - 2
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j); // row i - 1
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/**
 * "Did you mean": the nearest known word to a mistyped one, by edit distance with swaps
 * (Damerau–Levenshtein, optimal string alignment), so `logn` → `login` and `--tenat` → `--tenant`.
 */

/** Edits (insert, delete, replace, swap of neighbours) that turn a into b. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate nearest to `word`, or undefined when none is near enough to be a typo: at most
 * a third of the word's length in edits (at least one), or a candidate that starts with it.
 * Ties go to the first candidate, so callers list the likelier words first.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  // A prefix long enough to mean something: `--subscr` → `--subscription`.
  if (typed.length >= 3) for (const candidate of candidates) if (candidate.toLowerCase().startsWith(typed)) return candidate;
  return undefined;
}

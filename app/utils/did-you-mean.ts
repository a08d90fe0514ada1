/**
 * "Did you mean …?" for a name nobody knows: the known name closest to it, or undefined when none is
 * close enough to be a likely typo. Case is ignored. A known name that contains the unknown one
 * ("queriesPerSecond" in "peakQueriesPerSecond"; at least 4 characters and a third of the name) is
 * the best match, the tightest first; otherwise the edit distance (an adjacent swap is one edit)
 * must be at most a third of the longer name, and one edit is always allowed. Ties go to the first
 * known name. Pure and small: it ships with the wizard.
 */
export function didYouMean(unknown: string, known: readonly string[]): string | undefined {
  const a = unknown.toLowerCase();
  // Nobody mistypes a 64-character field name; this also bounds the work an odd body can cause.
  if (a.length === 0 || a.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const b = name.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(a.length, b.length) / 3));
    const contained = a.length >= 4 && a.length * 3 >= b.length && b.includes(a);
    // Containment beats any typo, the tighter fit first (a fraction below one edit).
    const distance = contained ? (b.length - a.length) / b.length : editDistance(a, b, limit);
    if (distance <= limit && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance, or limit + 1 as soon as it must exceed limit. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

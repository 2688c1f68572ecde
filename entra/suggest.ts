// "Did you mean": the one edit distance every suggestion uses, and the closest known permission names (never the whole list).

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
    for (let j = 1; j <= t.length; j++) d[0]![j] = j;
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
                best = Math.min(best, d[i - 2]![j - 2]! + 1);
            d[i]![j] = best;
        }
    }
    return d[s.length]![t.length]!;
}

/** Largest edit distance still offered as a suggestion: a few typos, not a different permission. */
export const MAX_SUGGESTION_DISTANCE = 3;

/** Up to `limit` known names within MAX_SUGGESTION_DISTANCE of `value`, closest first (ties by name). */
export function closestNames(value: string, known: readonly string[], limit = 3): string[] {
    return known
        .map((name) => ({ name, distance: editDistance(value, name) }))
        .filter((c) => c.distance <= MAX_SUGGESTION_DISTANCE && c.name !== value)
        .sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
        .slice(0, limit)
        .map((c) => c.name);
}

/** The sentence a config error ends with for an unknown name: suggestions, or where to look. */
export function didYouMean(value: string, known: readonly string[], reference: string): string {
    const close = closestNames(value, known);
    return close.length > 0
        ? `Did you mean ${close.map((n) => `"${n}"`).join(" or ")}? Fix: correct the name (the list: ${reference}).`
        : `No known name is close. Fix: use a permission name from ${reference}.`;
}

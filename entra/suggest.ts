// "Did you mean": the one edit distance and ranking every suggestion uses, and the closest known permission names.

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

/** What each caller of nearestNames decides: how close is close enough, how many, and whether the value counts. */
export interface NearestNamesOptions {
    /** Largest edit distance from `value` at which `candidate` is still offered (each caller's own threshold). */
    within: (value: string, candidate: string) => number;
    /** How many to offer at most (default 3): a few suggestions, never the whole list. */
    max?: number;
    /** Offer a candidate equal to `value` too: for a caller that normalised `value`, equal means "this one". */
    offerSelf?: boolean;
}

/**
 * The candidates close enough to `value` to be what was meant, closest first and ties by name (code-unit order,
 * so the answer does not depend on the order the list was assembled in). The one "did you mean" ranking.
 */
export function nearestNames(
    value: string,
    candidates: Iterable<string>,
    { within, max = 3, offerSelf = false }: NearestNamesOptions,
): string[] {
    return [...candidates]
        .filter((name) => offerSelf || name !== value)
        .map((name) => ({ name, distance: editDistance(value, name) }))
        .filter((c) => c.distance <= within(value, c.name))
        .sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
        .slice(0, max)
        .map((c) => c.name);
}

/** Largest edit distance still offered as a suggestion: a few typos, not a different permission. */
export const MAX_SUGGESTION_DISTANCE = 3;

/** Up to `limit` known permission or scope names within MAX_SUGGESTION_DISTANCE of `value`, closest first. */
export function closestNames(value: string, known: readonly string[], limit = 3): string[] {
    // Permission names are long and dotted (Files.Read.All): a flat few edits catches typos at any length.
    return nearestNames(value, known, { within: () => MAX_SUGGESTION_DISTANCE, max: limit });
}

/** The sentence a config error ends with for an unknown name: suggestions, or where to look. */
export function didYouMean(value: string, known: readonly string[], reference: string): string {
    const close = closestNames(value, known);
    return close.length > 0
        ? `Did you mean ${close.map((n) => `"${n}"`).join(" or ")}? Fix: correct the name (the list: ${reference}).`
        : `No known name is close. Fix: use a permission name from ${reference}.`;
}

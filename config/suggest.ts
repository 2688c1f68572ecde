// "Did you mean": the closest known name to a typo, by edit distance (case-insensitive).

/** Levenshtein distance between two strings (insert, delete, substitute: cost 1 each). */
export function editDistance(a: string, b: string): number {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return prev[b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo of it: at most a third of the word's
 * length (minimum 1, maximum 3) edits away, compared case-insensitively (`tenantID` -> `tenantId`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    const lower = word.toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const d = editDistance(lower, candidate.toLowerCase());
        if (d < bestDistance && d <= limit && candidate !== word) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
    const best = closest(word, candidates);
    return best === undefined ? "" : `; did you mean "${best}"?`;
}

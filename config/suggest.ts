// "Did you mean": the closest known name to a typo, by edit distance (case-insensitive).
import { editDistance } from "../entra/suggest";

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

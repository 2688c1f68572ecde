// "Did you mean" for config keys and values: the closest known name to a typo (case-insensitive).
import { nearestNames } from "../entra/suggest";

/**
 * The candidate closest to `word`, when it is close enough to be a typo of it: at most a third of the word's
 * length (minimum 1, maximum 3) edits away, compared case-insensitively (`tenantID` -> `tenantId`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    // Config keys are short (`cloud`, `tenantId`): a flat distance would turn one short key into another.
    const within = (w: string) => Math.min(3, Math.max(1, Math.floor(w.length / 3)));
    return nearestNames(word, candidates, { within, max: 1 })[0];
}

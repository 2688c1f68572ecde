// The shape of one entry of the bad-input corpus (test/badInputs/*.cases.ts), run by test/badInputs/corpus.ts.

export type BadInputCategory =
    | "yaml"
    | "types"
    | "unknown-keys"
    | "prototype"
    | "guids"
    | "names"
    | "scope-chars"
    | "uris"
    | "lifetimes"
    | "references"
    | "logic-apps"
    | "file-paths"
    | "secrets"
    | "large-files"
    | "entra-limits";

export interface BadInputCase {
    /** Unique, says what is wrong. */
    readonly name: string;
    readonly category: BadInputCategory;
    /**
     * The stack file: its full text, or a change to (a deep copy of) the dev stack's `config:` mapping.
     * Keys are the fully qualified ones as in the file (`entra-connectors:connectors`).
     */
    readonly stack: string | ((config: Record<string, any>) => void);
    /** Files to create under a scratch folder inside the project first (path relative to it -> content). */
    readonly files?: Readonly<Record<string, string | Buffer>>;
    /** Anything `files` cannot express (symlinks, pipes), made in that scratch folder (absolute path) first. */
    readonly setup?: (scratchDir: string) => void;
    /** The full key path the error must name, e.g. `entra-connectors:connectors.arm.scopes[0]`. */
    readonly path: string;
    /** Text of the offending value the error must show (omit when the value is a secret or not printable). */
    readonly value?: string;
    /** Strings that must not appear anywhere in the output (secret values, ciphertext, refused file bytes). */
    readonly mustNotContain?: readonly string[];
}

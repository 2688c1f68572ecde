// The shape of one entry of the library-argument corpus (test/libraryArgs/*.cases.ts), run by test/libraryArgs.spec.ts.
import * as pulumi from "@pulumi/pulumi";

export interface LibraryArgCase {
    /** Unique, says what is wrong. */
    readonly name: string;
    /**
     * Builds one component with bad arguments. `opts` must be passed to it: its transformation records every
     * resource the component registers, so the spec can check that no child was created.
     */
    readonly make: (opts: pulumi.ComponentResourceOptions) => unknown;
    /** The component's kind and name, as the error's first line names them: `ProtectedApi "api"`. */
    readonly component: string;
    /** The argument path the error must name, without `args.`: `scopes[0].value`. */
    readonly argument: string;
    /** Further text the error must hold (the value, the fix). */
    readonly includes?: readonly string[];
}

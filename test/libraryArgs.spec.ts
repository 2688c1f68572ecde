// The library-argument corpus: a component given bad arguments (from TypeScript, or as JavaScript and other languages
// can pass them) throws one ResourceError naming the component and the argument, with no internal error text, before
// any child resource exists.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { setEntraMocks } from "../offline/simulator/testing";
import { LibraryArgCase } from "./libraryArgs/libraryArgCase";

const state = require("@pulumi/pulumi/runtime/state");
const casesDir = path.join(__dirname, "libraryArgs");

function loadCases(): LibraryArgCase[] {
    return fs
        .readdirSync(casesDir)
        .filter((f) => f.endsWith(".cases.ts"))
        .sort()
        .flatMap((f) => (require(path.join(casesDir, f)) as { cases: LibraryArgCase[] }).cases);
}

const INTERNAL = [
    /TypeError/,
    /Cannot (read|convert|set) /,
    /is not a function/,
    /is not iterable/,
    /undefined is not/,
    /Missing required property/,
    /\n\s+at /,
];

/** Builds the case's component, recording every resource it registers; the error it threw, or undefined. */
function build(c: LibraryArgCase): { readonly error?: unknown; readonly registered: string[] } {
    const registered: string[] = [];
    const record: pulumi.ResourceTransformation = (a) => {
        registered.push(a.name);
        return undefined;
    };
    try {
        c.make({ transformations: [record] });
    } catch (error) {
        return { error, registered };
    }
    return { registered };
}

describe("library-argument corpus (test/libraryArgs)", function () {
    const cases = loadCases();
    before(() => setEntraMocks({ stack: "library-args" }));
    after(() => {
        // Components that threw leave their registrations pending by design; the exit-time leak report is noise.
        state.getStore().leakCandidates = new Set();
    });

    it("has unique case names", () => {
        const names = cases.map((c) => c.name);
        expect(new Set(names).size).to.equal(names.length);
    });

    for (const c of cases) {
        it(c.name, () => {
            const { error, registered } = build(c);
            expect(error, `no error; registered ${registered.join(", ")}`).to.not.equal(undefined);
            const message = (error as Error).message;
            expect(pulumi.ResourceError.isInstance(error), message).to.equal(true);
            expect(message.split("\n")[0]).to.equal(`${c.component} has invalid arguments; nothing was created:`);
            expect(message, "names the argument").to.match(
                new RegExp(`\\n  - args\\.${c.argument.replace(/[.[\]]/g, "\\$&")}[ ,]`),
            );
            for (const text of c.includes ?? []) expect(message).to.include(text);
            for (const re of INTERNAL) expect(message, "no internal error text").not.to.match(re);
            // The component itself registered (super() ran); no child did.
            expect(registered, "no child created").to.have.length(1);
        });
    }
});

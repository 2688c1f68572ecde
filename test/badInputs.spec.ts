// The bad-input corpus: every case is rejected with exit 1, names its key path and value, says how to fix it,
// shows no internal error text and writes nothing under <out>. The large-file cases take seconds each (the YAML
// parser on a 200,000-deep line): they run in test/slow/badInputsLarge.spec.ts.
import { expect } from "chai";
import { itRejectsEach, loadCases } from "./badInputs/corpus";

describe("bad-input corpus (test/badInputs)", function () {
    this.timeout(60_000);
    const cases = loadCases();

    it("has unique case names", () => {
        const names = cases.map((c) => c.name);
        expect(new Set(names).size).to.equal(names.length);
    });

    itRejectsEach(cases.filter((c) => c.category !== "large-files"));
});

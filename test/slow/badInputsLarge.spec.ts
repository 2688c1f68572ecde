// The bad-input corpus's large-file cases (test/badInputs/files.cases.ts): refused from their size or depth, seconds each.
import { expect } from "chai";
import { itRejectsEach, loadCases } from "../badInputs/corpus";

describe("bad-input corpus, large files (test/badInputs)", function () {
    this.timeout(120_000);
    const cases = loadCases().filter((c) => c.category === "large-files");

    it("has the large-file cases", () => {
        expect(cases.length).to.be.at.least(3);
    });

    itRejectsEach(cases);
});

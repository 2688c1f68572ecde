// Mocha reporter: the spec reporter's output, plus the counts written to $MOCHA_SUMMARY_FILE for .ci/run.
"use strict";
const fs = require("fs");
const Spec = require("mocha/lib/reporters/spec");

class SummaryReporter extends Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once("end", () => {
            const { passes, failures, pending } = this.stats;
            const file = process.env.MOCHA_SUMMARY_FILE;
            if (file) fs.writeFileSync(file, `${passes} ${failures} ${pending}\n`);
        });
    }
}

module.exports = SummaryReporter;

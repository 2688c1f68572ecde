// Preloaded (node --require) by the bench where GNU time is missing: appends this process's peak RSS (KiB) to $BENCH_RSS_FILE at exit.
"use strict";
process.on("exit", () => {
    if (process.env.BENCH_RSS_FILE) require("fs").appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});

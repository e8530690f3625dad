// Preloaded into every benchmarked child (`node -r bench/rss.js ...`): writes the process's
// peak resident set size (KB, `process.resourceUsage().maxRSS`) to $BENCH_RSS_FILE on exit.
"use strict";
const fs = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));

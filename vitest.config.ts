import * as os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each stack's plan runs once per test run (in its own process, as `npm run plan`
    // does) and every test file reads the recording from .plan-cache/.
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // At least two workers, also on 2 cores (vitest's default there is one): the command-line
    // tests mostly wait on their child processes, and a second worker runs the in-process
    // tests meanwhile (suite 48 s -> 35 s on 2 cores).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    minWorkers: 2,
    // Test files share their worker's module cache: the SDKs and the policies load once
    // per worker instead of once per file (collect time 25 s -> 5 s). No test relies on
    // fresh module state; the one that runs the program in-process uses its own config.
    isolate: false,
    // @actions/workflow-parser imports its JSON schema without an import attribute, which
    // Node 20 refuses; inlined, vite transforms it (test/github/workflows.test.ts).
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { README, renderSettingsTable, schemaFields, settingLeaves, settingRows } from "../../tools/settingsDoc";

describe("settings doc comments", () => {
  it("every field of every z.object in stacks/ has a doc comment saying what it does and its @default", () => {
    const fields = schemaFields();
    expect(fields.length).toBeGreaterThan(100);
    const missing = fields.filter((f) => !f.doc?.text || !f.doc.default).map((f) => `${f.file}:${f.line} ${f.key}`);
    expect(missing).toEqual([]);
  });

  it("finds a field without one (the check is real)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settings-doc-"));
    fs.writeFileSync(
      path.join(dir, "x.ts"),
      [
        'import { z } from "zod";',
        "export const x = z.object({",
        "  /**",
        "   * Documented.",
        "   * @default - 1.",
        "   */",
        "  a: z.number(),",
        "  /** No default tag. */",
        "  b: z.number(),",
        "  c: z.object({ d: z.string() }),",
        "});",
      ].join("\n"),
    );
    const fields = schemaFields(dir);
    expect(fields.map((f) => [f.key, f.doc])).toEqual([
      ["a", { text: "Documented.", default: "1." }],
      ["b", { text: "No default tag." }],
      ["c", undefined],
      ["d", undefined],
    ]);
  });

  it("gives every leaf setting of the schema its description, allowed values and both defaults", () => {
    const rows = settingRows();
    expect(rows.map((r) => r.path)).toEqual(settingLeaves().map((l) => l.path.join(".")));
    expect(rows.filter((r) => !r.description || !r.allowed || !r.defaults.dev || !r.defaults.prod).map((r) => r.path)).toEqual([]);
    expect(rows.find((r) => r.path === "network.natStrategy")).toEqual({
      path: "network.natStrategy",
      allowed: "Single | OnePerAz",
      defaults: { dev: "`Single`", prod: "`OnePerAz`" },
      description: "How the application subnets reach the internet: one NAT gateway per AZ, or one shared.",
    });
    expect(rows.find((r) => r.path === "services.<name>.cpu")?.defaults).toEqual({ dev: "`250m`", prod: "`250m`" });
    expect(rows.find((r) => r.path === "edge.domain")?.defaults.prod).toBe("none: the stack file sets it (the shipped values are examples `pulumi up` refuses).");
  });
});

describe("README.md settings table", () => {
  it("is up to date (run `npm run docs:settings` after changing a setting)", () => {
    expect(fs.readFileSync(README, "utf8")).toContain(renderSettingsTable());
  });
});

import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run";

/** Every field of every exported `…Args` interface under `dir`, and whether a doc comment (slash-star-star) documents it. */
function argsFields(dir: string): { where: string; documented: boolean }[] {
  const out: { where: string; documented: boolean }[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(".ts")) {
        const text = fs.readFileSync(path.join(ROOT, child), "utf8");
        const file = ts.createSourceFile(child, text, ts.ScriptTarget.ES2022, true);
        for (const node of file.statements) {
          if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith("Args")) continue;
          if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
          for (const member of node.members) {
            if (!ts.isPropertySignature(member)) continue;
            const comments = ts.getLeadingCommentRanges(text, member.pos) ?? [];
            const documented = comments.some((c) => text.slice(c.pos, c.pos + 3) === "/**");
            out.push({ where: `${child}: ${node.name.text}.${member.name.getText(file)}`, documented });
          }
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe("component arguments", () => {
  const fields = argsFields("components");

  it("finds the components' Args fields (the walk is live)", () => {
    expect(fields.length).toBeGreaterThan(200);
    expect(fields.map((f) => f.where)).toContain("components/cluster/Cluster.ts: ClusterArgs.clusterName");
  });

  it("documents every field of every exported Args interface", () => {
    expect(fields.filter((f) => !f.documented).map((f) => f.where)).toEqual([]);
  });
});

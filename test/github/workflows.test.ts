import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";

const DIR = path.resolve(__dirname, "../../.github/workflows");
const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
type Job = Record<string, any>;
const workflow = (file: string) => yaml.load(read(file)) as { on: Record<string, any>; permissions: unknown; jobs: Record<string, Job> };
const steps = (job: Job) => job.steps as { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];

describe("the workflows", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();

  it("are the test, plan and deploy workflows", () => {
    expect(files).toEqual(["deploy.yml", "pull-request.yml", "test.yml"]);
  });

  it.each(files)("%s is valid for GitHub's workflow parser (schema and expression contexts)", async (file) => {
    const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
    const parsed = parseWorkflow({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
  });

  it("the parser rejects a context a job's env cannot use (it is a real check)", async () => {
    const { parseWorkflow, NoOperationTraceWriter } = await import("@actions/workflow-parser");
    const bad = read("test.yml").replace("    permissions:\n      contents: read\n    steps:", "    env:\n      X: ${{ runner.temp }}\n    permissions:\n      contents: read\n    steps:");
    const parsed = parseWorkflow({ name: "bad.yml", content: bad }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual(["bad.yml (Line: 24, Col: 10): Unrecognized named-value: 'runner'"]);
  });

  it.each(files)("%s pins every action to its current major and sets least-privilege permissions per job", (file) => {
    const wf = workflow(file);
    const majors: Record<string, string> = {
      "actions/checkout": "v7",
      "actions/setup-node": "v7",
      "actions/upload-artifact": "v7",
      "actions/download-artifact": "v8",
      "actions/github-script": "v9",
      "aws-actions/configure-aws-credentials": "v6",
      "pulumi/actions": "v7",
    };
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job.permissions, `${file}: ${name} permissions`).toBeTypeOf("object");
      for (const step of steps(job)) {
        if (!step.uses) continue;
        const [action, ref] = step.uses.split("@");
        expect(majors[action], `${file}: ${step.uses}`).toBe(ref);
        if (action === "actions/setup-node") expect(step.with?.["node-version"]).toBe(22);
      }
    }
  });

  it("uses the Node version @pulumi/pulumi requires", () => {
    const engines = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).engines.node as string;
    expect(engines).toBe(">=22");
  });
});

describe("pull-request.yml", () => {
  const wf = workflow("pull-request.yml");

  it("runs on pull requests to main, with no token permissions by default", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.on.pull_request.branches).toEqual(["main"]);
    expect(wf.permissions).toEqual({});
  });

  it("plans each stack offline with a read-only token and no secrets", () => {
    const plan = wf.jobs.plan;
    expect(plan.strategy.matrix.stack).toEqual(["dev", "prod"]);
    expect(plan.permissions).toEqual({ contents: "read" });
    expect(plan.concurrency.group).toBe("plan-${{ github.event.pull_request.number }}-${{ matrix.stack }}");
    expect(JSON.stringify(plan)).not.toMatch(/secrets\.|id-token|aws-actions|pulumi\/actions/);
    const runs = steps(plan).map((s) => s.run ?? "").join("\n");
    expect(runs).toContain('npm run --silent plan -- --stack "$STACK" --json "$OUT/head.json" --markdown "$OUT/plan.md"');
    expect(runs).toContain('npm run --silent diff -- --base "$OUT/base.json" --head "$OUT/head.json" --markdown "$OUT/diff.md" --json "$OUT/diff.json"');
    expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(steps(plan).find((s) => s.with?.ref)?.with).toEqual({ ref: "${{ github.event.pull_request.base.sha }}", path: ".base", "persist-credentials": false });
  });

  it("posts one sticky comment from a job that runs none of the pull request's code", () => {
    const comment = wf.jobs.comment;
    expect(comment.needs).toBe("plan");
    expect(comment.permissions).toEqual({ "pull-requests": "write" });
    expect(steps(comment).map((s) => s.uses)).toEqual(["actions/download-artifact@v8", "actions/github-script@v9"]);
    const script = String(steps(comment)[1].with?.script);
    expect(script).toContain("<!-- platform-offline-plan -->");
    expect(script).toContain("github.rest.issues.updateComment");
  });

  it("previews with both policy packs by OIDC only when AWS_ROLE_ARN is set", () => {
    const preview = wf.jobs.preview;
    expect(preview.if).toContain("vars.AWS_ROLE_ARN != ''");
    expect(preview.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    const pulumi = steps(preview).find((s) => s.uses?.startsWith("pulumi/actions"))!;
    expect(pulumi.with).toMatchObject({
      command: "preview",
      policyPacks: "policies/aws\npolicies/kubernetes\n",
      policyPackConfigs: "policies/config/${{ matrix.stack }}.json\npolicies/config/${{ matrix.stack }}.json\n",
    });
    expect(steps(preview).findIndex((s) => s.uses?.startsWith("aws-actions/"))).toBeLessThan(steps(preview).indexOf(pulumi));
  });
});

describe("deploy.yml", () => {
  const wf = workflow("deploy.yml");

  it("runs pulumi up on pushes to main, dev first, then prod behind the prod environment", () => {
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(wf.permissions).toEqual({});
    const { "up-dev": dev, "up-prod": prod } = wf.jobs;
    expect([dev.environment, prod.environment]).toEqual(["dev", "prod"]);
    expect(prod.needs).toBe("up-dev");
    for (const [job, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
      expect(job.if).toBe("vars.AWS_ROLE_ARN != ''");
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(job.concurrency).toEqual({ group: `deploy-${stack}`, "cancel-in-progress": false });
      const pulumi = steps(job).find((s) => s.uses?.startsWith("pulumi/actions"))!;
      expect(pulumi.with).toMatchObject({ command: "up", policyPackConfigs: `policies/config/${stack}.json\npolicies/config/${stack}.json\n` });
      expect(steps(job).map((s) => s.run).filter(Boolean)).toContain(`npm run --silent plan -- --stack ${stack}`);
    }
  });
});

import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "../../stacks/outputs";
import { OUTPUTS_VERSION } from "../../stacks/outputs";

/** The platform's outputs as a consumer receives them: every `Output` resolved. */
export type PlatformOutputs = pulumi.Unwrap<StackOutputs>;

/**
 * The platform's stack, read through `StackReference` against the typed contract of
 * `stacks/outputs.ts`. `connect` checks `outputsVersion` before anything else is read,
 * so a contract change fails here with one line instead of deep inside a resource.
 */
export class PlatformReference {
  private constructor(
    /** The referenced stack, `<org>/platform/<stack>`. */
    readonly stackName: string,
    private readonly ref: pulumi.StackReference,
  ) {}

  /** Opens the reference and checks the contract version. */
  static async connect(stackName: string): Promise<PlatformReference> {
    const ref = new pulumi.StackReference(stackName, { name: stackName });
    const version = await ref.getOutputValue("outputsVersion");
    if (version !== OUTPUTS_VERSION) {
      throw new pulumi.RunError(
        `platform stack ${stackName} exports outputsVersion ${JSON.stringify(version)}; this program reads version ${OUTPUTS_VERSION} of the contract (stacks/outputs.ts): update the contract it imports`,
      );
    }
    return new PlatformReference(stackName, ref);
  }

  /** One top-level key's value, for decisions the program makes before registering anything; not for secrets. */
  async value<K extends keyof PlatformOutputs>(key: K): Promise<PlatformOutputs[K]> {
    return (await this.ref.requireOutputValue(key)) as PlatformOutputs[K];
  }

  /** One top-level key of the outputs, typed by the contract (`cluster.kubeconfig` stays a secret). */
  output<K extends keyof PlatformOutputs>(key: K): pulumi.Output<PlatformOutputs[K]> {
    return this.ref.requireOutput(key) as pulumi.Output<PlatformOutputs[K]>;
  }
}

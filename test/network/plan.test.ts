import { describe, expect, it } from "vitest";
import { loadPlan, ofType } from "../support/plans";

describe("recorded plans", () => {
  it("dev registers the network", () => {
    expect(ofType(loadPlan("dev"), "aws:ec2/subnet:Subnet")).toHaveLength(9);
  });
});

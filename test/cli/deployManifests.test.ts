// The manifests in deploy/ are what an operator applies: they must parse, ask for no more
// permission than the live scaler uses, and hand it arguments and a configuration it accepts.
import { readFile } from "node:fs/promises";
import { loadAllYaml } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { LIVE_OPTIONS } from "../../sim/cli/liveCommand.ts";
import { parseCommandArgs } from "../../sim/cli/parseCommandArgs.ts";
import { parsePlannerConfig } from "../../src/planner/index.ts";

type Manifest = { kind: string; metadata: { name: string }; [key: string]: unknown };

async function manifests(file: string): Promise<Manifest[]> {
  return loadAllYaml(await readFile(`deploy/${file}`, "utf8")) as Manifest[];
}

describe("deploy/rbac.yaml", () => {
  it("grants get and patch on dynamographdeployments, and nothing else", async () => {
    const docs = await manifests("rbac.yaml");
    expect(docs.map((d) => d.kind)).toEqual(["ServiceAccount", "Role", "RoleBinding"]);
    const role = docs[1] as Manifest & { rules: unknown[] };
    expect(role.rules).toEqual([
      { apiGroups: ["nvidia.com"], resources: ["dynamographdeployments"], verbs: ["get", "patch"] },
    ]);
  });
});

describe("deploy/planner.yaml", () => {
  it("runs slaplan live with arguments it accepts and a planner configuration it reads", async () => {
    const docs = await manifests("planner.yaml");
    expect(docs.map((d) => d.kind)).toEqual(["ConfigMap", "Deployment"]);
    const config = docs[0] as Manifest & { data: Record<string, string> };
    const planner = parsePlannerConfig(JSON.parse(config.data["planner.json"]), "planner.json");
    // Dynamo's --ttft and --itl are milliseconds outside dynamo-0.4.
    expect([planner.mode, planner.adjustmentIntervalS, planner.maxGpuBudget]).toEqual([
      "improved",
      60,
      8,
    ]);
    expect([planner.ttftTargetS, planner.itlTargetS]).toEqual([0.5, 0.05]);
    const deployment = docs[1] as Manifest & {
      spec: {
        template: { spec: { serviceAccountName: string; containers: { args: string[] }[] } };
      };
    };
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe("slaplan-planner");
    expect(() => parseCommandArgs(pod.containers[0].args, LIVE_OPTIONS, "live")).not.toThrow();
  });
});

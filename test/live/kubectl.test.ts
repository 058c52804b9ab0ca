// The local API server driven by `kubectl`, a client written by the Kubernetes project, so that
// it cannot drift into accepting what a real API server would refuse (or answering in shapes a
// real client cannot read). Discovery, get, list, merge and JSON patch, a stale write's 409, the
// scaling adapter's scale subresource, a 404 and a watch are each checked, and the official
// JavaScript client and kubectl see each other's writes. `kubectl` comes from Debian's
// kubernetes-client (`.ci/install-test-tools`); set KUBECTL to use another binary.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalKubeApi } from "../../sim/live/localKubeApi.ts";
import { DgdClient } from "../../src/live/dgdClient.ts";

const KUBECTL = process.env.KUBECTL ?? "kubectl";
const NAMESPACE = "dynamo";
const NAME = "twin";

const api = new LocalKubeApi();
let folder: string;
let kubeconfigPath: string;
let kubeConfig: KubeConfig;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl against the local server; the result whatever the exit code. */
function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, ["--kubeconfig", kubeconfigPath, ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.on("error", (error) =>
      reject(
        new Error(`cannot run ${KUBECTL} (bash .ci/install-test-tools installs it): ${error}`),
      ),
    );
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function prefillReplicas(): number {
  const spec = api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> };
  return spec.services.Prefill.replicas;
}

beforeAll(async () => {
  const url = await api.start();
  folder = mkdtempSync(join(tmpdir(), "slaplan-kubectl-"));
  kubeconfigPath = join(folder, "kubeconfig");
  writeFileSync(kubeconfigPath, api.kubeconfig(url, NAMESPACE));
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(url, NAMESPACE));
  api.addScalingAdapter(NAMESPACE, `${NAME}-prefill`, NAME, "Prefill");
});

beforeEach(() => {
  const worker = (sub: string) => ({ componentType: "worker", subComponentType: sub, replicas: 1 });
  api.put({
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: { services: { Prefill: worker("prefill"), Decode: worker("decode") } },
    status: { conditions: [{ type: "Ready", status: "True" }] },
  });
  api.reset();
});

afterAll(async () => {
  await api.stop();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

describe("kubectl against the local API server", () => {
  it("finds the resource by its plural, its group and its short name, and lists it", async () => {
    const list = await kubectl("get", "dgd");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAME\s+AGE\n/);
    expect(list.stdout).toMatch(/^twin\s+\d+s$/m);
    const full = await kubectl("get", "dynamographdeployments.nvidia.com", NAME, "-o", "json");
    expect(full.code).toBe(0);
    expect(JSON.parse(full.stdout)).toEqual(api.get(NAMESPACE, NAME));
  });

  it("merge-patches a service's replicas, as the planner does, and bumps the generation", async () => {
    const before = api.get(NAMESPACE, NAME)!.metadata;
    const patch = JSON.stringify({ spec: { services: { Prefill: { replicas: 3 } } } });
    const run = await kubectl("patch", "dgd", NAME, "--type", "merge", "-p", patch);
    expect(run.stdout.trim()).toBe(`dynamographdeployment.nvidia.com/${NAME} patched`);
    expect(prefillReplicas()).toBe(3);
    const after = api.get(NAMESPACE, NAME)!.metadata;
    expect(after.generation).toBe(before.generation + 1);
    expect(Number(after.resourceVersion)).toBeGreaterThan(Number(before.resourceVersion));
    // The official client reads what kubectl wrote.
    const view = await new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME }).read();
    expect(view.prefill.replicas).toBe(3);
  });

  it("refuses a write at a stale resourceVersion with 409 Conflict", async () => {
    const patch = JSON.stringify({
      metadata: { resourceVersion: "1" },
      spec: { services: { Prefill: { replicas: 5 } } },
    });
    const run = await kubectl("patch", "dgd", NAME, "--type", "merge", "-p", patch);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Error from server (Conflict): the object has been modified");
    expect(prefillReplicas()).toBe(1);
  });

  it("applies a JSON patch only when its test operation holds", async () => {
    const path = "/spec/services/Prefill/replicas";
    const guarded = (expected: number, value: number) =>
      JSON.stringify([
        { op: "test", path, value: expected },
        { op: "replace", path, value },
      ]);
    const refused = await kubectl("patch", "dgd", NAME, "--type", "json", "-p", guarded(9, 4));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(Conflict)");
    expect(prefillReplicas()).toBe(1);
    const applied = await kubectl("patch", "dgd", NAME, "--type", "json", "-p", guarded(1, 4));
    expect(applied.code).toBe(0);
    expect(prefillReplicas()).toBe(4);
  });

  it(
    "scales through the scaling adapter's scale subresource, and reads what the planner wrote " +
      "there",
    async () => {
      const run = await kubectl("scale", "dgdsa", `${NAME}-prefill`, "--replicas=2");
      expect(run.stdout.trim()).toBe(
        `dynamographdeploymentscalingadapter.nvidia.com/${NAME}-prefill scaled`,
      );
      expect(prefillReplicas()).toBe(2);
      const planner = new DgdClient(kubeConfig, {
        namespace: NAMESPACE,
        name: NAME,
        writeVia: "scale",
      });
      await planner.setReplicas("prefill", 6);
      const read = await kubectl(
        "get",
        "dgdsa",
        `${NAME}-prefill`,
        "-o",
        "jsonpath={.spec.replicas}",
      );
      expect(read.stdout).toBe("6");
    },
  );

  it("reports a missing deployment as NotFound, naming it", async () => {
    const run = await kubectl("get", "dgd", "nope");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Error from server (NotFound): dynamographdeployments "nope" not found',
    );
  });

  it("streams a watch: the planner's write reaches kubectl get --watch", async () => {
    const child = spawn(KUBECTL, [
      "--kubeconfig",
      kubeconfigPath,
      "get",
      "dgd",
      NAME,
      "--watch",
      "-o",
      "jsonpath={.spec.services.Prefill.replicas}{'\\n'}",
    ]);
    const lines: string[] = [];
    let sawSeven: () => void;
    const seven = new Promise<void>((resolve) => (sawSeven = resolve));
    child.stdout.on("data", (chunk) => {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      if (lines.includes("7")) sawSeven();
    });
    try {
      // The first line is the object as it is; then the write made through the official client.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => lines.length > 0 && (clearInterval(poll), resolve()), 20);
      });
      await new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME }).setReplicas(
        "prefill",
        7,
      );
      await seven;
      expect(lines[0]).toBe("1");
      expect(lines.at(-1)).toBe("7");
    } finally {
      child.kill();
    }
  });
});

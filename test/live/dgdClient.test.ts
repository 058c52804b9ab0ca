// The live scaler's DynamoGraphDeployment client, driven through the official Kubernetes client
// against the test API server (te../../sim/live/localKubeApi.ts).
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DgdClient } from "../../src/live/dgdClient.ts";
import { NotFoundError, UnavailableError } from "../../src/errors.ts";
import { LocalKubeApi } from "../../sim/live/localKubeApi.ts";

const NAMESPACE = "dynamo";
const NAME = "vllm-disagg-planner";

/** A deployment shaped as Dynamo's vLLM planner example: frontend, planner, prefill, decode. */
function dgd(services: Record<string, unknown> = {}) {
  return {
    apiVersion: "nvidia.com/v1alpha1",
    kind: "DynamoGraphDeployment",
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: {
      services: {
        Frontend: { componentType: "frontend", replicas: 1 },
        VllmPrefillWorker: {
          componentType: "worker",
          subComponentType: "prefill",
          replicas: 1,
          resources: { limits: { gpu: "1" } },
        },
        VllmDecodeWorker: {
          componentType: "worker",
          subComponentType: "decode",
          replicas: 2,
          resources: { limits: { gpu: "2" } },
        },
        ...services,
      },
    },
    status: {
      conditions: [{ type: "Ready", status: "True", message: "All resources are ready" }],
      services: {
        VllmPrefillWorker: { readyReplicas: 1, availableReplicas: 1 },
        VllmDecodeWorker: { readyReplicas: 2 },
      },
    },
  };
}

const api = new LocalKubeApi();
let kubeConfig: KubeConfig;
const client = (options: Partial<ConstructorParameters<typeof DgdClient>[1]> = {}) =>
  new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME, backoffMs: 1, ...options });

beforeAll(async () => {
  const url = await api.start();
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(url, NAMESPACE));
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  api.put(dgd());
  api.reset();
});

describe("DgdClient.read", () => {
  it("finds the workers by subComponentType, with their GPUs, serving counts and readiness", async () => {
    expect(await client().read()).toEqual({
      prefill: { name: "VllmPrefillWorker", replicas: 1, gpusPerEngine: 1, serving: 1 },
      decode: { name: "VllmDecodeWorker", replicas: 2, gpusPerEngine: 2, serving: 2 },
      ready: true,
      readyMessage: "All resources are ready",
    });
  });

  it("falls back to the backend's service names when no service names its sub-component", async () => {
    api.put(dgd({ VllmPrefillWorker: { replicas: 3 }, VllmDecodeWorker: { replicas: 4 } }));
    const view = await client().read();
    expect([view.prefill.name, view.prefill.replicas, view.decode.replicas]).toEqual([
      "VllmPrefillWorker",
      3,
      4,
    ]);
  });

  it("says which service is missing, and which it looked for", async () => {
    api.put(dgd({ VllmPrefillWorker: { replicas: 1 } }));
    await expect(client({ backend: "sglang" }).read()).rejects.toThrow(
      new NotFoundError(
        `DynamoGraphDeployment ${NAMESPACE}/${NAME}: no prefill service (none has subComponentType prefill, and no service is named SGLangPrefillWorker); services: Frontend, VllmPrefillWorker, VllmDecodeWorker`,
      ),
    );
  });

  it("reports a deployment that does not exist as not found (404)", async () => {
    await expect(client({ name: "nope" }).read()).rejects.toThrow(
      new NotFoundError(
        `DynamoGraphDeployment ${NAMESPACE}/nope not found (404): dynamographdeployments "nope" not found`,
      ),
    );
  });
});

describe("DgdClient.setReplicas", () => {
  it("merge-patches only the role's replicas, bumping the generation", async () => {
    await client().setReplicas("decode", 4);
    const stored = api.get(NAMESPACE, NAME);
    const services = (stored?.spec as { services: Record<string, { replicas: number }> }).services;
    expect([services.VllmPrefillWorker.replicas, services.VllmDecodeWorker.replicas]).toEqual([
      1, 4,
    ]);
    expect(stored?.metadata.generation).toBe(2);
  });

  it("re-reads and retries after 409 Conflict, within its attempts", async () => {
    api.inject({ status: 409 }, 2, "PATCH");
    await client().setReplicas("prefill", 3);
    const patches = api.requests.filter((r) => r.startsWith("PATCH"));
    expect(patches).toHaveLength(3);
    expect(api.requests.filter((r) => r.startsWith("GET"))).toHaveLength(3);
    const services = (
      api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> }
    ).services;
    expect(services.VllmPrefillWorker.replicas).toBe(3);
  });

  it("gives up after its attempts, naming the conflict", async () => {
    api.inject({ status: 409 }, 5, "PATCH");
    await expect(client({ conflictAttempts: 2 }).setReplicas("prefill", 3)).rejects.toThrow(
      new UnavailableError(
        `patch DynamoGraphDeployment ${NAMESPACE}/${NAME} failed (HTTP 409): injected 409`,
      ),
    );
    expect(api.requests.filter((r) => r.startsWith("PATCH"))).toHaveLength(2);
  });

  it("reports a server error at once, without retrying and without writing", async () => {
    api.inject({ status: 500 }, 1, "PATCH");
    await expect(client().setReplicas("decode", 7)).rejects.toThrow(UnavailableError);
    expect(api.requests.filter((r) => r.startsWith("PATCH"))).toHaveLength(1);
    const services = (
      api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> }
    ).services;
    expect(services.VllmDecodeWorker.replicas).toBe(2);
  });
});

describe("DgdClient.setReplicas through the scale resource", () => {
  it("patches the service's scaling adapter, which sets the service's replicas", async () => {
    api.addScalingAdapter(NAMESPACE, `${NAME}-vllmdecodeworker`, NAME, "VllmDecodeWorker");
    await client({ writeVia: "scale" }).setReplicas("decode", 5);
    expect(api.requests.filter((r) => r.startsWith("PATCH"))).toEqual([
      `PATCH /apis/nvidia.com/v1alpha1/namespaces/${NAMESPACE}/dynamographdeploymentscalingadapters/${NAME}-vllmdecodeworker/scale`,
    ]);
    const services = (
      api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> }
    ).services;
    expect(services.VllmDecodeWorker.replicas).toBe(5);
  });

  it("reports a missing adapter (404) and writes nothing elsewhere", async () => {
    await expect(client({ writeVia: "scale" }).setReplicas("prefill", 2)).rejects.toThrow(
      new NotFoundError(
        `scale resource of DynamoGraphDeploymentScalingAdapter ${NAMESPACE}/${NAME}-vllmprefillworker not found (404); nothing was written (use --write-via patch to patch the deployment instead)`,
      ),
    );
    expect(api.requests.filter((r) => r.startsWith("PATCH"))).toHaveLength(1);
    const services = (
      api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> }
    ).services;
    expect(services.VllmPrefillWorker.replicas).toBe(1);
  });
});

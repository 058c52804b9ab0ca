import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type KubeConfig,
} from "@kubernetes/client-node";
import { viewOf } from "../../src/live/dgdClient.ts";
import type { RealTimeSimulation } from "./realTimeSimulation.ts";

/**
 * Plays Dynamo's operator for a real-time simulation: it watches a DynamoGraphDeployment through
 * the Kubernetes API and gives the simulated fleet the replica counts its spec asks for, and it
 * writes the fleet's state back into the deployment's status (serving replicas per service,
 * and the Ready condition once every replica asked for serves), as the operator reports pods.
 * So a live planner pointed at that deployment scales the simulation as it would a cluster.
 */
export class DeploymentFollower {
  private readonly api: CustomObjectsApi;
  private abort: AbortController | undefined;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private names: { prefill: string; decode: string } | undefined;
  /** Errors met while following (the watch ending, a status write refused), for the caller. */
  readonly errors: string[] = [];

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly target: { namespace: string; name: string; backend?: string },
    private readonly simulation: RealTimeSimulation,
  ) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Starts watching, and writing the status every `statusEveryMs`. */
  async start(statusEveryMs = 500): Promise<void> {
    const { namespace, name } = this.target;
    const path = `/apis/nvidia.com/v1alpha1/namespaces/${namespace}/dynamographdeployments`;
    this.abort = await new Watch(this.kubeConfig).watch(
      path,
      { fieldSelector: `metadata.name=${name}` },
      (_phase, object) => this.follow(object as Record<string, unknown>),
      (error) => {
        if (error !== null && error !== undefined && this.abort?.signal.aborted !== true) {
          this.errors.push(`watch ended: ${String((error as Error).message ?? error)}`);
        }
      },
    );
    this.statusTimer = setInterval(() => void this.writeStatus(), statusEveryMs);
  }

  stop(): void {
    if (this.statusTimer !== undefined) clearInterval(this.statusTimer);
    this.abort?.abort();
  }

  /** The spec's replica counts become the simulated fleet's. */
  private follow(dgd: Record<string, unknown>): void {
    const view = viewOf(dgd, this.target.backend ?? "vllm", this.target.name);
    this.names = { prefill: view.prefill.name, decode: view.decode.name };
    const fleet = this.simulation.sim.fleet;
    const live = (role: "prefill" | "decode") => {
      const c = fleet.counts(role);
      return c.pending + c.starting + c.ready;
    };
    if (live("prefill") !== view.prefill.replicas || live("decode") !== view.decode.replicas) {
      this.simulation.advance();
      this.simulation.scale(view.prefill.replicas, view.decode.replicas);
    }
  }

  /** The fleet's serving replicas and readiness, written to the status subresource. */
  private async writeStatus(): Promise<void> {
    if (this.names === undefined) return;
    this.simulation.advance();
    const fleet = this.simulation.sim.fleet;
    const serving = (role: "prefill" | "decode") => fleet.counts(role).ready;
    const ready = fleet.isSettled();
    const body = {
      status: {
        conditions: [
          {
            type: "Ready",
            status: ready ? "True" : "False",
            message: ready ? "All replicas are serving" : "Replicas are starting",
          },
        ],
        services: {
          [this.names.prefill]: {
            readyReplicas: serving("prefill"),
            availableReplicas: serving("prefill"),
          },
          [this.names.decode]: {
            readyReplicas: serving("decode"),
            availableReplicas: serving("decode"),
          },
        },
      },
    };
    try {
      await this.api.patchNamespacedCustomObjectStatus(
        {
          group: "nvidia.com",
          version: "v1alpha1",
          plural: "dynamographdeployments",
          namespace: this.target.namespace,
          name: this.target.name,
          body,
        },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
    } catch (error) {
      this.errors.push(`status write failed: ${(error as Error).message}`);
    }
  }
}

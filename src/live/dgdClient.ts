import {
  ApiException,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from "@kubernetes/client-node";
import { NotFoundError, UnavailableError } from "../errors.ts";

/**
 * The live scaler's hold on a DynamoGraphDeployment (`nvidia.com/v1alpha1`,
 * `dynamographdeployments`) through the official Kubernetes client: read the prefill and decode
 * services, their GPUs per engine and their serving workers, whether the deployment is Ready,
 * and write replica counts. Node only.
 */

export type Role = "prefill" | "decode";

/** Service names older deployments use, per backend, when no service names its sub-component. */
export const SERVICE_NAMES_BY_BACKEND: Readonly<Record<string, Record<Role, string>>> = {
  vllm: { prefill: "VllmPrefillWorker", decode: "VllmDecodeWorker" },
  sglang: { prefill: "SGLangPrefillWorker", decode: "SGLangDecodeWorker" },
  trtllm: { prefill: "TRTLLMPrefillWorker", decode: "TRTLLMDecodeWorker" },
};

/** One worker service of the deployment. */
export interface WorkerService {
  readonly name: string;
  /** Replicas the spec asks for. */
  readonly replicas: number;
  /** GPUs per engine from the service's resources, when it states them. */
  readonly gpusPerEngine: number | undefined;
  /** Workers serving, from the status (available, else ready); 0 when the status says nothing. */
  readonly serving: number;
}

/** What the planner needs of the deployment at one moment. */
export interface DeploymentView {
  readonly prefill: WorkerService;
  readonly decode: WorkerService;
  /** The `Ready` condition is `True`. */
  readonly ready: boolean;
  /** The Ready condition's message, when not ready. */
  readonly readyMessage: string;
}

export interface DgdClientOptions {
  readonly namespace: string;
  /** The deployment's name (Dynamo passes it as DYN_PARENT_DGD_K8S_NAME). */
  readonly name: string;
  /** The backend whose service names to try when no service names its sub-component. */
  readonly backend?: string;
  /** Attempts at a write that meets 409 Conflict (re-reading in between); default 4. */
  readonly conflictAttempts?: number;
  /** Wait before the first retry, doubled each time, in ms; default 100. */
  readonly backoffMs?: number;
  /**
   * How replicas are written: `patch` merge-patches the DGD's service (default); `scale`
   * patches the scale subresource of the service's DynamoGraphDeploymentScalingAdapter
   * (`<dgd>-<service in lower case>`), as Dynamo ≥ 0.6 does. A missing adapter is reported,
   * never replaced by a write to the DGD.
   */
  readonly writeVia?: "patch" | "scale";
}

const GROUP = "nvidia.com";
const VERSION = "v1alpha1";
const PLURAL = "dynamographdeployments";

export class DgdClient {
  private readonly api: CustomObjectsApi;
  private readonly options: Required<DgdClientOptions>;

  constructor(kubeConfig: KubeConfig, options: DgdClientOptions) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.options = {
      backend: "vllm",
      conflictAttempts: 4,
      backoffMs: 100,
      writeVia: "patch",
      ...options,
    };
  }

  /** The deployment's name. */
  get name(): string {
    return this.options.name;
  }

  /** Reads the deployment; errors name it and what the API server said. */
  async read(): Promise<DeploymentView> {
    return viewOf(await this.fetch(), this.options.backend, this.where());
  }

  /**
   * Sets the role's replicas by a merge patch of `spec.services.<name>.replicas` (the content
   * type set explicitly: the client would otherwise send a JSON patch). A 409 Conflict is
   * retried after re-reading, with back-off, a bounded number of times; a 404 is reported as
   * the deployment missing, never turned into a write elsewhere.
   */
  async setReplicas(role: Role, replicas: number): Promise<void> {
    const { conflictAttempts, backoffMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      const view = await this.read();
      const service = view[role].name;
      try {
        if (this.options.writeVia === "scale") {
          await this.api.patchNamespacedCustomObjectScale(
            {
              group: GROUP,
              version: VERSION,
              plural: "dynamographdeploymentscalingadapters",
              namespace: this.options.namespace,
              name: `${this.options.name}-${service.toLowerCase()}`,
              body: { spec: { replicas } },
            },
            setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
          );
        } else {
          await this.api.patchNamespacedCustomObject(
            { ...this.path(), body: { spec: { services: { [service]: { replicas } } } } },
            setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
          );
        }
        return;
      } catch (error) {
        const code = error instanceof ApiException ? error.code : undefined;
        if (code === 404 && this.options.writeVia === "scale") {
          const adapter = `${this.options.name}-${service.toLowerCase()}`;
          throw new NotFoundError(
            `scale resource of DynamoGraphDeploymentScalingAdapter ${this.options.namespace}/${adapter} ` +
              `not found (404); nothing was written (use --write-via patch to patch the deployment instead)`,
          );
        }
        if (code !== 409 || attempt >= conflictAttempts) throw this.failure(error, "patch");
        await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async fetch(): Promise<Record<string, unknown>> {
    try {
      return (await this.api.getNamespacedCustomObject(this.path())) as Record<string, unknown>;
    } catch (error) {
      throw this.failure(error, "read");
    }
  }

  private path() {
    const { namespace, name } = this.options;
    return { group: GROUP, version: VERSION, plural: PLURAL, namespace, name };
  }

  private where(): string {
    return `DynamoGraphDeployment ${this.options.namespace}/${this.options.name}`;
  }

  /** A clear error for a failed call: what, where, and the API server's status and message. */
  private failure(error: unknown, action: string): Error {
    if (!(error instanceof ApiException)) {
      return new UnavailableError(`${action} ${this.where()}: ${(error as Error).message}`);
    }
    const message = statusMessage(error.body);
    if (error.code === 404) return new NotFoundError(`${this.where()} not found (404): ${message}`);
    return new UnavailableError(
      `${action} ${this.where()} failed (HTTP ${error.code}): ${message}`,
    );
  }
}

/** The services, their workers and readiness from a DGD object. */
export function viewOf(
  dgd: Record<string, unknown>,
  backend: string,
  where: string,
): DeploymentView {
  const spec = (dgd.spec ?? {}) as { services?: Record<string, Record<string, unknown>> };
  const services = spec.services ?? {};
  const status = (dgd.status ?? {}) as {
    conditions?: { type?: string; status?: string; message?: string }[];
    services?: Record<string, { availableReplicas?: number; readyReplicas?: number }>;
  };
  const find = (role: Role): WorkerService => {
    const bySubComponent = Object.keys(services).filter(
      (name) => services[name].subComponentType === role,
    );
    if (bySubComponent.length > 1) {
      throw new UnavailableError(
        `${where}: ${bySubComponent.length} services have subComponentType ` +
          `${role} (${bySubComponent.join(", ")}); expected one`,
      );
    }
    const fallback = SERVICE_NAMES_BY_BACKEND[backend]?.[role];
    const name =
      bySubComponent[0] ?? (fallback !== undefined && fallback in services ? fallback : undefined);
    if (name === undefined) {
      throw new NotFoundError(
        `${where}: no ${role} service (none has subComponentType ${role}, and no service is named ${fallback ?? `for backend ${backend}`}); services: ${Object.keys(services).join(", ") || "none"}`,
      );
    }
    const service = services[name];
    const served = status.services?.[name];
    return {
      name,
      replicas: typeof service.replicas === "number" ? service.replicas : 1,
      gpusPerEngine: gpusOf(service),
      serving: served?.availableReplicas ?? served?.readyReplicas ?? 0,
    };
  };
  const ready = status.conditions?.find((c) => c.type === "Ready");
  return {
    prefill: find("prefill"),
    decode: find("decode"),
    ready: ready?.status === "True",
    readyMessage:
      ready === undefined ? "no Ready condition yet" : (ready.message ?? ready.status ?? ""),
  };
}

/** GPUs per engine from `resources.limits.gpu` (else requests), a string or a number. */
function gpusOf(service: Record<string, unknown>): number | undefined {
  const resources = service.resources as
    { limits?: { gpu?: unknown }; requests?: { gpu?: unknown } } | undefined;
  const raw = resources?.limits?.gpu ?? resources?.requests?.gpu;
  const value = typeof raw === "string" ? Number(raw) : raw;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The message of a Kubernetes Status body (a JSON string or an object), or the body itself. */
function statusMessage(body: unknown): string {
  let parsed = body;
  if (typeof body === "string") {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.slice(0, 200);
    }
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : (JSON.stringify(parsed)?.slice(0, 200) ?? "");
}

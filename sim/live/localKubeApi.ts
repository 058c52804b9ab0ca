/**
 * A local stand-in for the Kubernetes API server, for the tests and `npm run twin`: only the
 * DynamoGraphDeployment paths (and scaling adapters' scale), with the semantics the live scaler
 * relies on (resourceVersion, generation, 409 on a stale write, merge and JSON patch, the status
 * subresource, watches, Status bodies) and faults injected on demand. A real kube-apiserver
 * cannot run on this machine; the tests drive this one only through the official client, as
 * they would a real cluster. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

const GROUP_VERSION = "nvidia.com/v1alpha1";
const PREFIX = `/apis/${GROUP_VERSION}/namespaces/`;

/**
 * Discovery documents, as a real API server answers them: kubectl reads these to map
 * `dynamographdeployments`, `dgd` and the scaling adapters' scale subresource to paths.
 */
const DISCOVERY: Record<string, unknown> = {
  "/version": { major: "1", minor: "30", gitVersion: "v1.30.0-local", platform: "linux/amd64" },
  "/api": { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] },
  "/api/v1": { kind: "APIResourceList", groupVersion: "v1", resources: [] },
  "/apis": {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [
      {
        name: "nvidia.com",
        versions: [{ groupVersion: GROUP_VERSION, version: "v1alpha1" }],
        preferredVersion: { groupVersion: GROUP_VERSION, version: "v1alpha1" },
      },
    ],
  },
  [`/apis/${GROUP_VERSION}`]: {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: GROUP_VERSION,
    resources: [
      resource("dynamographdeployments", "DynamoGraphDeployment", ["dgd"], ["watch", "list"]),
      resource("dynamographdeployments/status", "DynamoGraphDeployment", [], []),
      resource("dynamographdeploymentscalingadapters", "DynamoGraphDeploymentScalingAdapter", [
        "dgdsa",
      ]),
      {
        ...resource("dynamographdeploymentscalingadapters/scale", "Scale", [], []),
        group: "autoscaling",
        version: "v1",
      },
    ],
  },
};

function resource(name: string, kind: string, shortNames: string[], more: string[] = []) {
  const singularName = name.includes("/") ? "" : kind.toLowerCase();
  const verbs = ["get", "patch", ...more];
  return { name, singularName, namespaced: true, kind, verbs, shortNames };
}

/** A fault the next matching requests get instead of an answer. */
export type Fault = { readonly status: 404 | 409 | 500 } | { readonly hang: true };

type KubeObject = Record<string, unknown> & {
  metadata: {
    name: string;
    namespace: string;
    resourceVersion: string;
    generation: number;
    creationTimestamp?: string;
  };
};

export class LocalKubeApi {
  /** Requests seen, as "METHOD path" lines, for assertions. */
  readonly requests: string[] = [];
  private readonly objects = new Map<string, KubeObject>();
  /** Scaling adapters by namespace/name: the DGD and service they scale. */
  private readonly adapters = new Map<string, { dgd: string; service: string }>();
  private readonly faults: { fault: Fault; method?: string; path?: RegExp }[] = [];
  private server: Server | undefined;
  private revision = 100;
  /** Open watches: the namespace they follow, the name they select (if any), their stream. */
  private readonly watchers = new Set<{
    namespace: string;
    name?: string;
    response: ServerResponse;
  }>();

  /** Stores `object` (a DGD) under its namespace and name, with a new resourceVersion. */
  put(object: Record<string, unknown>): void {
    const metadata = object.metadata as { name: string; namespace: string };
    this.revision += 1;
    const stored = {
      apiVersion: GROUP_VERSION,
      kind: "DynamoGraphDeployment",
      ...structuredClone(object),
    } as unknown as KubeObject;
    stored.metadata = {
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      ...metadata,
      resourceVersion: String(this.revision),
      generation: 1,
    };
    const key = `${metadata.namespace}/${metadata.name}`;
    const existed = this.objects.has(key);
    this.objects.set(key, stored);
    this.notify(existed ? "MODIFIED" : "ADDED", stored);
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  /** The next `count` requests (of `method`, on paths matching `path`, when given) get `fault`. */
  inject(fault: Fault, count = 1, method?: string, path?: RegExp): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ fault, method, path });
  }

  /** Forgets the faults not yet served and the requests seen. */
  reset(): void {
    this.faults.length = 0;
    this.requests.length = 0;
  }

  /** Listens on 127.0.0.1 (any free port); resolves to the base URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const watcher of this.watchers) watcher.response.end();
    this.watchers.clear();
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** A kubeconfig (YAML) pointing at this server. */
  kubeconfig(baseUrl: string, namespace: string): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "  - name: fake",
      "    cluster:",
      `      server: ${baseUrl}`,
      "      insecure-skip-tls-verify: true",
      "users:",
      "  - name: tester",
      "    user:",
      "      token: test-token",
      "contexts:",
      "  - name: fake",
      "    context:",
      "      cluster: fake",
      "      user: tester",
      `      namespace: ${namespace}`,
      "current-context: fake",
      "",
    ].join("\n");
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "").split("?")[0];
    this.requests.push(`${request.method} ${path}`);
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === request.method) &&
        (f.path === undefined || f.path.test(path)),
    );
    const fault = index < 0 ? undefined : this.faults.splice(index, 1)[0].fault;
    if (fault !== undefined) {
      if ("hang" in fault) return;
      const reason = { 404: "NotFound", 409: "Conflict", 500: "InternalError" }[fault.status];
      return status(response, fault.status, reason, `injected ${fault.status}`);
    }
    if (request.method === "GET" && path in DISCOVERY) return json(response, 200, DISCOVERY[path]);
    const query = new URLSearchParams((request.url ?? "").split("?")[1] ?? "");
    const collection = path.startsWith(PREFIX)
      ? /^([^/]+)\/dynamographdeployments$/.exec(path.slice(PREFIX.length))
      : null;
    if (collection !== null && request.method === "GET" && query.get("watch") === "true") {
      return this.watch(collection[1], query.get("fieldSelector"), response);
    }
    if (collection !== null && request.method === "GET") return this.list(collection[1], response);
    const adapter = path.startsWith(PREFIX)
      ? /^([^/]+)\/dynamographdeploymentscalingadapters\/([^/]+?)(\/scale)?$/.exec(
          path.slice(PREFIX.length),
        )
      : null;
    if (adapter !== null) {
      return this.serveAdapter(adapter[1], adapter[2], adapter[3] !== undefined, request, response);
    }
    const namespace = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(path);
    if (namespace !== null && request.method === "GET") {
      // kubectl asks whether the namespace exists after a 404; every namespace does here.
      return json(response, 200, {
        kind: "Namespace",
        apiVersion: "v1",
        metadata: { name: namespace[1] },
        status: { phase: "Active" },
      });
    }
    const match = path.startsWith(PREFIX)
      ? /^([^/]+)\/dynamographdeployments\/([^/]+?)(\/status)?$/.exec(path.slice(PREFIX.length))
      : null;
    if (match === null) return status(response, 404, "NotFound", `no route for ${path}`);
    const statusOnly = match[3] !== undefined;
    const key = `${match[1]}/${match[2]}`;
    const object = this.objects.get(key);
    if (object === undefined) {
      return status(response, 404, "NotFound", `dynamographdeployments "${match[2]}" not found`);
    }
    if (request.method === "GET") return json(response, 200, object);
    if (request.method !== "PATCH") return status(response, 405, "MethodNotAllowed", "");
    const body = JSON.parse((await readBody(request)) || "null");
    const type = request.headers["content-type"] ?? "";
    let patched: KubeObject;
    if (type.startsWith("application/merge-patch+json")) {
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return status(response, 400, "BadRequest", "a merge patch must be an object");
      }
      const wanted = (body as { metadata?: { resourceVersion?: string } }).metadata
        ?.resourceVersion;
      if (wanted !== undefined && wanted !== object.metadata.resourceVersion) {
        return status(response, 409, "Conflict", "the object has been modified");
      }
      // The status subresource changes only the status; the main resource, all but it.
      const part = statusOnly
        ? { status: (body as { status?: unknown }).status }
        : { ...(body as object), status: undefined };
      patched = mergePatch(object, part) as KubeObject;
      if (!statusOnly) patched.status = object.status;
    } else if (type.startsWith("application/json-patch+json")) {
      if (!Array.isArray(body))
        return status(response, 400, "BadRequest", "a JSON patch must be a list");
      const result = jsonPatch(object, body);
      if (result === "conflict") return status(response, 409, "Conflict", "test operation failed");
      patched = result;
    } else {
      return status(response, 415, "UnsupportedMediaType", `unsupported patch type ${type}`);
    }
    this.revision += 1;
    const specChanged = JSON.stringify(patched.spec) !== JSON.stringify(object.spec);
    patched.metadata = {
      ...object.metadata,
      resourceVersion: String(this.revision),
      generation: object.metadata.generation + (specChanged ? 1 : 0),
    };
    this.objects.set(key, patched);
    json(response, 200, patched);
    this.notify("MODIFIED", patched);
  }

  /**
   * Adds a DynamoGraphDeploymentScalingAdapter for one service of a DGD: its scale subresource
   * then sets that service's replicas, as Dynamo's adapter controller does.
   */
  addScalingAdapter(namespace: string, name: string, dgd: string, service: string): void {
    this.adapters.set(`${namespace}/${name}`, { dgd, service });
  }

  /** An adapter (GET) or its scale subresource (GET, PATCH). */
  private async serveAdapter(
    namespace: string,
    name: string,
    scale: boolean,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const adapter = this.adapters.get(`${namespace}/${name}`);
    if (adapter === undefined) {
      return status(
        response,
        404,
        "NotFound",
        `dynamographdeploymentscalingadapters "${name}" not found`,
      );
    }
    const dgd = this.objects.get(`${namespace}/${adapter.dgd}`);
    if (request.method === "GET" && dgd !== undefined) {
      const services = (dgd.spec as { services: Record<string, { replicas: number }> }).services;
      const replicas = services[adapter.service].replicas;
      if (scale) return json(response, 200, scaleBody(namespace, name, replicas));
      return json(response, 200, {
        apiVersion: GROUP_VERSION,
        kind: "DynamoGraphDeploymentScalingAdapter",
        metadata: { name, namespace, resourceVersion: dgd.metadata.resourceVersion },
        spec: { replicas, dgdRef: { name: adapter.dgd, serviceName: adapter.service } },
      });
    }
    if (request.method !== "PATCH" || !scale) return status(response, 405, "MethodNotAllowed", "");
    const body = JSON.parse((await readBody(request)) || "null") as {
      spec?: { replicas?: number };
    };
    const replicas = body?.spec?.replicas;
    if (typeof replicas !== "number" || dgd === undefined) {
      return status(response, 422, "Invalid", "spec.replicas must be a number");
    }
    const services = (dgd.spec as { services: Record<string, { replicas: number }> }).services;
    services[adapter.service] = { ...services[adapter.service], replicas };
    this.revision += 1;
    dgd.metadata = {
      ...dgd.metadata,
      resourceVersion: String(this.revision),
      generation: dgd.metadata.generation + 1,
    };
    this.notify("MODIFIED", dgd);
    json(response, 200, scaleBody(namespace, name, replicas));
  }

  /** The DGDs of one namespace, as a list with the store's current resourceVersion. */
  private list(namespace: string, response: ServerResponse): void {
    const items = [...this.objects.values()].filter((o) => o.metadata.namespace === namespace);
    json(response, 200, {
      kind: "DynamoGraphDeploymentList",
      apiVersion: GROUP_VERSION,
      metadata: { resourceVersion: String(this.revision) },
      items,
    });
  }

  /**
   * A watch: headers at once (the client waits for them), then one JSON event a line: ADDED
   * for what exists, MODIFIED for every later change, until the client goes away.
   */
  private watch(namespace: string, fieldSelector: string | null, response: ServerResponse): void {
    const name = /^metadata\.name=(.+)$/.exec(fieldSelector ?? "")?.[1];
    response.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    response.flushHeaders();
    const watcher = { namespace, name, response };
    this.watchers.add(watcher);
    response.on("close", () => this.watchers.delete(watcher));
    for (const object of this.objects.values()) {
      if (matches(watcher, object))
        response.write(`${JSON.stringify({ type: "ADDED", object })}\n`);
    }
  }

  private notify(type: "ADDED" | "MODIFIED", object: KubeObject): void {
    for (const watcher of this.watchers) {
      if (matches(watcher, object)) watcher.response.write(`${JSON.stringify({ type, object })}\n`);
    }
  }
}

function scaleBody(namespace: string, name: string, replicas: number) {
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace },
    spec: { replicas },
    status: { replicas },
  };
}

function matches(watcher: { namespace: string; name?: string }, object: KubeObject): boolean {
  const { namespace, name } = object.metadata;
  return namespace === watcher.namespace && (watcher.name === undefined || watcher.name === name);
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** RFC 6902 test, replace, add and remove on object paths; "conflict" when a test fails. */
function jsonPatch(
  object: KubeObject,
  operations: { op: string; path: string; value?: unknown }[],
) {
  const out = structuredClone(object);
  for (const { op, path, value } of operations) {
    const keys = path
      .split("/")
      .slice(1)
      .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop() as string;
    let parent = out as Record<string, unknown>;
    for (const key of keys) parent = parent[key] as Record<string, unknown>;
    if (op === "test" && JSON.stringify(parent[last]) !== JSON.stringify(value)) return "conflict";
    if (op === "replace" || op === "add") parent[last] = value;
    if (op === "remove") delete parent[last];
  }
  return out;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    request.on("data", (chunk) => (text += String(chunk)));
    request.on("end", () => resolve(text));
  });
}

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** A Kubernetes Status body, as the API server sends with every error. */
function status(response: ServerResponse, code: number, reason: string, message: string): void {
  json(response, code, {
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    reason,
    message,
    code,
  });
}

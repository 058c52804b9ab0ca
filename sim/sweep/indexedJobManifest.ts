/**
 * A Kubernetes Indexed Job that runs a sweep as `shards` pods, pod I running shard I/shards and
 * writing its results to /results/shard-I.jsonl, for `slaplan sweep merge` to combine. The YAML
 * is plain block style with every string quoted as JSON, so any YAML reader (and kubectl) takes
 * it; comments say what the pods need mounted.
 */

export interface IndexedJobOptions {
  readonly sweepName: string;
  /** The sweep file as the pods see it, relative to their working folder /app. */
  readonly sweepFile: string;
  readonly shards: number;
  readonly image: string;
  /** Worker threads per pod; the pod asks for as many CPUs. */
  readonly workersPerPod: number;
}

/** The Job's YAML text. */
export function indexedJobManifest(options: IndexedJobOptions): string {
  const { shards, workersPerPod } = options;
  const name = jobName(options.sweepName);
  const q = (text: string) => JSON.stringify(text);
  const index = "$(JOB_COMPLETION_INDEX)";
  const args = [
    "sweep",
    options.sweepFile,
    "--shard",
    `${index}/${shards}`,
    "--workers",
    String(workersPerPod),
    "--out",
    `/results/shard-${index}.jsonl`,
  ];
  return [
    `# slaplan sweep "${options.sweepName}" as a Kubernetes Indexed Job: ${shards} pods, pod I runs`,
    `# shard I/${shards} (the points whose index is I modulo ${shards}) and writes /results/shard-I.jsonl.`,
    "#",
    "# The pods need two volumes, both PersistentVolumeClaims to create beforehand:",
    "#   slaplan-sweep-inputs   the repository's scenarios/ folder (sweep files, scenarios and",
    "#                          their traces; too large for a ConfigMap), mounted read-only at",
    "#                          /app/scenarios; the image (deploy/Containerfile) brings profiles/.",
    "#   slaplan-sweep-results  where the shards write; ReadWriteMany when pods may land on",
    "#                          several nodes.",
    "# A pod that fails and restarts resumes its shard file, skipping the points it finished.",
    "# Afterwards, copy the shard files out and combine them:",
    `#   slaplan sweep merge shard-*.jsonl --out reports/${options.sweepName}.sweep.jsonl`,
    "apiVersion: batch/v1",
    "kind: Job",
    "metadata:",
    `  name: ${q(name)}`,
    "  labels:",
    `    app: ${q("slaplan-sweep")}`,
    `    slaplan-sweep: ${q(name.replace(/^slaplan-sweep-/, ""))}`,
    "spec:",
    `  completionMode: ${q("Indexed")}`,
    `  completions: ${shards}`,
    `  parallelism: ${shards}`,
    "  backoffLimit: " + String(2 * shards),
    "  template:",
    "    metadata:",
    "      labels:",
    `        app: ${q("slaplan-sweep")}`,
    "    spec:",
    `      restartPolicy: ${q("OnFailure")}`,
    "      containers:",
    `        - name: ${q("sweep")}`,
    `          image: ${q(options.image)}`,
    `          workingDir: ${q("/app")}`,
    `          command: [${["node", "sim/cli/slaplan.mjs"].map(q).join(", ")}]`,
    "          args:",
    ...args.map((arg) => `            - ${q(arg)}`),
    "          env:",
    "            # Set by the Job controller too; declared so that $(...) in args surely expands.",
    `            - name: ${q("JOB_COMPLETION_INDEX")}`,
    "              valueFrom:",
    "                fieldRef:",
    `                  fieldPath: ${q("metadata.annotations['batch.kubernetes.io/job-completion-index']")}`,
    "          resources:",
    "            requests:",
    `              cpu: ${q(String(workersPerPod))}`,
    `              memory: ${q(`${workersPerPod}Gi`)}`,
    "            limits:",
    `              cpu: ${q(String(workersPerPod))}`,
    `              memory: ${q(`${2 * workersPerPod}Gi`)}`,
    "          volumeMounts:",
    `            - name: ${q("inputs")}`,
    `              mountPath: ${q("/app/scenarios")}`,
    "              readOnly: true",
    `            - name: ${q("results")}`,
    `              mountPath: ${q("/results")}`,
    "      volumes:",
    `        - name: ${q("inputs")}`,
    "          persistentVolumeClaim:",
    `            claimName: ${q("slaplan-sweep-inputs")}`,
    "            readOnly: true",
    `        - name: ${q("results")}`,
    "          persistentVolumeClaim:",
    `            claimName: ${q("slaplan-sweep-results")}`,
    "",
  ].join("\n");
}

/**
 * "slaplan-sweep-<name>" as a DNS label: lower case, digits and dashes, short enough that the
 * Job's pod names (name, index, a random suffix) stay within 63 characters.
 */
export function jobName(sweepName: string): string {
  const label = sweepName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `slaplan-sweep-${label || "sweep"}`.slice(0, 48).replace(/-+$/, "");
}

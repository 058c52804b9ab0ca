/**
 * A real Prometheus server (the Debian package's binary) started on 127.0.0.1, for the tests and
 * `npm run twin`: a free port, a temporary data folder, a one-second scrape of the targets
 * given, stopped by its process id.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BINARY = "/usr/bin/prometheus";

export interface RunningPrometheus {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
  /** Stops the server, keeping its data folder and port: an outage. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data (as after a pod restart); waits until ready. */
  resume(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts Prometheus scraping `targets` (host:port on 127.0.0.1) every second; waits until ready. */
export async function startPrometheus(targets: readonly string[]): Promise<RunningPrometheus> {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} not found: install the Debian package "prometheus" (.ci/run does)`);
  }
  const folder = await mkdtemp(join(tmpdir(), "slaplan-prometheus-"));
  const config = [
    "global:",
    "  scrape_interval: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: frontend",
    "    static_configs:",
    `      - targets: [${targets.map((t) => `"${t}"`).join(", ")}]`,
  ].join("\n");
  await writeFile(join(folder, "prometheus.yml"), `${config}\n`);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${join(folder, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(folder, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--log.level=warn",
  ];
  let child: ChildProcess | undefined;
  const pause = async () => {
    const running = child;
    child = undefined;
    if (running?.exitCode === null && running.pid !== undefined) {
      const exited = new Promise((resolve) => running.once("exit", resolve));
      process.kill(running.pid, "SIGTERM");
      await exited;
    }
  };
  const stop = async () => {
    await pause();
    await rm(folder, { recursive: true, force: true });
  };
  const resume = async () => {
    const started = spawn(BINARY, args, { stdio: ["ignore", "ignore", "pipe"] });
    child = started;
    let stderr = "";
    started.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (started.exitCode !== null) break;
      try {
        const ready = await fetch(`${endpoint}/-/ready`, { signal: AbortSignal.timeout(500) });
        if (ready.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await pause();
    throw new Error(`Prometheus did not become ready on ${endpoint}: ${stderr.slice(-500)}`);
  };
  try {
    await resume();
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop, pause, resume };
}

/**
 * Waits until Prometheus holds at least `count` samples of `series` from the last minute: a
 * window's worth of scrapes and more, since increase() rightly extrapolates less for a series
 * that starts inside its window. Fails after 40 s.
 */
export async function waitForScrapes(
  endpoint: string,
  series: string,
  count: number,
): Promise<void> {
  const query = encodeURIComponent(`count_over_time(${series}[60s])`);
  for (let waitedS = 0; waitedS < 40; waitedS += 0.5) {
    const reply = await fetch(`${endpoint}/api/v1/query?query=${query}`);
    const body = (await reply.json()) as { data?: { result?: { value: string[] }[] } };
    if (Number(body.data?.result?.[0]?.value[1] ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Prometheus at ${endpoint} did not scrape ${series} ${count} times within 40 s`);
}

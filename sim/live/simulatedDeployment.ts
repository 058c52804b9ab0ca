/**
 * A deployment on this machine for `npm run twin` and the recording capture: a local API server
 * holding a DynamoGraphDeployment of one prefill and one decode worker (vLLM's service names),
 * and the simulator in real time on the given profile, serving its frontend's /metrics and
 * following the deployment's replica counts as Dynamo's operator would. A step load of prompts
 * of 3,000 tokens and outputs of 150 drives it.
 */
import { KubeConfig } from "@kubernetes/client-node";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import { DEFAULT_ENGINE } from "../engine/engineOptions.ts";
import type { SlaTargets } from "../engine/fleetSimulator.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { stepLoad, type LoadStep } from "../traces/index.ts";
import { DeploymentFollower } from "./deploymentFollower.ts";
import { LocalKubeApi } from "./localKubeApi.ts";
import { RealTimeSimulation } from "./realTimeSimulation.ts";

export interface SimulatedDeploymentOptions {
  readonly namespace: string;
  readonly name: string;
  readonly profile: EngineProfile;
  /** The load, in simulated seconds from the start. */
  readonly steps: readonly LoadStep[];
  readonly startupDelayS: number;
  readonly gpuLimit: number;
  readonly targets: SlaTargets;
}

export interface SimulatedDeployment {
  readonly api: LocalKubeApi;
  /** The local API server's base URL. */
  readonly apiUrl: string;
  /** Credentials for the local API server, in the deployment's namespace. */
  readonly kubeConfig: KubeConfig;
  readonly simulation: RealTimeSimulation;
  /** Where the simulated frontend serves /metrics on 127.0.0.1. */
  readonly simulatorPort: number;
  /** Stops the follower, the simulation and the API server. */
  stop(): Promise<void>;
}

export async function startSimulatedDeployment(
  options: SimulatedDeploymentOptions,
): Promise<SimulatedDeployment> {
  const { namespace, name } = options;
  const api = new LocalKubeApi();
  const apiUrl = await api.start();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(apiUrl, namespace));
  const worker = (sub: string) => ({ componentType: "worker", subComponentType: sub, replicas: 1 });
  api.put({
    metadata: { name, namespace },
    spec: {
      services: { VllmPrefillWorker: worker("prefill"), VllmDecodeWorker: worker("decode") },
    },
    status: {},
  });
  const shapes = { isl1Tokens: 3000, osl1Tokens: 150, firstShapeShare: 1 };
  const simulation = new RealTimeSimulation({
    model: new PerformanceModel(options.profile),
    fleet: {
      initialPrefill: 1,
      initialDecode: 1,
      prefillEngineNumGpu: 1,
      decodeEngineNumGpu: 1,
      startupDelayS: options.startupDelayS,
      gpuLimit: options.gpuLimit,
    },
    engine: DEFAULT_ENGINE,
    targets: options.targets,
    requests: stepLoad(1, { steps: options.steps, ...shapes }),
    speedUp: 1,
    labels: { model: "llama", namespace: "dynamo" },
  });
  const simulatorPort = await simulation.serveMetrics();
  const follower = new DeploymentFollower(kubeConfig, { namespace, name }, simulation);
  simulation.start();
  await follower.start();
  return {
    api,
    apiUrl,
    kubeConfig,
    simulation,
    simulatorPort,
    async stop() {
      follower.stop();
      await simulation.stop();
      await api.stop();
    },
  };
}

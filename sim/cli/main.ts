import { PlannerWorkbenchError } from "../../src/errors.ts";
import { runBoundCommand } from "./boundCommand.ts";
import { runLiveCommand } from "./liveCommand.ts";
import { runPlanCommand } from "./planCommand.ts";
import { runRecommendCommand } from "./recommendCommand.ts";
import { runSimCommand } from "./simCommand.ts";
import { runSweepCommand } from "./sweepCommand.ts";
import { UsageError } from "./usageError.ts";

const USAGE = `Usage: slaplan <command> [options]

SLA planner workbench: Dynamo's SLA planner, a simulated prefill/decode fleet to try it on.

Commands:
  sim [SCENARIO.json]     replay a scenario through the simulated fleet with the planner
                          scaling it (default: the bundled Azure conversation scenario)
  sweep SWEEP.json        run a scenario over a grid or a random sample of its settings, in
                          parallel, and compare GPU-hours with SLA attainment
                          (also: sweep merge SHARD.jsonl..., sweep --emit-k8s-job)
  plan replicas           replica counts for predicted loads (JSON lines on standard input)
  plan replay FILE        the planner's decision for each observed interval in FILE
  plan backtest TRACE     how well each load predictor forecasts the trace's intervals
  live --profile DIR      scale a real DynamoGraphDeployment from Prometheus's metrics
  bound SCENARIO.json     the planner beside the hindsight lower bound and the smallest
                          static fleet meeting an attainment goal
  recommend SCENARIO.json the planner configuration and GPU budget to deploy for the
                          scenario's trace, profile and targets

Run 'slaplan <command> --help' for a command's options.
Exit status: 0 success, 1 failure, 2 bad usage or bad input.`;

/** Runs the command line; returns the exit status. Never throws on user input. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "sim":
        return await runSimCommand(rest);
      case "sweep":
        return await runSweepCommand(rest);
      case "plan":
        return await runPlanCommand(rest);
      case "live":
        return await runLiveCommand(rest);
      case "bound":
        return await runBoundCommand(rest);
      case "recommend":
        return await runRecommendCommand(rest);
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`, "");
    }
  } catch (error) {
    return reportError(error);
  }
}

/** Prints one clear line for a known error; a stack trace only for a fault of ours. */
function reportError(error: unknown): number {
  if (error instanceof PlannerWorkbenchError) {
    process.stderr.write(`slaplan: ${error.message}\n`);
    return error.code === "UNAVAILABLE" ? 1 : 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`slaplan: internal error (please report it): ${detail}\n`);
  return 1;
}

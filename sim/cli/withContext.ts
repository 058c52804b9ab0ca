import { PlannerWorkbenchError } from "../../src/errors.ts";

/** Runs `task`, putting `context` in front of the message of any error of ours it raises. */
export async function withContext<T>(context: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof PlannerWorkbenchError) throw error.withContext(context);
    throw error;
  }
}

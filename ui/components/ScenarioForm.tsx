/**
 * The scenario editor: a bundled scenario to start from, then the trace, profile, SLA targets,
 * planner, fleet and engine settings a what-if usually changes. Everything else stays editable
 * in the JSON below the form, which is the same file `slaplan sim` runs.
 */
import { useEffect, useState } from "react";
import { ROUTING_POLICIES } from "../../sim/engine/engineOptions.ts";
import { LOAD_GENERATORS } from "../../sim/scenario/scenario.ts";
import {
  DEFAULT_BURST_LOAD,
  DEFAULT_DIURNAL_LOAD,
  DEFAULT_POISSON_LOAD,
  DEFAULT_REQUEST_SHAPES,
  DEFAULT_SINUSOIDAL_LOAD,
} from "../../sim/traces/index.ts";
import {
  DEFAULT_PLANNER_CONFIG,
  IMPROVEMENT_FIELDS,
  LOAD_PREDICTOR_NAMES,
  PLANNER_MODES,
} from "../../src/planner/index.ts";
import { BUNDLED_SCENARIOS, bundledTraceNames } from "../runner/bundled.ts";
import { readProfileFiles, readTraceFile } from "../state/givenFiles.ts";
import { fieldValue } from "../state/scenarioDraft.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import {
  BooleanField,
  ChoiceField,
  FieldError,
  FileField,
  NumberField,
  useFieldError,
} from "./fields.tsx";
import { loadOptionLabel } from "./loadOptionLabels.ts";
import { plannerOptionLabel } from "./plannerOptionLabels.ts";

const SOURCES = ["file", "sinusoidal", ...Object.keys(LOAD_GENERATORS)] as const;
type Source = (typeof SOURCES)[number];

/** Each synthetic load's parameters and their defaults, for the form's placeholders. */
const GENERATOR_DEFAULTS: Record<Exclude<Source, "file">, object> = {
  sinusoidal: DEFAULT_SINUSOIDAL_LOAD,
  poisson: DEFAULT_POISSON_LOAD,
  steps: DEFAULT_REQUEST_SHAPES,
  bursts: DEFAULT_BURST_LOAD,
  diurnal: DEFAULT_DIURNAL_LOAD,
};

export function ScenarioForm() {
  return (
    <form
      className="scenario-form"
      onSubmit={(event) => event.preventDefault()}
      aria-label="Scenario"
    >
      <ScenarioPicker />
      <TraceSection />
      <ProfileSection />
      <fieldset>
        <legend>SLA targets</legend>
        <NumberField
          path="planner.ttftTargetS"
          {...plannerOptionLabel("ttftTargetS")}
          fallback={DEFAULT_PLANNER_CONFIG.ttftTargetS}
        />
        <NumberField
          path="planner.itlTargetS"
          {...plannerOptionLabel("itlTargetS")}
          fallback={DEFAULT_PLANNER_CONFIG.itlTargetS}
        />
      </fieldset>
      <PlannerSection />
      <fieldset>
        <legend>Fleet</legend>
        <NumberField path="fleet.initialPrefill" label="Initial prefill replicas" fallback={1} />
        <NumberField path="fleet.initialDecode" label="Initial decode replicas" fallback={1} />
        <NumberField path="fleet.startupDelayS" label="Start-up delay" unit="s" fallback={90} />
        <NumberField path="fleet.gpuLimit" label="GPUs the cluster has" />
      </fieldset>
      <fieldset>
        <legend>Engine</legend>
        <ChoiceField
          path="engine.routing.prefill"
          label="Prefill routing"
          choices={ROUTING_POLICIES}
          fallback="shared-queue"
        />
        <ChoiceField
          path="engine.routing.decode"
          label="Decode routing"
          choices={ROUTING_POLICIES}
          fallback="shared-queue"
        />
        <NumberField
          path="engine.kvTransfer.bandwidthGBps"
          label="KV transfer bandwidth"
          unit="GB/s"
          fallback={50}
        />
        <NumberField
          path="engine.kvTransfer.latencyUs"
          label="KV transfer latency"
          unit="µs"
          fallback={20}
        />
        <NumberField path="engine.maxContextTokens" label="Model context" unit="tokens" />
      </fieldset>
      <NumberField path="seed" label="Random seed" fallback={1} />
      <JsonEditor />
    </form>
  );
}

function ScenarioPicker() {
  const fileName = useWorkbench((s) => s.fileName);
  const loadScenario = useWorkbench((s) => s.loadScenario);
  const bundledName = fileName.replace(/\.json$/, "");
  return (
    <fieldset>
      <legend>Scenario</legend>
      <div className="field">
        <label htmlFor="bundled-scenario">Start from</label>
        <select
          id="bundled-scenario"
          value={BUNDLED_SCENARIOS.has(bundledName) ? bundledName : ""}
          onChange={(event) => {
            const draft = BUNDLED_SCENARIOS.get(event.target.value);
            if (draft !== undefined) loadScenario(draft, `${event.target.value}.json`);
          }}
        >
          {!BUNDLED_SCENARIOS.has(bundledName) && <option value="">{fileName} (yours)</option>}
          {[...BUNDLED_SCENARIOS.keys()].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <FileField
        id="scenario-upload"
        label="Open a scenario file"
        accept=".json,application/json"
        take={async ([file]) => {
          try {
            const value: unknown = JSON.parse(await file.text());
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
              throw new Error("expected a JSON object (a scenario)");
            }
            loadScenario(value as Record<string, unknown>, file.name);
            return null;
          } catch (error) {
            return `${file.name}: ${(error as Error).message}`;
          }
        }}
      />
      <DescriptionField />
    </fieldset>
  );
}

function DescriptionField() {
  const description = useWorkbench((s) => fieldValue(s.draft, "description"));
  return typeof description === "string" ? <p className="description">{description}</p> : null;
}

function sourceOf(trace: unknown): Source {
  const keys = typeof trace === "object" && trace !== null ? Object.keys(trace) : [];
  return SOURCES.find((source) => keys.includes(source)) ?? "file";
}

function TraceSection() {
  const trace = useWorkbench((s) => fieldValue(s.draft, "trace"));
  const setField = useWorkbench((s) => s.setField);
  const source = sourceOf(trace);
  const shaping = { ...(trace as Record<string, unknown>) };
  for (const key of SOURCES) delete shaping[key];
  delete shaping.format;
  return (
    <fieldset>
      <legend>Trace</legend>
      <div className="field">
        <label htmlFor="trace-source">Requests from</label>
        <select
          id="trace-source"
          value={source}
          onChange={(event) => {
            const next = event.target.value as Source;
            const first = bundledTraceNames()[0];
            setField("trace", { ...shaping, [next]: next === "file" ? first : {} });
          }}
        >
          <option value="file">a trace file</option>
          <option value="sinusoidal">sinusoidal load (Dynamo's test)</option>
          <option value="poisson">Poisson load</option>
          <option value="steps">steps of constant rate</option>
          <option value="bursts">periodic bursts</option>
          <option value="diurnal">diurnal cycle</option>
        </select>
      </div>
      {source === "file" ? <TraceFileField /> : <GeneratorFields source={source} />}
      <NumberField path="trace.speedUp" label="Speed-up (replay k times faster)" fallback={1} />
      <NumberField path="trace.replicate" label="Replicate (k times the traffic)" fallback={1} />
      <NumberField path="trace.durationS" label="Replay only the first" unit="s" />
    </fieldset>
  );
}

function TraceFileField() {
  const file = useWorkbench((s) => fieldValue(s.draft, "trace.file"));
  const uploaded = useWorkbench((s) => s.trace);
  const setField = useWorkbench((s) => s.setField);
  const setTrace = useWorkbench((s) => s.setTrace);
  const bundled = bundledTraceNames();
  const isUploaded = uploaded !== null && file === uploaded.name;
  const missing = useFieldError("trace.file");
  return (
    <>
      <FieldError message={missing} />
      <div className="field">
        <label htmlFor="trace-file">Trace file</label>
        <select
          id="trace-file"
          value={typeof file === "string" ? file : ""}
          onChange={(event) => setField("trace.file", event.target.value)}
        >
          {bundled.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {uploaded !== null && <option value={uploaded.name}>{uploaded.name} (uploaded)</option>}
          {typeof file === "string" && !bundled.includes(file) && !isUploaded && (
            <option value={file}>{file} (not here: upload it)</option>
          )}
        </select>
      </div>
      <FileField
        id="trace-upload"
        label="Upload a trace (Mooncake .jsonl, Azure or BurstGPT .csv)"
        accept=".csv,.jsonl,.txt"
        take={async ([file]) => {
          const result = await readTraceFile(file);
          if (result instanceof Error) return result.message;
          setTrace(result);
          setField("trace.file", result.name);
          return null;
        }}
      />
    </>
  );
}

function GeneratorFields(props: { source: Exclude<Source, "file"> }) {
  const defaults = GENERATOR_DEFAULTS[props.source];
  return (
    <>
      {props.source === "steps" && <StepsField />}
      {Object.entries(defaults).map(([key, fallback]) =>
        typeof fallback === "number" ? (
          <NumberField
            key={key}
            path={`trace.${props.source}.${key}`}
            {...loadOptionLabel(key)}
            fallback={fallback}
          />
        ) : null,
      )}
    </>
  );
}

/** The steps of a step load, as JSON: [{"untilS": 600, "ratePerS": 5}, …]. */
function StepsField() {
  const steps = useWorkbench((s) => fieldValue(s.draft, "trace.steps.steps"));
  const setField = useWorkbench((s) => s.setField);
  const [text, setText] = useState(JSON.stringify(steps ?? []));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor="steps-json">Steps (JSON: untilS, ratePerS)</label>
      <textarea
        id="steps-json"
        rows={3}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            setField("trace.steps.steps", JSON.parse(event.target.value));
            setProblem(null);
          } catch (error) {
            setProblem(`not valid JSON: ${(error as Error).message}`);
          }
        }}
      />
      <FieldError message={problem} />
    </div>
  );
}

function ProfileSection() {
  const profile = useWorkbench((s) => s.profile);
  const setProfile = useWorkbench((s) => s.setProfile);
  const missing = useFieldError("profile");
  return (
    <fieldset>
      <legend>Profile</legend>
      <FieldError message={missing} />
      <p className="note">
        {profile === null
          ? "Bundled: Llama-3.1-8B-FP8 on one H200 per engine (Dynamo's profiler)."
          : `Uploaded: ${profile.prefill.name} and ${profile.decode.name}.`}
      </p>
      <FileField
        id="profile-upload"
        label="Upload a Dynamo profiler result folder, or its two raw_data files"
        folder
        take={async (files) => {
          const result = await readProfileFiles(files);
          if (result instanceof Error) return result.message;
          setProfile(result);
          return null;
        }}
      />
      {profile !== null && (
        <button type="button" onClick={() => setProfile(null)}>
          Use the bundled profile again
        </button>
      )}
    </fieldset>
  );
}

function PlannerSection() {
  const mode = useWorkbench((s) => fieldValue(s.draft, "planner.mode"));
  const improved = (mode ?? DEFAULT_PLANNER_CONFIG.mode) === "improved";
  return (
    <fieldset>
      <legend>Planner</legend>
      <ChoiceField
        path="planner.mode"
        {...plannerOptionLabel("mode")}
        choices={PLANNER_MODES}
        fallback={DEFAULT_PLANNER_CONFIG.mode}
      />
      <ChoiceField
        path="planner.loadPredictor"
        {...plannerOptionLabel("loadPredictor")}
        choices={LOAD_PREDICTOR_NAMES}
        fallback={DEFAULT_PLANNER_CONFIG.loadPredictor}
      />
      <NumberField
        path="planner.adjustmentIntervalS"
        {...plannerOptionLabel("adjustmentIntervalS")}
        fallback={DEFAULT_PLANNER_CONFIG.adjustmentIntervalS}
      />
      <NumberField
        path="planner.maxGpuBudget"
        {...plannerOptionLabel("maxGpuBudget")}
        fallback={DEFAULT_PLANNER_CONFIG.maxGpuBudget}
      />
      <NumberField
        path="planner.minEndpoint"
        {...plannerOptionLabel("minEndpoint")}
        fallback={DEFAULT_PLANNER_CONFIG.minEndpoint}
      />
      <NumberField
        path="planner.prefillEngineNumGpu"
        {...plannerOptionLabel("prefillEngineNumGpu")}
        fallback={DEFAULT_PLANNER_CONFIG.prefillEngineNumGpu}
      />
      <NumberField
        path="planner.decodeEngineNumGpu"
        {...plannerOptionLabel("decodeEngineNumGpu")}
        fallback={DEFAULT_PLANNER_CONFIG.decodeEngineNumGpu}
      />
      {improved && (
        <details>
          <summary>Improvements (improved mode)</summary>
          {IMPROVEMENT_FIELDS.map((key) => {
            const fallback = DEFAULT_PLANNER_CONFIG[key];
            return typeof fallback === "boolean" ? (
              <BooleanField
                key={key}
                path={`planner.${key}`}
                label={plannerOptionLabel(key).label}
                fallback={fallback}
              />
            ) : (
              <NumberField
                key={key}
                path={`planner.${key}`}
                {...plannerOptionLabel(key)}
                fallback={fallback as number}
              />
            );
          })}
        </details>
      )}
    </fieldset>
  );
}

/** The whole draft as JSON, for the settings the form does not show. */
function JsonEditor() {
  const draft = useWorkbench((s) => s.draft);
  const fileName = useWorkbench((s) => s.fileName);
  const loadScenario = useWorkbench((s) => s.loadScenario);
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(JSON.stringify(draft, null, 2)), [draft]);
  return (
    <details className="json-editor">
      <summary>Scenario JSON (every setting)</summary>
      <textarea
        aria-label="Scenario JSON"
        rows={16}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="button"
        onClick={() => {
          try {
            const value: unknown = JSON.parse(text);
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
              throw new Error("expected a JSON object");
            }
            loadScenario(value as Record<string, unknown>, fileName);
            setProblem(null);
          } catch (error) {
            setProblem(`not applied: ${(error as Error).message}`);
          }
        }}
      >
        Apply JSON
      </button>
      <FieldError message={problem} />
    </details>
  );
}

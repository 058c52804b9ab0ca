/**
 * Form fields bound to one path of the scenario draft. Each shows the simulator's own reason
 * when the draft's first problem is at its path, and is an ordinary labelled input, so the
 * keyboard and screen readers work as on any form.
 */
import { useId, useState } from "react";
import { errorBelongsTo, fieldValue, numberFromInput } from "../state/scenarioDraft.ts";
import { useWorkbench } from "../state/workbenchStore.ts";

/** A field's refusal, read out to screen readers as it appears; nothing when there is none. */
export function FieldError(props: { message: string | null; id?: string }) {
  if (props.message === null) return null;
  return (
    <p className="field-error" id={props.id} role="alert">
      {props.message}
    </p>
  );
}

/**
 * A file picker that hands the chosen files to `take`, which answers with the reason it refuses
 * them (shown under the picker) or null when it took them. `folder` offers a folder picker where
 * the browser has one, plain files otherwise.
 */
export function FileField(props: {
  id: string;
  label: React.ReactNode;
  accept?: string;
  folder?: boolean;
  take: (files: File[]) => Promise<string | null>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className={problem === null ? "field" : "field invalid"}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="file"
        accept={props.accept}
        multiple={props.folder}
        {...(props.folder ? { webkitdirectory: "" } : {})}
        onChange={async (event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0) setProblem(await props.take(files));
        }}
      />
      <FieldError message={problem} />
    </div>
  );
}

/** The reason to show at `path`, if the draft's problem is there. */
export function useFieldError(path: string): string | null {
  return useWorkbench((s) =>
    !s.check.ok && errorBelongsTo(s.check.path, path) ? s.check.reason : null,
  );
}

/**
 * A labelled field with its refusal under it. Its tooltip is the field's path in the scenario
 * JSON ("trace.poisson.ratePerS"), so a label in plain words still tells a JSON editor the key.
 */
function FieldShell(props: {
  id: string;
  path: string;
  label: string;
  unit?: string;
  error: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className={props.error === null ? "field" : "field invalid"} title={props.path}>
      <label htmlFor={props.id}>
        {props.label}
        {props.unit !== undefined && <span className="unit"> ({props.unit})</span>}
      </label>
      {props.children}
      <FieldError message={props.error} id={`${props.id}-error`} />
    </div>
  );
}

export function NumberField(props: {
  path: string;
  label: string;
  unit?: string;
  fallback?: number;
}) {
  const id = useId();
  const value = useWorkbench((s) => fieldValue(s.draft, props.path));
  const setField = useWorkbench((s) => s.setField);
  const error = useFieldError(props.path);
  return (
    <FieldShell id={id} path={props.path} label={props.label} unit={props.unit} error={error}>
      <input
        id={id}
        name={props.path}
        inputMode="decimal"
        value={value === undefined ? "" : String(value)}
        placeholder={props.fallback === undefined ? "" : String(props.fallback)}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : `${id}-error`}
        onChange={(event) => setField(props.path, numberFromInput(event.target.value))}
      />
    </FieldShell>
  );
}

export function ChoiceField(props: {
  path: string;
  label: string;
  choices: readonly string[];
  fallback: string;
}) {
  const id = useId();
  const value = useWorkbench((s) => fieldValue(s.draft, props.path));
  const setField = useWorkbench((s) => s.setField);
  const error = useFieldError(props.path);
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={error}>
      <select
        id={id}
        name={props.path}
        value={typeof value === "string" ? value : props.fallback}
        onChange={(event) => setField(props.path, event.target.value)}
      >
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function BooleanField(props: { path: string; label: string; fallback: boolean }) {
  const id = useId();
  const value = useWorkbench((s) => fieldValue(s.draft, props.path));
  const setField = useWorkbench((s) => s.setField);
  const error = useFieldError(props.path);
  return (
    <div className={error === null ? "field check" : "field check invalid"} title={props.path}>
      <input
        id={id}
        type="checkbox"
        name={props.path}
        checked={typeof value === "boolean" ? value : props.fallback}
        onChange={(event) => setField(props.path, event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      <FieldError message={error} />
    </div>
  );
}

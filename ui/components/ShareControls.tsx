/**
 * Keep and share the scenario: the link carries it in the URL, and the download is the same
 * JSON file `slaplan sim` runs (the upload is in the scenario form).
 */
import { useState } from "react";
import { hashOfScenario } from "../state/shareLink.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import { downloadText } from "./download.ts";

export function ShareControls() {
  const draft = useWorkbench((s) => s.draft);
  const fileName = useWorkbench((s) => s.fileName);
  const [copied, setCopied] = useState(false);
  return (
    <span className="share">
      <button
        type="button"
        onClick={() =>
          downloadText(fileName, `${JSON.stringify(draft, null, 2)}\n`, "application/json")
        }
      >
        Download scenario
      </button>
      <button
        type="button"
        onClick={async () => {
          const url = `${location.origin}${location.pathname}${hashOfScenario(draft)}`;
          history.replaceState(null, "", url);
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          } catch {
            // No clipboard (an insecure origin): the link is in the address bar all the same.
            setCopied(false);
          }
        }}
      >
        Link to this scenario
      </button>
      {copied && <span role="status">Link copied</span>}
    </span>
  );
}

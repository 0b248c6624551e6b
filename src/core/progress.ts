/**
 * Long work reports progress as events; the core never prints. The CLI turns events into a bar on a TTY,
 * nothing when piped, NDJSON with `--progress=json`. (dependency-cruiser `utl/bus.mjs`.)
 */
interface ProgressEvent {
  /** Phase name, e.g. `walk`, `read`, `parse`, `probe`. */
  phase: string;
  /** Units done so far in this phase. */
  done: number;
  /** Units in this phase, when known. */
  total?: number;
  /** Short detail such as the current file. */
  detail?: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

/** A listener that ignores everything, the default for library callers. */
export const silent: ProgressListener = () => {};

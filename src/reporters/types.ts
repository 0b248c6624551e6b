/** What every reporter returns: the text to print and the exit code it implies. Only the CLI prints. */
export interface ReporterResult {
  output: string;
  exitCode: number;
}

/** Options every reporter understands. */
export interface ReporterOptions {
  colour: boolean;
  /** The terminal's columns that tables fit; absent when piped (tables stay whole). */
  width?: number | undefined;
}

/** A reporter is a pure function from a document to text. */
export type Reporter<T> = (data: T, options: ReporterOptions) => ReporterResult;

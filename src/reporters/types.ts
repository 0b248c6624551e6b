/** What every reporter returns: the text to print and the exit code it implies. Only the CLI prints. */
export interface ReporterResult {
  output: string;
  exitCode: number;
}

/** Options every reporter understands. */
export interface ReporterOptions {
  colour: boolean;
}

/** A reporter is a pure function from a document to text. */
export type Reporter<T> = (data: T, options: ReporterOptions) => ReporterResult;

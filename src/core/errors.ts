/**
 * The few named errors gatewatch raises, each with a stable code. A known error is printed as message, cause
 * and hint with exit code 2; anything else keeps its stack. (Shape learned from vitest `node/errors.ts`.)
 */
export type ErrorCode =
  | 'E_USAGE' // bad command line
  | 'E_NO_TREE' // the tree to scan does not exist or is not a directory / repository
  | 'E_BAD_INPUT' // an input document (scan.json, registry, roadmap, baseline) is not what it should be
  | 'E_GIT' // git failed on a repository the user named
  | 'E_TOOLCHAIN' // a toolchain the user named cannot be found or run
  | 'E_PARSER'; // the Rust parser could not be loaded

export class GatewatchError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewatchError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isGatewatchError(e: unknown): e is GatewatchError {
  return e instanceof GatewatchError;
}

/** Exit codes: 0 ok, 1 findings a command was asked to fail on, 2 usage error or crash. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

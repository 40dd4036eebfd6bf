/**
 * Errors the user can act on. The CLI prints `message` as one line and exits 2;
 * anything that is not a CompatError is an internal error (also exit 2, with a
 * stack trace under --debug).
 */
export type CompatErrorKind = 'usage' | 'config' | 'data' | 'input';

export class CompatError extends Error {
  readonly kind: CompatErrorKind;

  constructor(kind: CompatErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CompatError';
    this.kind = kind;
  }
}

export function isCompatError(error: unknown): error is CompatError {
  return error instanceof CompatError;
}

/** V8's "Maximum call stack size exceeded": recursive parsers and walks meet it on code nested thousands deep. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

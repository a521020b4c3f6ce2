/** A failure the emulator answers with an HTTP status and a CloudError body. */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export const notFound = (what: string): EmulatorError => new EmulatorError(404, 'NotFound', `${what} was not found.`);
export const preconditionFailed = (message: string): EmulatorError => new EmulatorError(412, 'PreconditionFailed', message);
export const badRequest = (message: string): EmulatorError => new EmulatorError(400, 'BadRequest', message);

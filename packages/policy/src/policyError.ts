/** What went wrong, for the few APIs of this package that reject their input instead of reporting. */
export type PolicyErrorCode = 'INVALID_SERVICE_DEFINITION' | 'DUPLICATE_SERVICE';

/**
 * The one error class of `@gatehouse/policy`. Policy content never causes it (documents get
 * findings); only programming-level input such as a malformed service definition does.
 */
export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PolicyError';
  }
}

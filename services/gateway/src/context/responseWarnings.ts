/**
 * Warnings for the caller, returned in the response's `extensions.warnings`:
 * root usage, MFA recommended, a change applied without approval. Each message
 * appears once however often it is added.
 */
export class ResponseWarnings {
  readonly #messages = new Set<string>();

  add(message: string): void {
    this.#messages.add(message);
  }

  addAll(messages: readonly string[]): void {
    for (const message of messages) this.#messages.add(message);
  }

  /** The warnings in the order first added. */
  list(): string[] {
    return [...this.#messages];
  }
}

// A steady flow of changes through the gateway while a fault is injected: each
// round creates a user (a new stream) and re-tags one user (one stream whose
// version keeps growing), so the log has many streams and a long one.
import type { GraphqlClient } from './graphqlClient.js';

/** A writer running in the background until {@link ChangeFlow.stop}. */
export class ChangeFlow {
  /** Completed rounds (each appended its events). */
  rounds = 0;
  readonly failures: string[] = [];
  readonly #client: GraphqlClient;
  readonly #token: string;
  readonly #prefix: string;
  #running = true;
  #loop: Promise<void> = Promise.resolve();

  private constructor(client: GraphqlClient, token: string, prefix: string) {
    this.#client = client;
    this.#token = token;
    this.#prefix = prefix;
  }

  /** Creates the re-tagged user, then starts the rounds. */
  static async start(client: GraphqlClient, token: string, prefix: string): Promise<ChangeFlow> {
    const flow = new ChangeFlow(client, token, prefix);
    await client.must(
      `mutation($u: String!) { createUser(userName: $u) { status } }`,
      { u: `${prefix}-tagged` },
      token,
    );
    flow.#loop = flow.#run();
    return flow;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const round = this.rounds;
      try {
        await this.#client.must(
          `mutation($u: String!) { createUser(userName: $u) { status } }`,
          { u: `${this.#prefix}-${round}` },
          this.#token,
        );
        await this.#client.must(
          `mutation($u: String!, $v: String!) { tagUser(userName: $u, tags: [{ key: "round", value: $v }]) { checkpoint } }`,
          { u: `${this.#prefix}-tagged`, v: String(round) },
          this.#token,
        );
        this.rounds += 1;
      } catch (error) {
        // The gateway does not depend on Kafka or the approvals service: any failure is a finding.
        this.failures.push(String(error));
        if (this.failures.length > 20) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves once `count` more rounds completed (or fails after `timeoutMs`). */
  async advance(count: number, timeoutMs = 60_000): Promise<void> {
    const target = this.rounds + count;
    const deadline = Date.now() + timeoutMs;
    while (this.rounds < target) {
      if (this.failures.length > 0) throw new Error(`changes failed: ${this.failures[0]}`);
      if (Date.now() > deadline) {
        throw new Error(`only ${this.rounds} of ${target} change rounds within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }
}

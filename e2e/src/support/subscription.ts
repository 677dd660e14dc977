// A GraphQL subscription as a client opens it: graphql-ws (graphql-transport-ws
// protocol) at ws://<gateway>/graphql, the session token in connection_init's
// payload, every result kept in arrival order.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from './waitFor.js';

/** One subscription on a connection of its own; {@link close} it when done. */
export class Subscription<T> {
  /** The `data` of every result, in arrival order. */
  readonly received: T[] = [];
  /** GraphQL errors or a connection failure, as text. */
  readonly errors: string[] = [];
  /** Set once the server has acknowledged connection_init. */
  connected = false;
  readonly #client: Client;
  #done = false;

  private constructor(gatewayBaseUrl: string, token: string) {
    this.#client = createClient({
      url: `${gatewayBaseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => {
          this.connected = true;
        },
      },
    });
  }

  /**
   * Connects with `token` and subscribes; resolves once the server acknowledged
   * the connection. graphql-ws acknowledges no subscription: a test that must
   * know it is live waits for a sign of it (see `waitForDecisionLogged`).
   */
  static async open<T>(
    gatewayBaseUrl: string,
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Subscription<T>> {
    const opened = new Subscription<T>(gatewayBaseUrl, token);
    opened.#client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors !== undefined) opened.errors.push(JSON.stringify(result.errors));
          if (result.data !== undefined && result.data !== null) opened.received.push(result.data);
        },
        error: (error) => {
          opened.errors.push(error instanceof Error ? error.message : JSON.stringify(error));
          opened.#done = true;
        },
        complete: () => {
          opened.#done = true;
        },
      },
    );
    await waitFor(() => (opened.connected ? true : undefined), {
      what: 'the graphql-ws connection to be acknowledged',
      timeoutMs: 10_000,
      context: () => opened.errors.join('\n'),
    });
    return opened;
  }

  /** True once the server completed or failed the subscription. */
  get done(): boolean {
    return this.#done;
  }

  /** Waits until `count` results arrived (fails early on an error result). */
  async waitForCount(count: number, what: string, timeoutMs = 30_000): Promise<T[]> {
    return waitFor(
      () => {
        if (this.errors.length > 0)
          throw new Error(`subscription failed: ${this.errors.join('; ')}`);
        return this.received.length >= count ? [...this.received] : undefined;
      },
      { what, timeoutMs, context: () => `received so far: ${JSON.stringify(this.received)}` },
    );
  }

  async close(): Promise<void> {
    await this.#client.dispose();
  }
}

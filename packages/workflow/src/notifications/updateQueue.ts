/**
 * A bounded queue as an async iterator: a subscriber that falls more than
 * `capacity` updates behind is ended (it re-subscribes and reads the request
 * again) rather than letting memory grow.
 */
export class UpdateQueue<T> implements AsyncIterableIterator<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #done = false;
  readonly #onClose: () => void;

  constructor(capacity: number, onClose: () => void) {
    this.#capacity = capacity;
    this.#onClose = onClose;
  }

  /** Adds an item; ends the queue when the subscriber is too far behind. */
  push(item: T): void {
    if (this.#done) return;
    if (this.#waiting !== undefined) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.#items.length >= this.#capacity) {
      this.close();
      return;
    }
    this.#items.push(item);
  }

  /** Ends the iteration (pending items are dropped). */
  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#items.length = 0;
    this.#onClose();
    const resolve = this.#waiting;
    this.#waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

/**
 * Reachability over a small directed graph as bit sets: every node's set of reachable nodes
 * (itself included), computed once with Tarjan's strongly connected components, so that "can
 * `a` reach `b`" is one bit test instead of a search per question. Nodes are numbered 0..n-1.
 */
export class Reachability {
  readonly #words: number;
  /** Per component, its reach set (`#words` words each). */
  readonly #reach: Uint32Array;
  /** Per node, its component. */
  readonly #componentOf: Int32Array;
  readonly componentCount: number;

  /** `successors[i]`: the nodes with an edge from node `i` (duplicates allowed). */
  constructor(successors: readonly (readonly number[])[]) {
    const n = successors.length;
    const words = Math.max(1, Math.ceil(n / 32));
    this.#words = words;
    const componentOf = new Int32Array(n).fill(-1);
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    const reach: Uint32Array[] = [];
    let counter = 0;
    // Iterative Tarjan: a frame is (node, index of the next successor to visit).
    const frames: number[] = [];
    for (let root = 0; root < n; root++) {
      if (order[root] !== -1) continue;
      frames.push(root, 0);
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (frames.length > 0) {
        const top = frames.length - 2;
        const node = frames[top] ?? 0;
        const next = frames[top + 1] ?? 0;
        const out = successors[node] ?? [];
        if (next < out.length) {
          frames[top + 1] = next + 1;
          const to = out[next] ?? 0;
          if (order[to] === -1) {
            order[to] = low[to] = counter++;
            stack.push(to);
            onStack[to] = 1;
            frames.push(to, 0);
          } else if (onStack[to] === 1) {
            low[node] = Math.min(low[node] ?? 0, order[to] ?? 0);
          }
          continue;
        }
        frames.length = top;
        if (frames.length > 0) {
          const parent = frames[frames.length - 2] ?? 0;
          low[parent] = Math.min(low[parent] ?? 0, low[node] ?? 0);
        }
        if (low[node] !== order[node]) continue;
        // `node` roots a component; every component it reaches is already complete.
        const component = reach.length;
        const set = new Uint32Array(words);
        const members: number[] = [];
        let member: number | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack[member] = 0;
          componentOf[member] = component;
          members.push(member);
          set[member >>> 5] = (set[member >>> 5] ?? 0) | (1 << (member & 31));
        } while (member !== node);
        for (const m of members) {
          for (const to of successors[m] ?? []) {
            const other = componentOf[to] ?? -1;
            if (other === component || other < 0) continue;
            const source = reach[other];
            if (source === undefined) continue;
            for (let w = 0; w < words; w++) set[w] = (set[w] ?? 0) | (source[w] ?? 0);
          }
        }
        reach.push(set);
      }
    }
    const all = new Uint32Array(reach.length * words);
    reach.forEach((set, i) => all.set(set, i * words));
    this.#reach = all;
    this.#componentOf = componentOf;
    this.componentCount = reach.length;
  }

  /** The component of a node (nodes of one component reach the same nodes). */
  componentOf(node: number): number {
    return this.#componentOf[node] ?? -1;
  }

  /** Whether `from` reaches `to` (every node reaches itself). */
  reaches(from: number, to: number): boolean {
    const component = this.#componentOf[from] ?? -1;
    if (component < 0 || to < 0) return false;
    const word = this.#reach[component * this.#words + (to >>> 5)] ?? 0;
    return (word & (1 << (to & 31))) !== 0;
  }

  /** Whether `from` reaches some node of the set (a bit set as made by `bitSet`). */
  reachesAny(from: number, set: Uint32Array): boolean {
    const component = this.#componentOf[from] ?? -1;
    if (component < 0) return false;
    const base = component * this.#words;
    for (let w = 0; w < this.#words; w++) {
      if (((this.#reach[base + w] ?? 0) & (set[w] ?? 0)) !== 0) return true;
    }
    return false;
  }

  /** The nodes `from` reaches, in increasing order. */
  reachedBy(from: number): number[] {
    const component = this.#componentOf[from] ?? -1;
    const out: number[] = [];
    if (component < 0) return out;
    const base = component * this.#words;
    for (let w = 0; w < this.#words; w++) {
      let word = this.#reach[base + w] ?? 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        out.push(w * 32 + bit);
        word &= word - 1;
      }
    }
    return out;
  }

  /** A bit set of the given nodes, for `reachesAny`. */
  bitSet(nodes: Iterable<number>): Uint32Array {
    const set = new Uint32Array(this.#words);
    for (const node of nodes) set[node >>> 5] = (set[node >>> 5] ?? 0) | (1 << (node & 31));
    return set;
  }
}

import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { parsePointer } from './jsonPointer.js';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A syntax error of a file, located. */
export interface SyntaxProblem extends Position {
  readonly message: string;
}

/** Aliases expand into copies; a bound keeps a hostile file from expanding without limit. */
const MAX_ALIAS_COUNT = 100;

/**
 * A YAML or JSON file parsed with positions. JSON files are parsed as YAML 1.2 (a superset,
 * so positions work the same) and must also pass `JSON.parse`. Policy findings of documents
 * embedded anywhere in the file are located by mapping their JSON pointers to nodes here.
 */
export class SourceFile {
  /** The value of the file (undefined when it did not parse). */
  readonly value: unknown;
  readonly problems: readonly SyntaxProblem[];
  private readonly document: Document.Parsed;
  private readonly lines: LineCounter;

  /**
   * @param file the display path (relative to the working directory)
   * @param text the file's content
   * @param format `json` for `.json` files, otherwise `yaml`
   */
  constructor(
    readonly file: string,
    readonly text: string,
    readonly format: 'yaml' | 'json',
  ) {
    this.lines = new LineCounter();
    this.document = parseDocument(text, {
      lineCounter: this.lines,
      prettyErrors: true,
      uniqueKeys: true,
      merge: false,
      version: '1.2',
    });
    const problems: SyntaxProblem[] = this.document.errors.map((error) => ({
      message: firstLine(error.message),
      line: error.linePos?.[0].line ?? 1,
      column: error.linePos?.[0].col ?? 1,
    }));
    if (problems.length === 0 && format === 'json') {
      const jsonProblem = strictJsonProblem(text, this.lines);
      if (jsonProblem !== undefined) problems.push(jsonProblem);
    }
    this.problems = problems;
    let value: unknown;
    if (problems.length === 0) {
      try {
        value = this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
      } catch (error) {
        problems.push({ message: errorMessage(error), line: 1, column: 1 });
      }
    }
    this.value = value;
  }

  /** The position of an offset in the text. */
  positionOf(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * The position of the element a JSON pointer names: its value, or its key with `at: 'key'`.
   * When the pointer goes past what the file has, the deepest element that exists.
   */
  locate(pointer: string, at: 'value' | 'key' = 'value'): Position {
    const { node, pair, complete } = this.walk(pointer);
    if (complete && at === 'key' && pair?.key != null && isNodeWithRange(pair.key)) {
      return this.positionOf(pair.key.range[0]);
    }
    if (node !== undefined && isNodeWithRange(node)) return this.positionOf(node.range[0]);
    if (pair?.key != null && isNodeWithRange(pair.key)) return this.positionOf(pair.key.range[0]);
    return { line: 1, column: 1 };
  }

  /** The offsets of a pointer's key and value, when the pointer ends at a map entry. */
  offsetsOf(pointer: string): { key?: number; value?: number } {
    const { node, pair, complete } = this.walk(pointer);
    if (!complete) return {};
    const result: { key?: number; value?: number } = {};
    if (pair?.key != null && isNodeWithRange(pair.key)) result.key = pair.key.range[0];
    if (node !== undefined && isNodeWithRange(node)) result.value = node.range[0];
    return result;
  }

  private walk(pointer: string): { node: unknown; pair: Pair | undefined; complete: boolean } {
    let node: unknown = this.document.contents;
    let pair: Pair | undefined;
    for (const token of parsePointer(pointer)) {
      if (isMap(node)) {
        const found = node.items.find(
          (item): item is Pair =>
            isPair(item) && isScalar(item.key) && String(item.key.value) === token,
        );
        if (found === undefined) return { node, pair, complete: false };
        pair = found;
        node = found.value ?? undefined;
        if (node === undefined) return { node: undefined, pair, complete: true };
      } else if (isSeq(node)) {
        const index = /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
        const item: unknown = node.items[index];
        if (item === undefined) return { node, pair, complete: false };
        pair = undefined;
        node = item;
      } else {
        return { node, pair, complete: false };
      }
    }
    return { node, pair, complete: true };
  }
}

function isNodeWithRange(node: unknown): node is YamlNode & { range: [number, number, number] } {
  return (
    typeof node === 'object' &&
    node !== null &&
    'range' in node &&
    Array.isArray((node as { range?: unknown }).range)
  );
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  const cleaned = line.replace(/ at line \d+, column \d+:?$/, '');
  return cleaned.charAt(0).toLowerCase() + cleaned.slice(1);
}

function errorMessage(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

/** YAML accepts more than JSON (comments, single quotes...); a `.json` file must be JSON. */
function strictJsonProblem(text: string, lines: LineCounter): SyntaxProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const { line, col } =
      offset === undefined ? { line: 1, col: 1 } : lines.linePos(Number(offset));
    return { message: `not valid JSON: ${firstLine(message)}`, line, column: col };
  }
}

import type { JsonArray, JsonMember, JsonNode, JsonObject, JsonString } from './jsonAst.js';

/** Bounds on what the parser accepts, so hostile input cannot exhaust memory or the stack. */
export interface JsonLimits {
  /** Maximum length of the text in UTF-16 code units. */
  readonly maxLength: number;
  /** Maximum nesting of arrays and objects. */
  readonly maxDepth: number;
}

/** Why the text is not acceptable JSON. */
export interface JsonFailure {
  readonly kind: 'syntax' | 'too-large' | 'too-deep';
  readonly message: string;
  readonly offset: number;
}

/** The parsed value, or why there is none. */
export type JsonParseResult =
  | {
      readonly ok: true;
      readonly value: JsonNode;
      /** Length of the text without the whitespace between tokens (IAM's size measure). */
      readonly significantLength: number;
    }
  | { readonly ok: false; readonly failure: JsonFailure };

/**
 * Parses JSON (RFC 8259) keeping the offset of every value and key. Never throws: syntax errors
 * and exceeded limits are returned as a failure. Recursion is bounded by `maxDepth`.
 */
export function parseJson(text: string, limits: JsonLimits): JsonParseResult {
  if (text.length > limits.maxLength) {
    return {
      ok: false,
      failure: {
        kind: 'too-large',
        message: `the document has ${text.length} characters, more than the ${limits.maxLength} accepted`,
        offset: 0,
      },
    };
  }
  const parser = new JsonParser(text, limits.maxDepth);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, significantLength: text.length - parser.insignificant };
  } catch (error) {
    if (error instanceof JsonParseFailure) return { ok: false, failure: error.failure };
    throw error;
  }
}

/** Thrown inside the parser only, to unwind to `parseJson`. */
class JsonParseFailure extends Error {
  constructor(readonly failure: JsonFailure) {
    super(failure.message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class JsonParser {
  pos = 0;
  depth = 0;
  /** Whitespace between tokens (and a byte-order mark), which IAM does not count. */
  insignificant = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): JsonNode {
    if (this.text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.insignificant = 1;
    }
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the document is empty', this.pos);
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail(`unexpected ${this.describe(this.pos)} after the end of the document`, this.pos);
    }
    return value;
  }

  private parseValue(): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case OPEN_BRACE:
        return this.parseObject();
      case OPEN_BRACKET:
        return this.parseArray();
      case QUOTE:
        return this.parseString();
      case 0x74: // t
        return this.parseLiteral('true', { kind: 'boolean', offset: this.pos, value: true });
      case 0x66: // f
        return this.parseLiteral('false', { kind: 'boolean', offset: this.pos, value: false });
      case 0x6e: // n
        return this.parseLiteral('null', { kind: 'null', offset: this.pos });
      default:
        if (c === MINUS || isDigit(c)) return this.parseNumber();
        return this.fail(`unexpected ${this.describe(this.pos)}, expected a value`, this.pos);
    }
  }

  private enter(offset: number): void {
    this.depth++;
    if (this.depth > this.maxDepth) {
      throw new JsonParseFailure({
        kind: 'too-deep',
        message: `the document nests arrays and objects deeper than ${this.maxDepth} levels`,
        offset,
      });
    }
  }

  private parseObject(): JsonObject {
    const offset = this.pos;
    this.enter(offset);
    this.pos++;
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      this.depth--;
      return { kind: 'object', offset, members };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== QUOTE) {
        this.fail(`unexpected ${this.describe(this.pos)}, expected a string key`, this.pos);
      }
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== COLON) {
        this.fail(`unexpected ${this.describe(this.pos)}, expected \`:\``, this.pos);
      }
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue();
      members.push({ key: key.value, keyOffset: key.offset, value });
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === CLOSE_BRACE) {
        this.pos++;
        this.depth--;
        return { kind: 'object', offset, members };
      }
      this.fail(`unexpected ${this.describe(this.pos)}, expected \`,\` or \`}\``, this.pos);
    }
  }

  private parseArray(): JsonArray {
    const offset = this.pos;
    this.enter(offset);
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      this.depth--;
      return { kind: 'array', offset, items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue());
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === CLOSE_BRACKET) {
        this.pos++;
        this.depth--;
        return { kind: 'array', offset, items };
      }
      this.fail(`unexpected ${this.describe(this.pos)}, expected \`,\` or \`]\``, this.pos);
    }
  }

  private parseString(): JsonString {
    const offset = this.pos;
    const text = this.text;
    let pos = offset + 1;
    let value = '';
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length) this.fail('unterminated string', offset);
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        value += text.slice(chunkStart, pos);
        this.pos = pos + 1;
        return { kind: 'string', offset, value };
      }
      if (c < 0x20) this.fail('a control character in a string must be escaped', pos);
      if (c !== BACKSLASH) {
        pos++;
        continue;
      }
      value += text.slice(chunkStart, pos);
      const escape = text.charCodeAt(pos + 1);
      switch (escape) {
        case QUOTE:
          value += '"';
          break;
        case BACKSLASH:
          value += '\\';
          break;
        case 0x2f:
          value += '/';
          break;
        case 0x62:
          value += '\b';
          break;
        case 0x66:
          value += '\f';
          break;
        case 0x6e:
          value += '\n';
          break;
        case 0x72:
          value += '\r';
          break;
        case 0x74:
          value += '\t';
          break;
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid `\\u` escape in a string', pos);
          value += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.fail(
            Number.isNaN(escape)
              ? 'unterminated string'
              : `invalid escape \`\\${String.fromCharCode(escape)}\` in a string`,
            pos,
          );
      }
      pos += 2;
      chunkStart = pos;
    }
  }

  private parseNumber(): JsonNode {
    const offset = this.pos;
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = offset;
    const found = match.exec(this.text);
    const end = found === null ? offset : offset + found[0].length;
    // A number must end at a delimiter: `01`, `1.` and `-` are not JSON numbers.
    const next = this.text.charCodeAt(end);
    if (found === null || isDigit(next) || next === 0x2e || next === 0x65 || next === 0x45) {
      const token = /^-?[0-9.eE+-]*/.exec(this.text.slice(offset, offset + 32))?.[0] ?? '';
      this.fail(`invalid number \`${token}\``, offset);
    }
    this.pos = end;
    return { kind: 'number', offset, text: found[0] };
  }

  private parseLiteral<T extends JsonNode>(word: string, node: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      this.fail(`unexpected ${this.describe(this.pos)}, expected a value`, this.pos);
    }
    this.pos += word.length;
    return node;
  }

  private skipWhitespace(): void {
    const start = this.pos;
    while (isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
    this.insignificant += this.pos - start;
  }

  /** Names the character at `pos` for a message: `x` in backticks, or "end of input". */
  private describe(pos: number): string {
    if (pos >= this.text.length) return 'end of input';
    const c = this.text.charCodeAt(pos);
    if (c < 0x20 || c === 0x7f) return `character \`\\u${c.toString(16).padStart(4, '0')}\``;
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(pos, pos + 24))?.[0];
    return `\`${word ?? this.text.charAt(pos)}\``;
  }

  private fail(message: string, offset: number): never {
    throw new JsonParseFailure({ kind: 'syntax', message, offset });
  }
}

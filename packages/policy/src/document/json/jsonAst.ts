/** A JSON value with the offset where it starts in the text, as produced by `parseJson`. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

/** A JSON object; members keep their order and duplicates (JSON allows them, IAM does not). */
export interface JsonObject {
  readonly kind: 'object';
  readonly offset: number;
  readonly members: readonly JsonMember[];
}

/** One `"key": value` pair of an object. */
export interface JsonMember {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

/** A JSON array. */
export interface JsonArray {
  readonly kind: 'array';
  readonly offset: number;
  readonly items: readonly JsonNode[];
}

/** A JSON string, unescaped. */
export interface JsonString {
  readonly kind: 'string';
  readonly offset: number;
  readonly value: string;
}

/** A JSON number, kept as its source text so that printing it back is exact. */
export interface JsonNumber {
  readonly kind: 'number';
  readonly offset: number;
  readonly text: string;
}

/** `true` or `false`. */
export interface JsonBoolean {
  readonly kind: 'boolean';
  readonly offset: number;
  readonly value: boolean;
}

/** `null`. */
export interface JsonNull {
  readonly kind: 'null';
  readonly offset: number;
}

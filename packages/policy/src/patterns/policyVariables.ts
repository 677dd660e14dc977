import type { GlobPiece } from './glob.js';

/**
 * A string of policy text split into its policy variables. IAM recognises variables only in
 * policies whose Version is 2012-10-17; elsewhere `${...}` is literal text.
 */
export interface Template {
  readonly raw: string;
  readonly parts: readonly TemplatePart[];
  /** Whether some part must be looked up in the request (escapes like `${*}` do not count). */
  readonly hasVariables: boolean;
}

/** Policy text, an escape (`${*}`, `${?}`, `${$}`), or a variable with an optional default. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'escape'; readonly text: string }
  | {
      readonly kind: 'variable';
      /** The key as written; IAM compares key names case-insensitively. */
      readonly key: string;
      readonly defaultValue: string | undefined;
      /** Where `${` starts in the raw string. */
      readonly start: number;
    };

/** A `${` that does not form a valid variable; the text is kept literally. */
export interface TemplateProblem {
  readonly message: string;
  readonly start: number;
}

/** Looks up a single-valued request key for substitution; undefined if absent or multivalued. */
export type VariableLookup = (key: string) => string | undefined;

const VARIABLE_BODY = /^\s*([^\s,'{}$]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Splits policy text into text, escapes and variables. Malformed `${...}` is kept as text and
 * reported as a problem (validation turns problems into findings).
 */
export function parseTemplate(
  raw: string,
  variablesEnabled: boolean,
): { template: Template; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  if (!variablesEnabled || !raw.includes('${')) {
    return {
      template: { raw, parts: [{ kind: 'text', text: raw }], hasVariables: false },
      problems,
    };
  }
  const parts: TemplatePart[] = [];
  let text = '';
  let hasVariables = false;
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start < 0) {
      text += raw.slice(i);
      break;
    }
    text += raw.slice(i, start);
    const end = raw.indexOf('}', start + 2);
    if (end < 0) {
      problems.push({ message: 'unterminated policy variable, `}` is missing', start });
      text += raw.slice(start);
      break;
    }
    const body = raw.slice(start + 2, end);
    const whole = raw.slice(start, end + 1);
    if (body === '*' || body === '?' || body === '$') {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'escape', text: body });
    } else {
      const match = VARIABLE_BODY.exec(body);
      const key = match?.[1];
      if (match === null || key === undefined) {
        problems.push({ message: `invalid policy variable \`${whole}\``, start });
        text += whole;
      } else {
        if (text !== '') parts.push({ kind: 'text', text });
        text = '';
        parts.push({ kind: 'variable', key, defaultValue: match[2], start });
        hasVariables = true;
      }
    }
    i = end + 1;
  }
  if (text !== '' || parts.length === 0) parts.push({ kind: 'text', text });
  return { template: { raw, parts, hasVariables }, problems };
}

/** The template as glob pieces: text keeps its wildcards, substituted values are literal. */
export function resolvePieces(
  template: Template,
  lookup: VariableLookup | undefined,
): GlobPiece[] | undefined {
  const pieces: GlobPiece[] = [];
  for (const part of template.parts) {
    switch (part.kind) {
      case 'text':
        pieces.push({ text: part.text, wildcards: true });
        break;
      case 'escape':
        pieces.push({ text: part.text, wildcards: false });
        break;
      case 'variable': {
        const value = lookup?.(part.key) ?? part.defaultValue;
        if (value === undefined) return undefined;
        pieces.push({ text: value, wildcards: false });
        break;
      }
    }
  }
  return pieces;
}

/**
 * The template as a plain string with variables substituted, or undefined when a variable has
 * neither a value in the request nor a default (IAM then treats the statement as not matching).
 */
export function resolveString(
  template: Template,
  lookup: VariableLookup | undefined,
): string | undefined {
  if (template.parts.length === 1 && template.parts[0]?.kind === 'text') return template.raw;
  let result = '';
  for (const part of template.parts) {
    if (part.kind === 'variable') {
      const value = lookup?.(part.key) ?? part.defaultValue;
      if (value === undefined) return undefined;
      result += value;
    } else {
      result += part.text;
    }
  }
  return result;
}

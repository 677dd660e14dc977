// The SARIF 2.1.0 JSON schema (draft-04) shipped by @microsoft/jest-sarif, compiled with ajv.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// Both are CommonJS modules whose class or function is also their `default` export.
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const require = createRequire(import.meta.url);
const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** Validates a value against the SARIF 2.1.0 schema; returns ajv's errors (empty when valid). */
export function sarifSchemaErrors(value: unknown): unknown[] {
  // `unicodeRegExp: false`: the schema's `language` pattern has a stray `]` that is an error only
  // in unicode mode; `strict: false`: the schema uses keywords ajv's strict mode flags.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

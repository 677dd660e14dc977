/**
 * A small structural checker for corpus files: each function returns the problems it finds,
 * named by path, so a malformed case fails loudly with a precise message instead of running.
 */
export type Problems = string[];

/** A plain object (a YAML map). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports keys outside `allowed` and missing `required` keys. */
export function checkKeys(
  value: Record<string, unknown>,
  path: string,
  required: readonly string[],
  optional: readonly string[],
  problems: Problems,
): void {
  for (const key of required) {
    if (!(key in value)) problems.push(`${path}: missing \`${key}\``);
  }
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      problems.push(`${path}: unexpected key \`${key}\``);
    }
  }
}

/** Reports a value that is not a non-empty string. */
export function checkText(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${path}: expected a non-empty string`);
  }
}

/** Reports a value that is not one of `choices`. */
export function checkChoice(
  value: unknown,
  path: string,
  choices: readonly string[],
  problems: Problems,
): void {
  if (typeof value !== 'string' || !choices.includes(value)) {
    problems.push(`${path}: expected one of ${choices.join(', ')}`);
  }
}

/** Reports a value that is not an integer at least `min`. */
export function checkInteger(value: unknown, path: string, min: number, problems: Problems): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    problems.push(`${path}: expected an integer >= ${min}`);
  }
}

/** Checks `{ cases: [...] }` and each case with `checkCase`; notes must be unique. */
export function checkCaseFile(
  data: unknown,
  checkCase: (value: Record<string, unknown>, path: string, problems: Problems) => void,
): Problems {
  const problems: Problems = [];
  if (!isRecord(data)) return ['the file must be a map with `cases`'];
  checkKeys(data, '', ['cases'], [], problems);
  const cases = data.cases;
  if (!Array.isArray(cases) || cases.length === 0) {
    problems.push('`cases` must be a non-empty list');
    return problems;
  }
  const notes = new Set<string>();
  cases.forEach((value: unknown, index) => {
    const path = `cases[${index}]`;
    if (!isRecord(value)) {
      problems.push(`${path}: a case must be a map`);
      return;
    }
    if (typeof value.note === 'string') {
      if (notes.has(value.note)) problems.push(`${path}: duplicate note \`${value.note}\``);
      notes.add(value.note);
    }
    checkCase(value, path, problems);
  });
  return problems;
}

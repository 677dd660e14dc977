import type { z } from 'zod';
import type { RepositoryFinding, RepositoryFindingCode } from '../findings/finding.js';
import { REPOSITORY_FINDING_SEVERITY } from '../findings/finding.js';
import { toPointer } from './jsonPointer.js';
import { KNOWN_FIELDS } from './repositorySchema.js';
import type { SourceFile } from './sourceFile.js';
import { didYouMean } from './suggest.js';

/** A repository finding at a pointer of a file. */
export function repositoryFinding(
  file: SourceFile,
  code: RepositoryFindingCode,
  message: string,
  pointer: string,
  options: { at?: 'key' | 'value'; help?: string | undefined } = {},
): RepositoryFinding {
  const position = file.locate(pointer, options.at ?? 'value');
  return {
    severity: REPOSITORY_FINDING_SEVERITY[code],
    code,
    source: 'repository',
    message,
    ...(options.help === undefined ? {} : { help: options.help }),
    file: file.file,
    line: position.line,
    column: position.column,
    pointer,
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const token of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[token];
  }
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'record':
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    default:
      return `a ${expected}`;
  }
}

/** The findings of a failed zod parse, located in the file (fields under `base`). */
export function schemaFindings(
  file: SourceFile,
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  base: readonly (string | number)[] = [],
): RepositoryFinding[] {
  const findings: RepositoryFinding[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const pointer = toPointer(path);
    const field = path.at(-1);
    const fieldText = field === undefined ? 'the file' : `\`${String(field)}\``;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          findings.push(
            repositoryFinding(
              file,
              'UNKNOWN_FIELD',
              `unknown field \`${key}\``,
              toPointer([...path, key]),
              {
                at: 'key',
                help: didYouMean(key, KNOWN_FIELDS),
              },
            ),
          );
        }
        break;
      case 'invalid_type': {
        const actual = valueAt(root, issue.path.length === 0 ? base : path);
        if (actual === undefined && path.length > 0) {
          findings.push(
            repositoryFinding(
              file,
              'MISSING_FIELD',
              `missing field ${fieldText}`,
              toPointer(path.slice(0, -1)),
              { at: 'key' },
            ),
          );
        } else {
          findings.push(
            repositoryFinding(
              file,
              'INVALID_TYPE',
              `${fieldText} must be ${expectedName(issue.expected)}, not ${typeName(actual)}`,
              pointer,
            ),
          );
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const noun =
          issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : '';
        findings.push(
          repositoryFinding(
            file,
            'INVALID_VALUE',
            `${fieldText} must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)}${noun}`,
            pointer,
          ),
        );
        break;
      }
      case 'custom':
      case 'invalid_element':
      case 'invalid_format':
      case 'invalid_key':
      case 'invalid_union':
      case 'invalid_value':
      case 'not_multiple_of':
        findings.push(
          repositoryFinding(
            file,
            'INVALID_VALUE',
            `${fieldText}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`,
            pointer,
          ),
        );
    }
  }
  return findings;
}

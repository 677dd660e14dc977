import {
  GATEHOUSE_CATALOGUE,
  validatePolicy,
  type Finding,
  type PolicyKind,
  type SizeClass,
} from '@gatehouse/policy';
import type { RepositoryFinding } from '../findings/finding.js';
import { SourceFile } from './sourceFile.js';

/** How a document is validated: its kind and the quota it is measured against. */
export interface PolicyUse {
  readonly kind: PolicyKind;
  readonly sizeClass: SizeClass;
}

function located(
  finding: Finding,
  file: SourceFile,
  pointer: string,
  position: { line: number; column: number },
): RepositoryFinding {
  return {
    severity: finding.severity,
    code: finding.code,
    source: 'policy',
    message: finding.message,
    ...(finding.help === undefined ? {} : { help: finding.help }),
    file: file.file,
    line: position.line,
    column: position.column,
    pointer,
    documentPath: finding.path,
  };
}

/**
 * Validates a policy document embedded in a file at `base` (a JSON pointer) and locates every
 * finding in that file. The document is validated as JSON text; whether @gatehouse/policy
 * pointed at an element's key or its value is read from that text, so the file position is the
 * same element's key or value, whether the file is YAML or JSON.
 */
export function embeddedPolicyFindings(
  file: SourceFile,
  base: string,
  document: unknown,
  use: PolicyUse,
): RepositoryFinding[] {
  const text = JSON.stringify(document, null, 2);
  const findings = validatePolicy(text, {
    kind: use.kind,
    sizeClass: use.sizeClass,
    catalogue: GATEHOUSE_CATALOGUE,
  });
  if (findings.length === 0) return [];
  const serialized = new SourceFile('<document>', text, 'json');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return findings.map((finding) => {
    const pointer = `${base}${finding.path}`;
    let at: 'key' | 'value' = 'value';
    if (finding.line !== undefined && finding.column !== undefined) {
      const offset = (lineStarts[finding.line - 1] ?? 0) + finding.column - 1;
      if (serialized.offsetsOf(finding.path).key === offset) at = 'key';
    }
    return located(finding, file, pointer, file.locate(pointer, at));
  });
}

/**
 * Validates a file that is a policy document as is (a bare JSON file): the findings carry the
 * file's own positions, syntax errors and duplicate keys included.
 */
export function bareJsonPolicyFindings(file: SourceFile, use: PolicyUse): RepositoryFinding[] {
  return validatePolicy(file.text, {
    kind: use.kind,
    sizeClass: use.sizeClass,
    catalogue: GATEHOUSE_CATALOGUE,
  }).map((finding) =>
    located(finding, file, finding.path, {
      line: finding.line ?? 1,
      column: finding.column ?? 1,
    }),
  );
}

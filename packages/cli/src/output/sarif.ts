import { createHash } from 'node:crypto';
import { FINDING_SEVERITY, type Severity } from '@gatehouse/policy';
import type { RepositoryFinding } from '../findings/finding.js';
import { REPOSITORY_FINDING_SEVERITY } from '../findings/finding.js';

/** The SARIF schema the output follows (checked against it in the tests). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

function level(severity: Severity): SarifLevel {
  switch (severity) {
    case 'ERROR':
      return 'error';
    case 'SECURITY_WARNING':
    case 'WARNING':
      return 'warning';
    case 'SUGGESTION':
      return 'note';
  }
}

/** Options of {@link toSarif}. */
export interface SarifOptions {
  readonly toolVersion: string;
}

/**
 * A SARIF 2.1.0 log of the findings: one run, one rule per finding code that occurs (with its
 * level, and the `security` tag plus GitHub's `security-severity` for security warnings), one
 * result per finding with its file (relative to the working directory, as code-scanning
 * expects), line and column, and a partial fingerprint that survives lines moving.
 */
export function toSarif(findings: readonly RepositoryFinding[], options: SarifOptions): object {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const sourceOf = new Map(findings.map((f) => [f.code, f.source]));
  const rules = codes.map((code) => {
    const source = sourceOf.get(code) ?? 'repository';
    const severity =
      source === 'policy'
        ? (FINDING_SEVERITY as Record<string, Severity>)[code]
        : (REPOSITORY_FINDING_SEVERITY as Record<string, Severity>)[code];
    const security = severity === 'SECURITY_WARNING';
    return {
      id: code,
      name: code
        .toLowerCase()
        .replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
        .replace(/^./, (c) => c.toUpperCase()),
      shortDescription: {
        text: `${source === 'policy' ? 'Policy' : 'Repository'} finding ${code}`,
      },
      help: {
        text:
          source === 'policy'
            ? 'See "Finding codes" in the README of @gatehouse/policy.'
            : 'See "Finding codes" in the README of @gatehouse/cli.',
      },
      defaultConfiguration: { level: level(severity ?? 'WARNING') },
      properties: {
        tags: security ? ['security', source] : [source],
        ...(security ? { 'security-severity': '7.0' } : {}),
      },
    };
  });
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const results = findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code) ?? 0,
    level: level(finding.severity),
    message: {
      text: finding.help === undefined ? finding.message : `${finding.message} (${finding.help})`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file) },
          region: { startLine: finding.line, startColumn: finding.column },
        },
        ...(finding.documentPath === undefined
          ? {}
          : { logicalLocations: [{ fullyQualifiedName: finding.pointer, kind: 'element' }] }),
      },
    ],
    partialFingerprints: {
      'gatehouseFinding/v1': createHash('sha256')
        .update(`${finding.file}\0${finding.pointer}\0${finding.code}`)
        .digest('hex'),
    },
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gatehouse',
            version: options.toolVersion,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

import { createHash } from 'node:crypto';
import type { Severity } from '@gatehouse/policy';
import type { RepositoryFinding } from '../findings/finding.js';

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

const SOURCE_TITLES: Record<RepositoryFinding['source'], string> = {
  policy: 'Policy',
  'approval-rules': 'Approval rules',
  repository: 'Repository',
};
const SOURCE_PACKAGES: Record<RepositoryFinding['source'], string> = {
  policy: '@gatehouse/policy',
  'approval-rules': '@gatehouse/workflow ("The rules file")',
  repository: '@gatehouse/cli',
};

/** The part of a SARIF 2.1.0 log that {@link toSarif} writes (checked against the schema in tests). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version: string;
        readonly rules: readonly {
          readonly id: string;
          readonly name: string;
          readonly defaultConfiguration: { readonly level: SarifLevel };
          readonly properties: Readonly<Record<string, unknown>>;
        }[];
      };
    };
    readonly columnKind: 'utf16CodeUnits';
    readonly results: readonly {
      readonly ruleId: string;
      readonly ruleIndex: number;
      readonly level: SarifLevel;
      readonly message: { readonly text: string };
      readonly locations: readonly {
        readonly physicalLocation: {
          readonly artifactLocation: { readonly uri: string };
          readonly region: { readonly startLine: number; readonly startColumn: number };
        };
      }[];
      readonly partialFingerprints: Readonly<Record<string, string>>;
    }[];
  }[];
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
export function toSarif(findings: readonly RepositoryFinding[], options: SarifOptions): SarifLog {
  // One rule per code; a code's severity and source are fixed, so any of its findings tells them.
  const byCode = new Map(findings.map((f) => [f.code, f]));
  const codes = [...byCode.keys()].sort();
  const rules = codes.map((code) => {
    const { source, severity } = byCode.get(code) ?? { source: 'repository', severity: 'ERROR' };
    const security = severity === 'SECURITY_WARNING';
    return {
      id: code,
      name: code
        .toLowerCase()
        .replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
        .replace(/^./, (c) => c.toUpperCase()),
      shortDescription: { text: `${SOURCE_TITLES[source]} finding ${code}` },
      help: { text: `See "Finding codes" in the README of ${SOURCE_PACKAGES[source]}.` },
      defaultConfiguration: { level: level(severity) },
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

import type { FailThreshold, RepositoryFinding } from '../findings/finding.js';
import { meetsThreshold } from '../findings/finding.js';
import type { Colors } from './terminal.js';

function label(finding: RepositoryFinding, colors: Colors): string {
  switch (finding.severity) {
    case 'ERROR':
      return colors.red(colors.bold('error'));
    case 'SECURITY_WARNING':
      return colors.magenta(colors.bold('security warning'));
    case 'WARNING':
      return colors.yellow(colors.bold('warning'));
    case 'SUGGESTION':
      return colors.cyan('suggestion');
  }
}

/** `file:line:column: severity: message [CODE]` per finding, help indented below, then a summary. */
export function formatFindingsText(
  findings: readonly RepositoryFinding[],
  fileCount: number,
  threshold: FailThreshold,
  colors: Colors,
): string[] {
  const lines: string[] = [];
  for (const finding of findings) {
    lines.push(
      `${colors.bold(`${finding.file}:${finding.line}:${finding.column}`)}: ${label(finding, colors)}: ${finding.message} ${colors.dim(`[${finding.code}]`)}`,
    );
    if (finding.help !== undefined) lines.push(`  ${colors.dim('help:')} ${finding.help}`);
  }
  const counts = countBySeverity(findings);
  const parts = [
    plural(counts.ERROR, 'error'),
    plural(counts.SECURITY_WARNING, 'security warning'),
    plural(counts.WARNING, 'warning'),
    plural(counts.SUGGESTION, 'suggestion'),
  ].filter((part) => !part.startsWith('0 '));
  const failing = findings.filter((f) => meetsThreshold(f.severity, threshold)).length;
  const summary =
    parts.length === 0
      ? `no findings in ${plural(fileCount, 'file')}`
      : `${parts.join(', ')} in ${plural(fileCount, 'file')}`;
  if (lines.length > 0) lines.push('');
  lines.push(failing > 0 ? colors.red(summary) : colors.green(summary));
  return lines;
}

/** Findings counted per severity. */
export function countBySeverity(
  findings: readonly RepositoryFinding[],
): Record<RepositoryFinding['severity'], number> {
  const counts = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

import type { PlanFile } from '../plan/planFile.js';
import type {
  FieldChange,
  OperationAnalysis,
  PlannedOperation,
  ResourceChange,
} from '../plan/planModel.js';
import { lineDiff } from './lineDiff.js';
import type { Colors } from './terminal.js';

const SIGN = { create: '+', update: '~', delete: '-' } as const;

function signColor(action: ResourceChange['action'], colors: Colors): (text: string) => string {
  return action === 'create' ? colors.green : action === 'delete' ? colors.red : colors.yellow;
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

function isDocument(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    ('Statement' in value || 'Version' in value)
  );
}

function fieldLines(field: FieldChange, colors: Colors): string[] {
  const indent = '      ';
  if (isDocument(field.before) || isDocument(field.after)) {
    const before =
      field.before === undefined ? [] : JSON.stringify(field.before, null, 2).split('\n');
    const after = field.after === undefined ? [] : JSON.stringify(field.after, null, 2).split('\n');
    const sign = field.before === undefined ? '+' : field.after === undefined ? '-' : '~';
    const lines = [`${indent}${sign} ${field.field}:`];
    for (const line of lineDiff(before, after)) {
      if (line.kind === 'same') lines.push(`${indent}    ${colors.dim(line.text)}`);
      else if (line.kind === 'added') lines.push(`${indent}  ${colors.green(`+ ${line.text}`)}`);
      else lines.push(`${indent}  ${colors.red(`- ${line.text}`)}`);
    }
    return lines;
  }
  if (field.before === undefined)
    return [`${indent}${colors.green(`+ ${field.field}: ${show(field.after)}`)}`];
  if (field.after === undefined)
    return [`${indent}${colors.red(`- ${field.field}: ${show(field.before)}`)}`];
  return [
    `${indent}${colors.yellow(`~ ${field.field}: ${show(field.before)} → ${show(field.after)}`)}`,
  ];
}

/** The verdict as a colored label. */
export function verdictLabel(analysis: OperationAnalysis | undefined, colors: Colors): string {
  if (analysis === undefined) return colors.dim('no permission change');
  switch (analysis.verdict) {
    case 'AUTO_APPLY':
      return colors.green('AUTO_APPLY');
    case 'REQUIRE_APPROVAL':
      return colors.yellow(`REQUIRE_APPROVAL (${analysis.risk})`);
    case 'BLOCK':
      return colors.red(colors.bold('BLOCK'));
  }
}

function accessLines(operation: PlannedOperation, colors: Colors): string[] {
  const analysis = operation.analysis;
  if (analysis === undefined) return [];
  const lines: string[] = [];
  for (const finding of analysis.findings) {
    lines.push(`         ${colors.magenta(finding.code)} ${finding.message}`);
  }
  for (const entry of analysis.newAccess) {
    lines.push(
      `         ${colors.green('new access')} ${entry.principal ?? '(any holder)'} may ${colors.bold(entry.action)} on ${entry.resource}${entry.conditional ? colors.dim(' (conditional)') : ''}`,
    );
  }
  if (analysis.truncated) lines.push(`         ${colors.dim('… more new access (truncated)')}`);
  return lines;
}

/** The readable plan: the diff per entity, the operations in order with their verdicts and new access, warnings. */
export function formatPlanText(plan: PlanFile, colors: Colors): string[] {
  const lines: string[] = [];
  lines.push(
    `${colors.bold('Gatehouse plan')} for account ${plan.accountId} as ${plan.caller}`,
    colors.dim(`live state ${plan.liveState.fingerprint}`),
    '',
  );
  if (!plan.summary.hasChanges && plan.errors.length === 0) {
    lines.push(colors.green('No changes: the account matches the repository.'));
  }
  for (const change of plan.changes) {
    const color = signColor(change.action, colors);
    lines.push(
      `  ${color(`${SIGN[change.action]} ${change.address}`)}${colors.dim(` (${change.action})`)}`,
    );
    for (const field of change.fields) lines.push(...fieldLines(field, colors));
  }
  if (plan.operations.length > 0) {
    lines.push('', colors.bold('Operations, in the order apply runs them:'));
    const width = String(plan.operations.length).length;
    plan.operations.forEach((operation, index) => {
      const color = signColor(operation.action, colors);
      lines.push(
        `  ${String(index + 1).padStart(width)}. ${color(SIGN[operation.action])} ${operation.address}: ${operation.description}  ${verdictLabel(operation.analysis, colors)}`,
      );
      lines.push(...accessLines(operation, colors));
    });
  }
  for (const warning of plan.warnings) lines.push('', `${colors.yellow('warning:')} ${warning}`);
  for (const error of plan.errors) lines.push('', `${colors.red('error:')} ${error}`);
  const s = plan.summary;
  lines.push(
    '',
    `${colors.bold('Plan:')} ${s.create} to create, ${s.update} to update, ${s.delete} to delete (${s.operations} operations; ${s.requireApproval} expected to need approval, ${s.blocked} blocked).`,
  );
  return lines;
}

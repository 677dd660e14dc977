import { patternCovers } from '../../analysis/patternCoverage.js';
import type { StringListNode } from '../../document/policyAst.js';
import type { RuleContext, ValidationRule } from '../validationRule.js';

/**
 * An entry of Action/NotAction or Resource/NotResource already covered by another entry of the
 * same list adds nothing (Access Analyzer "Redundant action", "Redundant resource").
 */
export const redundantEntryRule: ValidationRule = {
  name: 'redundant-entry',
  codes: ['REDUNDANT_ACTION', 'REDUNDANT_RESOURCE'],
  check(context) {
    for (const statement of context.statements) {
      for (const list of [statement.action, statement.notAction]) {
        if (list) checkList(context, list, true);
      }
      for (const list of [statement.resource, statement.notResource]) {
        if (list) checkList(context, list, false);
      }
    }
  },
};

function checkList(context: RuleContext, list: StringListNode, actions: boolean): void {
  const items = list.items;
  items.forEach((item, index) => {
    // The first of two equal entries stays; any entry covered by a different one goes.
    const coveredBy = items.find(
      (other, otherIndex) =>
        otherIndex !== index &&
        patternCovers(other.value, item.value, actions) &&
        (!patternCovers(item.value, other.value, actions) || otherIndex < index),
    );
    if (coveredBy === undefined) return;
    context.report(
      actions ? 'REDUNDANT_ACTION' : 'REDUNDANT_RESOURCE',
      `\`${item.value}\` is already covered by \`${coveredBy.value}\``,
      item,
      'remove it',
    );
  });
}

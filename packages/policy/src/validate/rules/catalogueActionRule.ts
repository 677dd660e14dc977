import { didYouMean } from '../../document/suggest.js';
import type { ValidationRule } from '../validationRule.js';

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+$/;

/**
 * With a catalogue, every action names a known service and matches at least one of its actions
 * (Access Analyzer's "unknown action" and "unknown service" checks). Actions that are not
 * well-formed are left to `INVALID_ACTION`.
 */
export const catalogueActionRule: ValidationRule = {
  name: 'catalogue-action',
  codes: ['UNKNOWN_SERVICE_PREFIX', 'UNKNOWN_ACTION'],
  check({ statements, catalogue, report }) {
    if (catalogue === undefined) return;
    for (const statement of statements) {
      for (const list of [statement.action, statement.notAction]) {
        for (const item of list?.items ?? []) {
          if (item.value === '*' || !ACTION.test(item.value)) continue;
          const prefix = item.value.slice(0, item.value.indexOf(':'));
          if (catalogue.service(prefix) === undefined) {
            report(
              'UNKNOWN_SERVICE_PREFIX',
              `service prefix \`${prefix}\` is not in the catalogue`,
              item,
              didYouMean(catalogue.suggestService(prefix.toLowerCase())),
            );
            continue;
          }
          if (catalogue.expand(item.value).length > 0) continue;
          const wildcard = /[*?]/.test(item.value);
          report(
            'UNKNOWN_ACTION',
            wildcard
              ? `\`${item.value}\` matches no action of \`${prefix}\``
              : `\`${item.value}\` is not an action of \`${prefix}\``,
            item,
            wildcard ? undefined : didYouMean(catalogue.suggestAction(item.value)),
          );
        }
      }
    }
  },
};

// All rules, run over a project; findings become diagnostics with the configured severity.
import type { Config } from '../check/config.js';
import { toDiagnostics, type Finding } from '../check/findings.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { duplicates } from './duplicates.js';
import { hygiene } from './hygiene.js';
import { mislabels } from './mislabels.js';
import { readme } from './readme.js';
import type { Rule, RuleContext } from './types.js';

export const RULES: readonly Rule[] = [duplicates, mislabels, hygiene, readme];

export function runRules(context: RuleContext, config: Config, rules: readonly Rule[] = RULES): Diagnostic[] {
  return toDiagnostics(rules.flatMap((rule): Finding[] => rule.run(context)), config);
}

// All rules, run over a project; findings become diagnostics with the configured severity.
import { levelOf, type Config } from '../check/config.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { duplicates } from './duplicates.js';
import { hygiene } from './hygiene.js';
import { mislabels } from './mislabels.js';
import { readme } from './readme.js';
import type { Finding, Rule, RuleContext } from './types.js';

export const RULES: readonly Rule[] = [duplicates, mislabels, hygiene, readme];

export function runRules(context: RuleContext, config: Config, rules: readonly Rule[] = RULES): Diagnostic[] {
  return rules.flatMap((rule) => rule.run(context)).flatMap((f) => toDiagnostic(f, config));
}

function toDiagnostic(f: Finding, config: Config): Diagnostic[] {
  const level = levelOf(config, f.check);
  if (level === 'off') return [];
  const { check, ...rest } = f;
  return [{ ...rest, ruleId: check, severity: level }];
}

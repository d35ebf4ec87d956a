// A finding and the one way it becomes a diagnostic: the level the settings give its check
// (.paperlist.yml, else DEFAULT_LEVELS), nothing when that is 'off'. Rules, verify and lint's own
// checks all report through it.
import { levelOf, type CheckId, type Config } from './config.js';
import type { Diagnostic, Fix, Place } from '../core/diagnostics.js';

export interface Finding extends Place {
  /** "rule/check", e.g. "duplicates/arxiv"; its severity comes from the configuration. */
  check: CheckId;
  message: string;
  hint?: string;
  related?: Place[];
  /** Its safe fix, for the checks that have one (checks.ts `fix`). */
  fix?: Fix;
}

export function toDiagnostics(findings: readonly Finding[], config: Config): Diagnostic[] {
  return findings.flatMap(({ check, ...rest }) => {
    const level = levelOf(config, check);
    return level === 'off' ? [] : [{ ...rest, ruleId: check, severity: level }];
  });
}

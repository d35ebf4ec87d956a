// What a rule sees and what it returns. Rules are pure: all I/O happened before (load) or happens after (report).
import type { Finding } from '../check/findings.js';
import type { Place } from '../core/diagnostics.js';
import { locate, type PathSegment } from '../check/load.js';
import type { DatasetEntry, PaperEntry, Project } from '../check/project.js';
import type { VenueList } from '../core/venues.js';

export interface RuleContext {
  project: Project;
  venues: VenueList;
  /** What `generate` would write, when the project renders; undefined when it cannot. */
  expectedReadme?: string;
  /** The chart SVG `generate` would write, when the template has a chart marker. */
  expectedChart?: string;
  /** In a pull request (`lint --base REF`): the entry files the branch adds. */
  added?: ReadonlySet<string>;
}

export interface Rule {
  id: string;
  run(context: RuleContext): Finding[];
}

export type AnyEntry = PaperEntry | DatasetEntry;

/** The place of a field of an entry (its value, or its key with at = 'key'). */
export function placeOf(entry: AnyEntry, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Place {
  return { file: entry.entry.source.file, ...locate(entry.entry.source, path, at) };
}

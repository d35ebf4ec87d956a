// Files that ship with the tool (schemas, venue list), found relative to the installed package.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { VenueList, type Venue } from './venues.js';

/** The package root: two levels above src/core/ (under vitest) or dist/core/ (built). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const packageJson = new Map<string, unknown>();

/** A JSON file of the package (a schema, the venue list), read once per process; treat it as read-only. */
export function readPackageJson<T>(relative: string): T {
  if (!packageJson.has(relative)) packageJson.set(relative, JSON.parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8')));
  return packageJson.get(relative) as T;
}

let venues: VenueList | undefined;
export function loadVenues(): VenueList {
  venues ??= new VenueList(readPackageJson<{ venues: Venue[] }>('schema/venues.json').venues);
  return venues;
}

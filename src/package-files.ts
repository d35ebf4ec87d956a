// Files that ship with the tool (schemas, venue list), found relative to the installed package.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { VenueList, type Venue } from './venues.js';

/** The package root: one level above src/ (under vitest) or dist/ (built). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function readPackageJson<T>(relative: string): T {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8')) as T;
}

let venues: VenueList | undefined;
export function loadVenues(): VenueList {
  venues ??= new VenueList(readPackageJson<{ venues: Venue[] }>('schema/venues.json').venues);
  return venues;
}

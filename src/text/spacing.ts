// The spacing of a one-line text field, decided once (entries, records, README lines, form
// answers): what `lint --fix` writes (whitespace runs as one space, none at the ends) and
// therefore what hygiene/spacing reports — a field is reported exactly when the fix would change
// it (a tab or a no-break space included).

export function tidySpaces(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

export function spacingNeedsFix(value: string): boolean {
  return tidySpaces(value) !== value;
}

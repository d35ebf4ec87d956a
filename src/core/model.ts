// The data model, as the schemas in schema/ define it (the schemas are the truth; these mirror them).

export const LINK_KINDS = ['paper', 'code', 'model', 'data', 'project'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export type Links = Partial<Record<LinkKind, string>>;

export interface Paper {
  title: string;
  authors: string;
  /** The full author list, from the paper's record. */
  authorList?: string[];
  year: number;
  venue?: string;
  /** The published version's DOI, lowercase. */
  doi?: string;
  links: Links;
  sections: string[];
}

export interface Dataset {
  name: string;
  url?: string;
  description: string;
  sections: string[];
}

export interface SubSection {
  id: string;
  title: string;
  description?: string;
}

export interface Section extends SubSection {
  sections?: SubSection[];
}

export interface Group {
  id: string;
  title: string;
  kind: 'paper' | 'dataset';
  sections: Section[];
}

export interface SectionsFile {
  groups: Group[];
}

export type EntryKind = 'paper' | 'dataset';

/** Where entry files of each kind live, relative to the root. */
export const ENTRY_DIRS: Record<EntryKind, string> = { paper: 'entries/papers', dataset: 'entries/datasets' };
export const SECTIONS_FILE = 'entries/sections.yml';
export const TEMPLATE_FILE = 'templates/README.md';
export const README_FILE = 'README.md';
/** The "Add a paper" issue form: its section choices are the paper sections' titles. */
/** The issue forms that add an entry, by kind: their section choices must be the sections of that kind. */
export const ISSUE_FORMS: Record<EntryKind, string> = { paper: '.github/ISSUE_TEMPLATE/add-paper.yml', dataset: '.github/ISSUE_TEMPLATE/add-dataset.yml' };
export const SCHEMA_FILES: Record<EntryKind | 'sections', string> = {
  paper: 'schema/paper.schema.json',
  dataset: 'schema/dataset.schema.json',
  sections: 'schema/sections.schema.json',
};

/** The papers-per-year chart generate writes beside README.md. */
export const CHART_FILE = 'docs/papers-per-year.svg';

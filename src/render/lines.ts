// One list line per entry, as mdast, in the house style:
//   - [2024] **Title.** *Zhu et al.* `arXiv` [[paper](…)] [[code](…)]
//   - [**Name**](url). Description.
import type { ListItem, PhrasingContent } from 'mdast';
import { lit, text } from '../markdown/stringify.js';
import { LINK_KINDS, type Dataset, type Paper } from '../model.js';

/** Appends the closing period unless the text already ends in terminal punctuation. */
export function withPeriod(value: string): string {
  return /[.?!]$/.test(value) ? value : `${value}.`;
}

export function paperLine(p: Paper): ListItem {
  const children: PhrasingContent[] = [
    lit(`[${p.year}] `),
    { type: 'strong', children: [text(withPeriod(p.title))] },
    lit(' '),
    { type: 'emphasis', children: [text(withPeriod(p.authors))] },
  ];
  if (p.venue) children.push(lit(' '), { type: 'inlineCode', value: p.venue });
  for (const kind of LINK_KINDS) {
    const url = p.links[kind];
    // The label is one of five fixed words: nothing to escape, so it is written as it is.
    if (url) children.push(lit(' ['), { type: 'link', url, children: [lit(kind)] }, lit(']'));
  }
  return item(children);
}

export function datasetLine(d: Dataset): ListItem {
  const name: PhrasingContent = { type: 'strong', children: [text(d.name)] };
  return item([d.url ? { type: 'link', url: d.url, children: [name] } : name, lit('. '), text(d.description)]);
}

function item(children: PhrasingContent[]): ListItem {
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}

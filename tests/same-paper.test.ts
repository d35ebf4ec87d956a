// One "same paper" for every command: the policies by name, with the cases that used to differ.
import { describe, expect, it } from 'vitest';
import { ALIKE, displaySurname, firstAuthorIs, linkKeys, paperKeys, sameFirstAuthor, sameLink, titleSimilarity } from '../src/core/same-paper.js';

describe('same paper', () => {
  it('a link\'s keys: its identifiers in any URL form, then the canonical URL', () => {
    expect(linkKeys('http://arxiv.org/pdf/2310.06825v2.pdf').map((k) => `${k.kind}:${k.value}`)).toEqual(['arxiv:2310.06825', 'url:https://arxiv.org/pdf/2310.06825v2.pdf']);
    expect(paperKeys({ paper: 'https://aclanthology.org/2021.naacl-main.41/' })).toEqual(['acl:2021.naacl-main.41', 'url:https://aclanthology.org/2021.naacl-main.41']);
    expect(paperKeys({})).toEqual([]);
    expect(sameLink('https://arxiv.org/abs/2310.06825', 'http://arxiv.org/pdf/2310.06825v1')).toBe(true);
    expect(sameLink('https://arxiv.org/abs/2310.06825', 'https://arxiv.org/abs/2310.06826')).toBe(false);
  });

  it('a surname of several words is one surname, wherever it is compared', () => {
    expect(displaySurname('Moura Ramos et al.')).toEqual(['moura', 'ramos']);
    expect(displaySurname('Üstün et al.')).toEqual(['ustun']);
    expect(displaySurname('Ahmet Üstün')).toEqual(['ustun']); // a lone full name: its last word
    // import and absorb: two list-form fields
    expect(sameFirstAuthor('Moura Ramos et al.', 'Moura Ramos et al')).toBe(true);
    expect(sameFirstAuthor('Moura Ramos et al.', 'Moura et al.')).toBe(false);
    expect(sameFirstAuthor('Zhu et al.', 'Wenhao Zhu')).toBe(true);
    expect(sameFirstAuthor('', 'Zhu et al.')).toBe(true);
    // verify: a list-form field against a record's full name
    expect(firstAuthorIs('Moura Ramos et al.', 'Miguel Moura Ramos')).toBe(true);
    expect(firstAuthorIs('Ramos et al.', 'Miguel Moura Ramos')).toBe(true);
    expect(firstAuthorIs('Moura et al.', 'Miguel Moura Ramos')).toBe(false);
    expect(firstAuthorIs('Ustun et al.', 'Ahmet Üstün')).toBe(true);
  });

  it('titles: the strictness is named by what else is known', () => {
    const a = 'Question Translation Training for Better Multilingual Reasoning';
    expect(titleSimilarity(a, 'question translation training for better multilingual reasoning!')).toBe(1);
    const shortened = titleSimilarity(a, 'Question Translation Training for Multilingual Reasoning');
    expect(shortened).toBeGreaterThanOrEqual(ALIKE.record);
    const other = titleSimilarity(a, 'A Survey of Something Entirely Different from the Entry');
    expect(other).toBeLessThan(ALIKE.sharedLink);
    expect(ALIKE.sharedLink).toBeLessThan(ALIKE.record);
  });
});

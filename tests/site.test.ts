// The static page, driven in headless Chromium (Debian's chromium, with playwright-core: no browser
// download). .ci/run installs chromium; without it (and outside CI) these tests are skipped.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runCli, tempDir } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM) || process.env.CI === 'true';
// Skipped tests are said, not silent: a run without Chromium tells how to get one.
if (!available) console.warn(`tests/site.test.ts: the browser tests are skipped: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH; .ci/run installs it.`);

/**
 * An entry lint refuses (markup in the title, a javascript: link). site refuses it too; with those
 * checks turned off in the settings, the page must still show it as text and link nothing but http(s).
 */
async function hostileRoot(): Promise<string> {
  const root = await copyFixture('lint-base');
  await writeFile(join(root, 'entries/papers/evil.yml'), '# yaml-language-server: $schema=../../schema/paper.schema.json\ntitle: "</script><img src=x onerror=alert(1)> Müller Evil"\nauthors: Müller et al.\nyear: 2021\nlinks:\n  code: https://github.com/a/b\n  project: "javascript:alert(document.domain)"\nsections:\n  - prompting\n');
  return root;
}

describe('site refuses what lint refuses', () => {
  it('exits 1 on a javascript: link and markup, reports them on stderr, and writes nothing', async () => {
    const root = await hostileRoot();
    const result = await runCli(['site', '--out', 'site', '--root', root], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('hygiene/url-scheme');
    expect(result.stderr).toContain('hygiene/markup');
    expect(result.stderr).toContain('paperlist: the site was not written');
    expect(existsSync(join(root, 'site'))).toBe(false);
  });
});

describe('the site, without a browser', () => {
  it('is the same bytes from the same entries, and embeds a hostile title only as escaped data', async () => {
    const root = await hostileRoot();
    await writeFile(join(root, '.paperlist.yml'), 'rules:\n  hygiene/markup: "off"\n  hygiene/url-scheme: "off"\n');
    expect((await runCli(['site', '--out', 'one', '--root', root], root)).code).toBe(0);
    expect((await runCli(['site', '--out', 'two', '--root', root], root)).code).toBe(0);
    const html = await readFile(join(root, 'one/index.html'), 'utf8');
    expect(await readFile(join(root, 'two/index.html'), 'utf8')).toBe(html);
    // The title's "</script><img …>" must not close the page's script nor become an element.
    expect(html).not.toContain('</script><img');
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/href=["']?javascript:/i);
    expect(html).toContain('Müller Evil');
  });
});

describe('the site\'s own links', () => {
  it('come from .paperlist.yml (site.links), http(s) only, escaped', async () => {
    const root = await copyFixture('lint-base');
    await writeFile(join(root, '.paperlist.yml'), 'site:\n  title: A <List>\n  links:\n    - label: Repository & code\n      url: https://github.com/LightChen233/Awesome-Multilingual-LLM\n');
    expect((await runCli(['site', '--out', 'page.html', '--root', root], root)).code).toBe(0);
    const page = await readFile(join(root, 'page.html'), 'utf8');
    expect(page).toContain('<h1>A &lt;List&gt;</h1>\n<nav><a href="https://github.com/LightChen233/Awesome-Multilingual-LLM" rel="noopener">Repository &amp; code</a></nav>\n');
    await writeFile(join(root, '.paperlist.yml'), 'site:\n  links:\n    - label: x\n      url: "javascript:alert(1)"\n');
    const refused = await runCli(['site', '--out', 'other.html', '--root', root], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Configuration /site/links/0/url must match pattern');
  });
});

describe('the site\'s section names', () => {
  it('name each dataset subsection with its parent, so that none is listed twice', async () => {
    const { siteData } = await import('../src/site/page.js');
    const { loadProject } = await import('../src/check/project.js');
    const { FIXTURES } = await import('./helpers.js');
    const project = await loadProject(join(FIXTURES, 'list'));
    const { loadVenues } = await import('../src/core/package-files.js');
    const titles = siteData(project.sections!, project.papers, project.datasets, loadVenues()).sections.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.endsWith('Manual Creation'))).toEqual(['Multilingual Pretraining Data: Manual Creation', 'Multilingual SFT Data: Manual Creation']);
  });
});

describe.runIf(available)('static site in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let html: string;

  beforeAll(async () => {
    // One hostile title and link: the title must show as text, never run, and the link not be one.
    const root = await hostileRoot();
    await writeFile(join(root, '.paperlist.yml'), 'rules:\n  hygiene/markup: "off"\n  hygiene/url-scheme: "off"\n');
    expect((await runCli(['site', '--out', 'site', '--root', root], root)).code).toBe(0);
    html = await readFile(join(root, 'site/index.html'), 'utf8');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(root, 'site/index.html')).href);
    expect(errors).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const titles = (): Promise<string[]> => page.locator('#papers .title').allTextContents();
  const count = (): Promise<string | null> => page.locator('#count').textContent();

  it('lists every paper, newest first, and shows a hostile title as text', async () => {
    expect(await titles()).toEqual([
      'Question Translation Training for Better Multilingual Reasoning',
      'Mistral 7B',
      'Overcoming catastrophic forgetting in zero-shot cross-lingual generation',
      '</script><img src=x onerror=alert(1)> Müller Evil',
    ]);
    expect(await count()).toBe('4 of 4 papers');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(html).not.toContain('javascript:');
  });

  it('searches titles and authors, ignoring case and accents', async () => {
    await page.fill('#q', 'MISTRAL');
    expect(await titles()).toEqual(['Mistral 7B']);
    await page.fill('#q', 'muller');
    expect(await titles()).toEqual(['</script><img src=x onerror=alert(1)> Müller Evil']);
    await page.fill('#q', 'zhu');
    expect(await titles()).toEqual(['Question Translation Training for Better Multilingual Reasoning']);
    await page.fill('#q', '');
  });

  it('filters by section, year and venue, and combines them', async () => {
    await page.selectOption('#section', 'pretraining');
    expect(await titles()).toEqual(['Mistral 7B', 'Overcoming catastrophic forgetting in zero-shot cross-lingual generation']);
    await page.selectOption('#venue', 'EMNLP');
    expect(await titles()).toEqual(['Overcoming catastrophic forgetting in zero-shot cross-lingual generation']);
    await page.selectOption('#venue', '');
    await page.selectOption('#section', '');
    await page.selectOption('#year', '2023');
    expect(await titles()).toEqual(['Mistral 7B']);
    expect(await count()).toBe('1 of 4 papers');
    await page.selectOption('#year', '');
  });

  it('lists the datasets, searched by name and description, filtered by section; none under a year or venue', async () => {
    const datasets = (): Promise<string[]> => page.locator('#datasets li').allTextContents();
    // Each with its section, named as the dataset form names it.
    expect(await datasets()).toEqual(['JW300: A parallel corpus of over 300 languages. Data: Corpora', "mC4: A multilingual colossal, cleaned version of Common Crawl's web crawl corpus. Data: Corpora"]);
    expect(await page.locator('#datasets a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href))).toEqual(['https://huggingface.co/datasets/mc4']);
    await page.fill('#q', 'common crawl');
    expect(await datasets()).toEqual(["mC4: A multilingual colossal, cleaned version of Common Crawl's web crawl corpus. Data: Corpora"]);
    expect(await titles()).toEqual([]);
    await page.fill('#q', '');
    await page.selectOption('#section', 'corpora');
    expect(await datasets()).toHaveLength(2);
    expect(await titles()).toEqual([]);
    await page.selectOption('#section', '');
    await page.selectOption('#year', '2023');
    expect(await datasets()).toEqual([]);
    expect(await page.locator('#dcount').textContent()).toBe('0 of 2 datasets (datasets have no year or venue)');
    await page.selectOption('#year', '');
  });

  it('keeps the search and filters in the address: a shared or reloaded link shows the same view', async () => {
    await page.fill('#q', 'mistral');
    await page.selectOption('#section', 'pretraining');
    expect(new URL(page.url()).search).toBe('?q=mistral&section=pretraining');
    // Each test's folders are removed after it: the page is opened again from a folder of this test.
    const dir = await tempDir();
    await writeFile(join(dir, 'index.html'), html);
    const shared = `${pathToFileURL(join(dir, 'index.html')).href}${new URL(page.url()).search}`;
    await page.goto(shared);
    expect(await page.inputValue('#q')).toBe('mistral');
    expect(await page.inputValue('#section')).toBe('pretraining');
    expect(await titles()).toEqual(['Mistral 7B']);
    await page.reload();
    expect(await titles()).toEqual(['Mistral 7B']);
    // A value the page does not offer is ignored, not an empty list.
    await page.goto(`${shared.split('?')[0]}?year=1999&venue=ACL`);
    expect(await count()).toBe('4 of 4 papers');
    await page.fill('#q', 'x');
    await page.fill('#q', '');
    expect(new URL(page.url()).search).toBe('');
  });

  it('links out to each paper\'s pages', async () => {
    const hrefs = await page.locator('#papers li').first().locator('a').evaluateAll((as) => as.map((a) => [a.textContent, (a as unknown as { href: string }).href]));
    expect(hrefs).toEqual([['paper', 'https://arxiv.org/abs/2401.07817'], ['code', 'https://github.com/NJUNLP/Qalign']]);
  });

  it('sorts newest first, oldest first, by title or by venue, and keeps a chosen order in the address', async () => {
    await page.selectOption('#sort', 'title');
    expect(await titles()).toEqual(['</script><img src=x onerror=alert(1)> Müller Evil', 'Mistral 7B', 'Overcoming catastrophic forgetting in zero-shot cross-lingual generation', 'Question Translation Training for Better Multilingual Reasoning']);
    expect(new URL(page.url()).search).toBe('?sort=title');
    await page.selectOption('#sort', 'oldest');
    expect((await titles())[0]).toBe('</script><img src=x onerror=alert(1)> Müller Evil');
    await page.selectOption('#sort', 'venue');
    expect(await page.locator('#papers li > code').allTextContents()).toEqual(['arXiv', 'arXiv', 'EMNLP']);
    await page.selectOption('#sort', 'newest');
    expect(new URL(page.url()).search).toBe('');
  });

  it('an empty result says so and offers to clear the search and filters', async () => {
    expect(await page.locator('#empty').isVisible()).toBe(false);
    await page.fill('#q', 'no such paper anywhere');
    await page.selectOption('#year', '2024');
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('#empty').textContent()).toBe('No paper matches this search and these filters. Clear them');
    await page.click('#clear');
    expect(await count()).toBe('4 of 4 papers');
    expect([await page.inputValue('#q'), await page.inputValue('#year'), new URL(page.url()).search]).toEqual(['', '', '']);
  });

  it("gives each paper's BibTeX as export writes it, to open and copy", async () => {
    const exported = await (async () => {
      const root = await hostileRoot();
      await writeFile(join(root, '.paperlist.yml'), 'rules:\n  hygiene/markup: "off"\n  hygiene/url-scheme: "off"\n');
      return (await runCli(['export', '--format', 'bibtex', '--root', root], root)).stdout;
    })();
    const first = page.locator('#papers li').first();
    await first.locator('summary').click();
    const shown = await first.locator('pre').textContent();
    expect(exported.split('\n@').map((e, i) => (i ? `@${e}` : e)).map((e) => (e.endsWith('\n\n') ? e.slice(0, -1) : e))).toContain(shown);
    expect(shown).toContain('eprint = {2401.07817}');
  });

  it('fits a phone (390 px) and a laptop (1280 px) without sideways scrolling; the screenshots are taken', async () => {
    const dir = await tempDir();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
      const shot = await page.screenshot({ path: join(dir, `site-${width}.png`), fullPage: true });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('the page is the same bytes for the same entries', async () => {
    const root = await hostileRoot();
    await writeFile(join(root, '.paperlist.yml'), 'rules:\n  hygiene/markup: "off"\n  hygiene/url-scheme: "off"\n');
    await runCli(['site', '--out', 'again', '--root', root], root);
    expect(await readFile(join(root, 'again/index.html'), 'utf8')).toBe(html);
    expect(html).not.toContain('</script><img');
  });
});

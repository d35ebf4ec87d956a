// Shared test helpers: run the CLI in-process with captured output, scratch copies of fixtures, and
// local HTTP servers that replay a service's answers (closed after each test).
import { createServer, type RequestListener } from 'node:http';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { main } from '../src/cli.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Where every diagnostic's `url` points: the checks' doc, an anchor per check. */
export const RULES_DOC = 'https://github.com/LightChen233/Awesome-Multilingual-LLM/blob/main/docs/rules.md';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, stdin?: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, cwd, env, ...(stdin ? { stdin } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const scratch: string[] = [];
const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all([...scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })), ...servers.splice(0).map((close) => close())]);
});

/** An HTTP server on 127.0.0.1 for this test: its base URL; it is closed after the test (or by close()). */
export async function listenLocal(handler: RequestListener): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= new Promise((resolve) => server.close(() => resolve())));
  servers.push(close);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** A fresh temporary directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paperlist-test-'));
  scratch.push(dir);
  return dir;
}

/** A temporary copy of a fixture tree. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Runs git in `dir` (argv, no shell), with a fixed identity and no user or system configuration. */
export async function git(dir: string, ...args: string[]): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };
  const { stdout } = await promisify(execFile)('git', args, { cwd: dir, env });
  return stdout;
}

/** A temporary copy of a fixture tree as a git repository with everything committed once. */
export async function gitFixture(name: string): Promise<string> {
  const dir = await copyFixture(name);
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'fixture');
  return dir;
}

// Shared test helpers: run the CLI in-process with captured output, and scratch copies of fixtures.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { main } from '../src/cli.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, cwd, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const scratch: string[] = [];
afterEach(async () => {
  await Promise.all(scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

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

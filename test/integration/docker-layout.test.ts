/**
 * The Docker image cannot be built on the development machines (no Docker engine), so this test
 * builds its runtime stage's file layout by hand — exactly the files the Dockerfile's runtime stage
 * COPYs, read from the Dockerfile itself — and runs the image's CMD there. A file the service
 * needs at run time but the Dockerfile forgets to copy fails here, not in a deployment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server-process.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
/** The runtime stage: everything after the last FROM. */
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

type Copy = { from: 'build' | 'context'; src: string; dest: string };
function runtimeCopies(): Copy[] {
  const out: Copy[] = [];
  for (const line of runtime.split('\n')) {
    const m = /^COPY\s+(--from=(\S+)\s+)?(\S+)\s+(\S+)\s*$/.exec(line.trim());
    if (!m) continue;
    out.push({ from: m[2] ? 'build' : 'context', src: m[3] as string, dest: m[4] as string });
  }
  return out;
}

const workdir = /^WORKDIR\s+(\S+)/m.exec(runtime)?.[1] ?? '/app';
const cmd = JSON.parse(/^CMD\s+(\[.*\])\s*$/m.exec(runtime)?.[1] ?? '[]') as string[];

describe('Docker runtime layout', () => {
  let image: string;
  let data: string;

  beforeAll(() => {
    // The build stage runs `npm run build`; here the same compiled output (rebuilt when stale).
    const built = spawnSync(process.execPath, ['src/cli/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    expect(built.status).toBe(0);
    image = mkdtempSync(join(tmpdir(), 'waspada-image-'));
    data = join(image, 'data');
    mkdirSync(data);
    for (const c of runtimeCopies()) {
      // Build-stage paths are under the build WORKDIR (/app): map them onto the clone.
      const src = c.from === 'build' ? join(ROOT, c.src.replace(/^\/app\/?/, '')) : join(ROOT, c.src);
      const intoDir = c.dest.endsWith('/');
      const rel = c.dest.replace(/^\.\/?/, '').replace(/^\/app\/?/, '');
      const dest = intoDir ? join(image, rel, c.src.split('/').pop() as string) : join(image, rel);
      if (c.src.endsWith('node_modules')) symlinkSync(src, dest);
      else cpSync(src, dest, { recursive: true });
    }
  }, 120_000);

  afterAll(() => {
    if (image) rmSync(image, { recursive: true, force: true });
  });

  it('copies the compiled service, migrations and catalogs, and its CMD serves the chat', async () => {
    expect(workdir).toBe('/app');
    expect(cmd[0]).toBe('node');
    expect(existsSync(join(image, cmd[1] as string))).toBe(true);
    const child = spawn(process.execPath, cmd.slice(1), {
      cwd: image,
      // As the image's ENV, with a port of our own.
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: data, DATABASE_PATH: join(data, 'waspada.db'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line:\n${out}`)), 60_000);
        const onData = (b: Buffer) => {
          out += b.toString();
          const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      const chat = (await (await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
        replies: Array<{ text: string }>;
        prompt: { flow: string };
      };
      expect(chat.prompt.flow).toBe('menu');
      expect(chat.replies.length).toBeGreaterThan(0);
      // Everything the service wrote stays in the volume.
      expect(existsSync(join(data, 'waspada.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});

/**
 * Run the REAL service (`node --import tsx src/server.ts`) as a child process, the way a deployer
 * does, so tests and benchmarks can SIGKILL it, restart it on the same files and measure it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The pino start-up line of src/server.ts, or the bench server's `BENCH_PORT=` line. */
const LISTENING = /Waspada listening on http:\/\/127\.0\.0\.1:(\d+)\/|^BENCH_PORT=(\d+)$/;

export type ServiceProcess = {
  child: ChildProcess;
  port: number;
  base: string;
  /** Milliseconds from spawn to the "listening" log line. */
  startupMs: number;
  /** Every stdout/stderr line so far (pino JSON at LOG_LEVEL=info). */
  lines: string[];
  /** Resolves with the exit code/signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Spawn the service with `env` on top of a minimal environment (PORT=0, 127.0.0.1) and wait for
 * the pino line announcing the port. Output is always drained so the child never blocks on a
 * full pipe.
 */
export async function startService(env: Record<string, string>, opts: { timeoutMs?: number; script?: string; nodeArgs?: string[] } = {}): Promise<ServiceProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(/\.m?js$/.test(opts.script ?? '') ? [] : ['--import', 'tsx']), opts.script ?? 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave a half-started service behind (it would hold its port and files).
      child.kill('SIGKILL');
      reject(new Error(`service did not start in time:\n${lines.join('\n')}`));
    }, opts.timeoutMs ?? 20_000);
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (lines.length < 20_000) lines.push(line);
        const m = LISTENING.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1] ?? m[2]));
        }
        nl = buf.indexOf('\n');
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((r) => {
      clearTimeout(timer);
      reject(new Error(`service exited before listening (${r.code ?? r.signal}):\n${lines.join('\n')}`));
    });
  });
  const startupMs = performance.now() - started;
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    startupMs,
    lines,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Resident set size of a child process in bytes (Linux /proc), or null where unavailable. */
export async function rssOf(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** A small fetch-based web-chat client against a running service. */
export function httpChat(base: string) {
  let conversation: string | undefined;
  type Reply = { conversation: string; replies: Array<{ text: string }>; prompt: { flow: string; step: string; kind: string } };
  async function post(body: Record<string, string>): Promise<Reply> {
    const res = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(conversation ? { conversation } : {}), ...body }),
    });
    const json = (await res.json()) as Reply;
    if (res.status !== 200) throw new Error(`POST /api/chat ${res.status}: ${JSON.stringify(json)}`);
    conversation = json.conversation;
    return json;
  }
  return {
    start: () => post({}),
    say: (text: string) => post({ text }),
    choose: (choice: string) => post({ choice }),
  };
}

/** Deterministic PRNG (mulberry32) so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

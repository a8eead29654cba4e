// A real tty pair from socat: what one end writes the other reads, with the kernel's tty layer in between.
// Killing it makes both ends vanish like an unplugged USB device; starting again with the same link
// names is the replug.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class PtyPair {
  readonly dir: string;
  readonly hostPath: string;
  readonly devicePath: string;
  private child: ChildProcess | null = null;

  constructor(name = 'pty') {
    this.dir = mkdtempSync(join(tmpdir(), `smlive-${name}-`));
    this.hostPath = join(this.dir, 'host');
    this.devicePath = join(this.dir, 'device');
  }

  /** socat's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Start socat and wait until both ends exist. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error('pty pair already running');
    if (!existsSync('/usr/bin/socat')) throw new Error('socat is missing: apt-get install socat');
    const child = spawn(
      'socat',
      [`pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = performance.now() + 5000;
    while (!existsSync(this.hostPath) || !existsSync(this.devicePath)) {
      if (child.exitCode !== null) throw new Error(`socat exited ${child.exitCode}: ${stderr}`);
      if (performance.now() > deadline) throw new Error(`socat made no ptys in 5 s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The unplug: socat dies, both ttys hang up and their links disappear. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child !== null) await endChild(child);
    // socat removes its links on SIGTERM; make sure, so a replug cannot find a stale one.
    rmSync(this.hostPath, { force: true });
    rmSync(this.devicePath, { force: true });
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** SIGTERM a child and wait for it to exit (SIGKILL after 2 s). */
export async function endChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

// Runs a system program the tests depend on (sox, ffmpeg…) and fails loudly, naming the Debian package to
// install, when it is missing: a test never skips because a tool is absent.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SystemTool {
  readonly path: string;
  /** The Debian package that provides it (also listed in tests/support/system-packages.mjs). */
  readonly debianPackage: string;
}

export const sox: SystemTool = { path: '/usr/bin/sox', debianPackage: 'sox libsox-fmt-all' };
export const ffmpeg: SystemTool = { path: '/usr/bin/ffmpeg', debianPackage: 'ffmpeg' };
export const arecord: SystemTool = { path: '/usr/bin/arecord', debianPackage: 'alsa-utils' };

/** Fails, naming the package, when a tool the test drives (directly or through the code) is missing. */
export function requireTool(tool: SystemTool): void {
  if (!existsSync(tool.path))
    throw new Error(`${tool.path} is missing: apt-get install ${tool.debianPackage}`);
}

export function runTool(tool: SystemTool, args: readonly string[]): void {
  requireTool(tool);
  try {
    execFileSync(tool.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    throw new Error(`${tool.path} ${args.join(' ')} failed: ${stderr}`, { cause: error });
  }
}

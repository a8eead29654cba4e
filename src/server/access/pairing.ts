// Who may control the show. The daemon prints an operator code and a viewer code; a controller trades one
// for a session token (POST /api/pair) and then shows that token on every socket handshake and HTTP call.
// The --token given on the command line works everywhere as an operator token. Sessions survive a daemon
// restart (kept in the data dir) so tablets stay paired through a crash mid-show.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { RoleSchema, type Role } from '../../contracts/index.js';

export interface Session {
  readonly clientId: string;
  readonly role: Role;
  readonly name?: string | undefined;
}

const SessionFileSchema = z.object({
  sessions: z.array(
    z.object({
      token: z.string().min(16),
      clientId: z.string(),
      role: RoleSchema,
      name: z.string().optional(),
    }),
  ),
});

/** Most sessions kept; the oldest are forgotten first. */
const MAX_SESSIONS = 200;

export interface PairingOptions {
  /** The --token: operator access without pairing; null when none was given. */
  readonly fixedToken: string | null;
  /** Where sessions are kept between runs; null keeps them in memory only. */
  readonly sessionFile: string | null;
}

export class Pairing {
  readonly operatorCode = sixDigitCode();
  readonly viewerCode: string;
  private readonly sessions = new Map<string, Session>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: PairingOptions) {
    let viewer = sixDigitCode();
    while (viewer === this.operatorCode) viewer = sixDigitCode();
    this.viewerCode = viewer;
  }

  /** Loads the sessions of earlier runs; a damaged file is ignored (controllers pair again). */
  async load(): Promise<string | null> {
    if (this.options.sessionFile === null) return null;
    let text: string;
    try {
      text = await readFile(this.options.sessionFile, 'utf8');
    } catch {
      return null;
    }
    let parsed: ReturnType<typeof SessionFileSchema.safeParse>;
    try {
      parsed = SessionFileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      return `ignoring ${this.options.sessionFile}: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!parsed.success)
      return `ignoring ${this.options.sessionFile}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    for (const { token, ...session } of parsed.data.sessions) this.sessions.set(token, session);
    return null;
  }

  /** A session token for a valid code, or null. */
  pair(code: string, name?: string): { token: string; session: Session } | null {
    const role = this.roleForCode(code.trim());
    if (role === null) return null;
    const token = randomBytes(24).toString('base64url');
    const session: Session = { clientId: randomBytes(6).toString('hex'), role, ...(name ? { name } : {}) };
    this.sessions.set(token, session);
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    this.save();
    return { token, session };
  }

  /** The session a token belongs to (a pairing session or the --token), or null. */
  authenticate(token: string): Session | null {
    const fixed = this.options.fixedToken;
    if (fixed !== null && safeEqual(token, fixed)) return { clientId: 'token', role: 'operator' };
    return this.sessions.get(token) ?? null;
  }

  /** Waits for the session file to be written (shutdown, tests). */
  flush(): Promise<void> {
    return this.saving;
  }

  private roleForCode(code: string): Role | null {
    if (safeEqual(code, this.operatorCode)) return 'operator';
    if (safeEqual(code, this.viewerCode)) return 'viewer';
    if (this.options.fixedToken !== null && safeEqual(code, this.options.fixedToken)) return 'operator';
    return null;
  }

  private save(): void {
    const file = this.options.sessionFile;
    if (file === null) return;
    const sessions = [...this.sessions].map(([token, session]) => ({ token, ...session }));
    const text = JSON.stringify({ sessions });
    // Written whole to a temporary file and renamed, so a crash never leaves half a file behind.
    this.saving = this.saving
      .then(() => writeFile(`${file}.tmp`, text, { mode: 0o600 }))
      .then(() => rename(`${file}.tmp`, file))
      .catch((error: unknown) => console.error(`smlive: could not save sessions: ${String(error)}`));
  }
}

function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// The reconnect discipline shared by the serial and Firmata links: one session at a time; a failed open or
// a lost session resets state and schedules exactly one retry; destroy() closes the session and stops
// retries for good. A session is an open transport that has passed its handshake.
import { RetryTimer } from './retry-timer.js';

export interface Session {
  close(): Promise<void>;
}

export interface SessionSupervisorOptions<S extends Session> {
  readonly retryDelayMs: number;
  /** Open and handshake; reject on failure. Call `lost` later if the session dies (port gone, silent). */
  readonly open: (lost: (reason: string) => void) => Promise<S>;
  readonly onConnecting: () => void;
  readonly onConnected: (session: S) => void;
  /** After a failed attempt or a loss; a retry is already scheduled. */
  readonly onDisconnected: (reason: string, wasConnected: boolean) => void;
}

export class SessionSupervisor<S extends Session> {
  private session: S | null = null;
  private destroyed = false;
  private attempting = false;
  private readonly retry: RetryTimer;

  constructor(private readonly options: SessionSupervisorOptions<S>) {
    this.retry = new RetryTimer(options.retryDelayMs);
  }

  get current(): S | null {
    return this.session;
  }

  start(): void {
    if (this.session === null && !this.attempting) void this.attempt();
  }

  /** Drop the current session as lost (e.g. heartbeat silence) and retry. */
  reportLost(reason: string): void {
    const session = this.session;
    if (session !== null) this.lose(session, reason);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.retry.destroy();
    const session = this.session;
    this.session = null;
    if (session !== null) await session.close().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    if (this.destroyed) return;
    this.attempting = true;
    this.options.onConnecting();
    let opened: S | null = null;
    let lostEarly: string | null = null;
    try {
      opened = await this.options.open((reason) => {
        if (opened !== null && this.session === opened) this.lose(opened, reason);
        else lostEarly = reason;
      });
    } catch (error) {
      this.attempting = false;
      if (this.destroyed) return;
      this.options.onDisconnected(error instanceof Error ? error.message : String(error), false);
      this.retry.schedule(() => void this.attempt());
      return;
    }
    this.attempting = false;
    if (this.destroyed || lostEarly !== null) {
      await opened.close().catch(() => undefined);
      if (!this.destroyed && lostEarly !== null) {
        this.options.onDisconnected(lostEarly, false);
        this.retry.schedule(() => void this.attempt());
      }
      return;
    }
    this.session = opened;
    this.options.onConnected(opened);
  }

  private lose(session: S, reason: string): void {
    if (this.session !== session) return;
    this.session = null;
    void session.close().catch(() => undefined);
    if (this.destroyed) return;
    this.options.onDisconnected(reason, true);
    this.retry.schedule(() => void this.attempt());
  }
}

// The one interface every prop driver implements. The engine and the device manager only ever talk to
// this, so a serial dongle, an LTX Wi-Fi ball, a Firmata board and an in-memory preview are swappable.
import type { EventEmitter } from 'node:events';
import type { Seconds } from '../show/time.js';

/**
 * idle: built, not started. connecting: opening the transport and handshaking (not yet usable).
 * connected: handshake done, frames flow. disconnected: lost; a retry is scheduled if the link retries.
 * closed: destroyed by its owner; it never retries again.
 */
export const LINK_STATUSES = ['idle', 'connecting', 'connected', 'disconnected', 'closed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export type LinkKind = 'serial' | 'ltx-wifi' | 'firmata' | 'virtual';

/** One prop a link drives. `pixelCount` fixes the frame size: pixelCount × 3 bytes. */
export interface LinkProp {
  readonly propId: string;
  readonly pixelCount: number;
}

/** Pixels of one prop (RGB triples in the prop's pixel order) to be shown at a moment of show time. */
export interface StampedFrame {
  readonly propId: string;
  readonly showAt: Seconds;
  readonly pixels: Uint8Array;
}

/** What a link reports about itself, for the controller UI and the logs. */
export interface LinkState {
  readonly id: string;
  readonly kind: LinkKind;
  readonly status: LinkStatus;
  readonly props: readonly string[];
  /** Device clock minus host clock in ms, for links that synchronise clocks; null otherwise or before sync. */
  readonly clockOffsetMs: number | null;
  /** Last minimum round-trip time in ms, for links that measure it. */
  readonly rttMs: number | null;
  readonly framesSent: number;
  /** Frames that could not reach the prop before their show time (host-side or reported by the device). */
  readonly framesLate: number;
  /** Frames discarded unshown: link down, superseded by a newer frame, queue overflow. */
  readonly framesDropped: number;
  /** Bytes or messages from the device that were rejected (garbage, CRC errors, truncated frames). */
  readonly badInput: number;
  readonly reconnects: number;
  readonly lastError: string | null;
}

export interface PropLinkEvents {
  status: [status: LinkStatus, reason: string | null];
}

export interface PropLink extends Pick<EventEmitter<PropLinkEvents>, 'on' | 'off' | 'once'> {
  readonly id: string;
  readonly kind: LinkKind;
  readonly props: readonly LinkProp[];
  /** How long before its show time a frame must be handed to this link (transport + latch margin). */
  readonly lookahead: Seconds;
  status(): LinkStatus;
  state(): LinkState;
  /**
   * Start the link. Resolves when it is first connected; keeps retrying on its own after a failure or a
   * loss until close(). Rejects only if the link is closed before it ever connects.
   */
  connect(): Promise<void>;
  /** Queue a frame; the link transmits it in time for `showAt`. Throws on an unknown prop or wrong size. */
  send(frame: StampedFrame): void;
  /** Drop every queued frame (after a seek): returns how many were dropped. */
  discardQueued(): number;
  /** Store a program on the prop so it can play on its own; format is the driver's (LTX: .prg bytes). */
  uploadProgram(propId: string, program: Uint8Array, name: string): Promise<void>;
  /** Turn every prop on this link dark now, ahead of any queued frame. */
  blackout(): Promise<void>;
  /** Stop for good: cancel retries, drop queued frames, close the transport. */
  close(): Promise<void>;
}

/** A driver that cannot do what was asked (e.g. program upload over Firmata). */
export class LinkUnsupportedError extends Error {
  override readonly name = 'LinkUnsupportedError';
}

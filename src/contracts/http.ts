import { z } from 'zod';
import { ContractErrorSchema } from './errors.js';
import { RoleSchema } from './state.js';

/** `POST /api/pair`: trade the pairing code shown by the daemon (or its --token) for a session token. */
export const PairRequestSchema = z
  .object({
    code: z.string().min(1).max(200),
    /** How this controller shows up in logs and checkpoints ("left tablet"). */
    name: z.string().min(1).max(60).optional(),
  })
  .strict();
export type PairRequest = z.infer<typeof PairRequestSchema>;

export const PairResponseSchema = z.union([
  z.object({ ok: z.literal(true), sessionToken: z.string(), role: RoleSchema }).strict(),
  z.object({ ok: z.literal(false), error: ContractErrorSchema }).strict(),
]);
export type PairResponse = z.infer<typeof PairResponseSchema>;

/** `GET /api/health`: open to anyone, for monitoring and start-up checks; no show content. */
export const HealthSchema = z
  .object({
    ok: z.boolean(),
    version: z.string(),
    showId: z.string(),
    revision: z.number().int().min(0),
    playing: z.boolean(),
    position: z.number().finite().min(0),
    props: z.number().int().min(0),
    devices: z.number().int().min(0),
  })
  .strict();
export type Health = z.infer<typeof HealthSchema>;

/** `GET /api/waveform` (Bearer): min/max pairs per bucket of `bucketSeconds`, each −1..1. */
export const WaveformPeaksSchema = z
  .object({
    bucketSeconds: z.number().positive(),
    min: z.array(z.number()),
    max: z.array(z.number()),
  })
  .strict();
export type WaveformPeaks = z.infer<typeof WaveformPeaksSchema>;

/** Header and query names the daemon reads. */
export const AUTH_HEADER = 'authorization';
/** The pairing code a QR code carries: `https://host:port/?pair=CODE`. */
export const PAIR_QUERY_PARAM = 'pair';

import { z } from 'zod';

/**
 * Why a request was refused. invalid-payload: the payload did not match its schema. refused: the show
 * command was valid JSON but does not fit the show (the path names the field). forbidden: a viewer asked
 * to change something. rate-limited: too many requests from this client. not-found: no such checkpoint,
 * cue or revision. conflict: the request does not fit the current state (e.g. keep without rehearsal).
 * unavailable: the daemon is starting or stopping.
 */
export const ErrorCodeSchema = z.enum([
  'invalid-payload',
  'refused',
  'forbidden',
  'rate-limited',
  'not-found',
  'conflict',
  'unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ContractErrorSchema = z
  .object({
    code: ErrorCodeSchema,
    /** One line a person can read: what is wrong. */
    message: z.string(),
    /** Dotted path of the offending field in the payload or command, when there is one. */
    path: z.string().optional(),
  })
  .strict();
export type ContractError = z.infer<typeof ContractErrorSchema>;

export const FailedAckSchema = z.object({ ok: z.literal(false), error: ContractErrorSchema }).strict();
export type FailedAck = z.infer<typeof FailedAckSchema>;

/** The answer to a request that returns nothing but success. */
export const OkAckSchema = z.union([z.object({ ok: z.literal(true) }).strict(), FailedAckSchema]);
export type OkAck = z.infer<typeof OkAckSchema>;

/** The answer to anything that changes the show: the revision it produced, or why nothing changed. */
export const CommandAckSchema = z.union([
  z.object({ ok: z.literal(true), revision: z.number().int().min(0), checkpointId: z.string() }).strict(),
  FailedAckSchema,
]);
export type CommandAck = z.infer<typeof CommandAckSchema>;

/** Reasons the socket handshake is refused, sent as the connect_error message. */
export const HANDSHAKE_ERRORS = {
  pairingRequired: 'pairing-required',
  badToken: 'bad-token',
  originNotAllowed: 'origin-not-allowed',
} as const;
export type HandshakeError = (typeof HANDSHAKE_ERRORS)[keyof typeof HANDSHAKE_ERRORS];

export function failure(code: ErrorCode, message: string, path?: string): FailedAck {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

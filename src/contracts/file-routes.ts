// HTTP routes for files the controller moves (all want `Authorization: Bearer`): importing a show or a
// song, exporting a prop's .prg, uploading a program to an LTX ball, and asking a device link to
// reconnect. Additive to the socket contract; the daemon answers every route with `FileRouteAnswer`,
// except the .prg download, which is the file itself (or a `FileRouteAnswer` with a non-2xx status).
import { z } from 'zod';
import { ContractErrorSchema } from './errors.js';

/**
 * `POST /api/import?filename=NAME`, body: the file's bytes (application/octet-stream). `.smproj`,
 * `.prg.json` and `.prg` replace or add to the show (one checkpoint); an audio file becomes the show's
 * song in one checkpoint (and is analysed), only while paused or stopped (409 while playing). A file that
 * does not parse changes nothing and says what is wrong.
 */
export const IMPORT_ROUTE = '/api/import';
export const IMPORT_FILENAME_PARAM = 'filename';
/** What the import accepts, for the file picker. */
export const IMPORT_SHOW_EXTENSIONS = ['.smproj', '.prg.json', '.prg'] as const;
export const IMPORT_AUDIO_EXTENSIONS = ['.wav', '.mp3', '.ogg', '.flac'] as const;

/** `GET /api/props/:propId/program.prg`: the prop's timeline as an LTX .prg. */
export function propProgramRoute(propId: string): string {
  return `/api/props/${encodeURIComponent(propId)}/program.prg`;
}

/** `POST /api/props/:propId/upload`: sends the prop's program to its LTX ball over Wi-Fi. */
export function propUploadRoute(propId: string): string {
  return `/api/props/${encodeURIComponent(propId)}/upload`;
}

/** `POST /api/devices/:deviceId/reconnect`: drops and re-opens one device link. */
export function deviceReconnectRoute(deviceId: string): string {
  return `/api/devices/${encodeURIComponent(deviceId)}/reconnect`;
}

export const FileRouteAnswerSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      /** The show revision after the change, when it changed the show. */
      revision: z.number().int().min(0).optional(),
      /** One line for the operator: "imported 4 props", "uploaded 312 frames to ball-2". */
      message: z.string(),
    })
    .strict(),
  z.object({ ok: z.literal(false), error: ContractErrorSchema }).strict(),
]);
export type FileRouteAnswer = z.infer<typeof FileRouteAnswerSchema>;

// The file routes of the controller (src/contracts/file-routes.ts): import a show file into the running
// show as one checkpoint, download a prop's .prg, upload it to the prop's LTX ball, ask a link to reconnect.
import express, { type Request, type Response, type Router } from 'express';
import type { ErrorCode } from '../../contracts/index.js';
import {
  IMPORT_AUDIO_EXTENSIONS,
  IMPORT_FILENAME_PARAM,
  IMPORT_ROUTE,
  type FileRouteAnswer,
} from '../../contracts/file-routes.js';
import type { DeviceManager } from '../../devices/index.js';
import type { Show } from '../../show/index.js';
import {
  exportPropPrg,
  FormatError,
  importPrg,
  importPrgJson,
  importSmproj,
  parseJsonText,
  parseSmprojText,
} from '../../show/formats/index.js';
import { bearerToken } from '../access/origin-check.js';
import type { Pairing } from '../access/pairing.js';
import type { ShowSession } from '../show-session.js';
import { SongImportRefused, type SongImported } from '../song-import.js';

/** A whole show file. */
const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;
/** A song: a long WAV is large; the decoded samples take several times this in memory. */
const SONG_LIMIT_BYTES = 300 * 1024 * 1024;

export interface FileRoutesOptions {
  readonly pairing: Pairing;
  readonly session: ShowSession;
  /** The links as they are at each request: they follow the show's props. */
  readonly devices: DeviceManager;
  /** Makes an audio file the show's song (see song-import.ts); songs are refused without it. */
  readonly importSong?: (file: string, bytes: Uint8Array) => Promise<SongImported>;
}

function answer(response: Response, status: number, body: FileRouteAnswer): void {
  response.status(status).json(body);
}

function refuse(response: Response, status: number, code: ErrorCode, message: string): void {
  answer(response, status, { ok: false, error: { code, message } });
}

/** The props of an imported show, as one batch that adds them or replaces the timelines of same-named ones. */
function importBatch(
  current: Show,
  imported: Show,
  file: string,
): { type: 'batch'; commands: unknown[]; label: string } {
  const commands: unknown[] = [];
  if (imported.duration > current.duration)
    commands.push({ type: 'setShowInfo', duration: imported.duration });
  for (const prop of imported.props) {
    const existing = current.props.find((candidate) => candidate.id === prop.id);
    if (existing) {
      // Keep the rig's own settings for the prop (link, colour order); take the imported timeline.
      commands.push({ type: 'removeProp', propId: prop.id });
      commands.push({ type: 'addProp', prop: { ...existing, segments: prop.segments } });
    } else {
      commands.push({ type: 'addProp', prop });
    }
  }
  return { type: 'batch', commands, label: `import ${file}` };
}

function parseShowFile(file: string, bytes: Uint8Array): Show {
  const lower = file.toLowerCase();
  const stem = file.replace(/\.(prg\.json|prg|json|smproj)$/i, '') || 'imported';
  const propId = stem.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64) || 'imported';
  const names = { propId, propName: stem.slice(0, 100) };
  const text = () => new TextDecoder().decode(bytes);
  if (lower.endsWith('.smproj')) return importSmproj(parseSmprojText(text())).show;
  if (lower.endsWith('.prg.json') || lower.endsWith('.json'))
    return importPrgJson(parseJsonText(text(), file), names);
  if (lower.endsWith('.prg')) return importPrg(bytes, names);
  throw new FormatError(`${file}: not a .smproj, .prg.json or .prg file`);
}

function isSong(file: string): boolean {
  return IMPORT_AUDIO_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension));
}

function importedName(request: Request): string {
  return String(request.query[IMPORT_FILENAME_PARAM] ?? '').trim();
}

export function fileRoutes({ pairing, session, devices, importSong }: FileRoutesOptions): Router {
  const router = express.Router();
  const operator = (request: Request, response: Response): boolean => {
    const token = bearerToken(request.headers.authorization);
    const caller = token === null ? null : pairing.authenticate(token);
    if (caller?.role === 'operator') return true;
    refuse(
      response,
      caller === null ? 401 : 403,
      'forbidden',
      caller === null ? 'send Authorization: Bearer <session token>' : 'a viewer may not change files',
    );
    return false;
  };
  const linkOfProp = (propId: string) => devices.linkOf(propId);

  const showBody = express.raw({ type: () => true, limit: IMPORT_LIMIT_BYTES });
  const songBody = express.raw({ type: () => true, limit: SONG_LIMIT_BYTES });
  router.post(
    IMPORT_ROUTE,
    // Who may, before reading a body of up to a song's size.
    (request, response, next) => {
      if (operator(request, response)) next();
    },
    (request, response, next) =>
      (isSong(importedName(request)) ? songBody : showBody)(request, response, next),
    async (request, response) => {
      const file = importedName(request);
      if (file === '')
        return refuse(
          response,
          400,
          'invalid-payload',
          `name the file: ${IMPORT_ROUTE}?${IMPORT_FILENAME_PARAM}=NAME`,
        );
      const body: unknown = request.body;
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
      if (isSong(file)) {
        if (importSong === undefined)
          return refuse(response, 409, 'unavailable', 'this daemon cannot load a new song');
        try {
          return answer(response, 200, { ok: true, ...(await importSong(file, bytes)) });
        } catch (error) {
          if (error instanceof SongImportRefused)
            return refuse(response, error.status, error.code, error.message);
          throw error;
        }
      }
      if (bytes.length === 0) return refuse(response, 400, 'invalid-payload', `${file} is empty`);
      let imported: Show;
      try {
        imported = parseShowFile(file, bytes);
      } catch (error) {
        if (error instanceof FormatError) return refuse(response, 400, 'invalid-payload', error.message);
        throw error;
      }
      const result = await session.command(importBatch(session.show, imported, file), {
        author: 'operator',
        meta: { import: file },
      });
      if (!result.ok)
        return refuse(response, 400, 'refused', `${file} does not fit the show: ${result.message}`);
      answer(response, 200, {
        ok: true,
        revision: result.revision,
        message: `imported ${imported.props.length} prop${imported.props.length === 1 ? '' : 's'} from ${file}`,
      });
    },
  );

  router.get('/api/props/:propId/program.prg', (request, response) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null || pairing.authenticate(token) === null) {
      return refuse(response, 401, 'forbidden', 'send Authorization: Bearer <session token>');
    }
    const propId = request.params.propId;
    if (!session.show.props.some((prop) => prop.id === propId))
      return refuse(response, 404, 'not-found', `no prop "${propId}"`);
    const bytes = exportPropPrg(session.show, propId, 100);
    response
      .status(200)
      .type('application/octet-stream')
      .attachment(`${propId}.prg`)
      .send(Buffer.from(bytes));
  });

  router.post('/api/props/:propId/upload', async (request, response) => {
    if (!operator(request, response)) return;
    const propId = request.params.propId;
    if (!session.show.props.some((prop) => prop.id === propId))
      return refuse(response, 404, 'not-found', `no prop "${propId}"`);
    const link = linkOfProp(propId);
    if (!link) return refuse(response, 409, 'conflict', `prop "${propId}" has no device link`);
    const bytes = exportPropPrg(session.show, propId, 100);
    try {
      await link.uploadProgram(propId, bytes, `${propId}.prg`);
    } catch (error) {
      return refuse(
        response,
        502,
        'unavailable',
        `upload to ${link.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    answer(response, 200, { ok: true, message: `uploaded ${bytes.length} bytes to ${link.id}` });
  });

  router.post('/api/devices/:deviceId/reconnect', (request, response) => {
    if (!operator(request, response)) return;
    const link = devices.link(request.params.deviceId);
    if (!link) return refuse(response, 404, 'not-found', `no device "${request.params.deviceId}"`);
    // Links retry by themselves after a loss (one retry timer each); a second connect would race it.
    const status = link.status();
    if (status === 'closed') return refuse(response, 409, 'conflict', `${link.id} is closed`);
    if (status === 'idle') void link.connect().catch(() => undefined);
    answer(response, 200, {
      ok: true,
      message:
        status === 'connected'
          ? `${link.id} is connected`
          : `${link.id} is ${status}: it reconnects by itself`,
    });
  });

  return router;
}

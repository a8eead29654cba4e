// HTTP routes: health (open), pairing (rate limited per address), the song and its waveform (Bearer), and
// the built controller UI as static files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import {
  PairRequestSchema,
  type Health,
  type PairResponse,
  type WaveformPeaks,
} from '../../contracts/index.js';
import { bearerToken, originAllowed } from '../access/origin-check.js';
import type { Pairing } from '../access/pairing.js';
import { KeyedTokenBuckets } from '../access/token-bucket.js';

export interface HttpAppOptions {
  readonly pairing: Pairing;
  readonly health: () => Health;
  /** Absolute path of the show's song, or null. */
  readonly audioPath: () => string | null;
  readonly waveform: () => WaveformPeaks | null;
  /** Folder of the built controller UI (index.html and assets). */
  readonly uiDir: string;
}

/** Pairing attempts per address: a few at once, then one every 6 s, so six digits cannot be guessed. */
const PAIR_BUDGET = { burst: 10, perSecond: 1 / 6 };

export function httpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const pairAttempts = new KeyedTokenBuckets(PAIR_BUDGET);

  app.get('/api/health', (_request, response) => {
    response.json(options.health());
  });

  app.post('/api/pair', express.json({ limit: '2kb' }), (request, response) => {
    if (!originAllowed(request.headers.origin, request.headers.host)) {
      return send(response, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'this page’s origin may not pair' },
      });
    }
    if (!pairAttempts.take(request.ip ?? 'unknown')) {
      return send(response, 429, {
        ok: false,
        error: { code: 'rate-limited', message: 'too many pairing attempts; wait a few seconds' },
      });
    }
    const parsed = PairRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return send(response, 400, {
        ok: false,
        error: {
          code: 'invalid-payload',
          message: `pairing needs {"code": "…"}: ${issue?.message ?? 'invalid body'}`,
          ...(issue && issue.path.length > 0 ? { path: issue.path.join('.') } : {}),
        },
      });
    }
    const paired = options.pairing.pair(parsed.data.code, parsed.data.name);
    if (paired === null) {
      return send(response, 401, { ok: false, error: { code: 'forbidden', message: 'wrong pairing code' } });
    }
    return send(response, 200, { ok: true, sessionToken: paired.token, role: paired.session.role });
  });

  const requireToken = (request: Request, response: Response, next: NextFunction): void => {
    const token = bearerToken(request.headers.authorization);
    if (token !== null && options.pairing.authenticate(token) !== null) return next();
    response.status(401).json({
      ok: false,
      error: { code: 'forbidden', message: 'send Authorization: Bearer <session token>' },
    });
  };

  app.get('/api/audio', requireToken, (_request, response) => {
    const path = options.audioPath();
    if (path === null)
      return void response
        .status(404)
        .json({ ok: false, error: { code: 'not-found', message: 'the show has no song' } });
    response.sendFile(path);
  });

  app.get('/api/waveform', requireToken, (_request, response) => {
    const peaks = options.waveform();
    if (peaks === null)
      return void response
        .status(404)
        .json({ ok: false, error: { code: 'not-found', message: 'no waveform yet' } });
    response.json(peaks);
  });

  app.use('/api', (_request, response) => {
    response.status(404).json({ ok: false, error: { code: 'not-found', message: 'no such API route' } });
  });

  if (existsSync(join(options.uiDir, 'index.html'))) {
    // Built assets have hashed names and may be cached; the page and the service worker must be checked on
    // every load, or a browser keeps an old page naming files a new build no longer has.
    const revalidate = (response: Response, path: string): void => {
      if (path.endsWith('index.html') || path.endsWith('sw.js'))
        response.setHeader('Cache-Control', 'no-cache');
    };
    app.use(express.static(options.uiDir, { index: 'index.html', maxAge: '1h', setHeaders: revalidate }));
    app.get(/.*/, (_request, response) =>
      response.setHeader('Cache-Control', 'no-cache').sendFile(join(options.uiDir, 'index.html')),
    );
  } else {
    app.get(/.*/, (_request, response) => {
      response
        .status(503)
        .type('text/plain')
        .send(
          `The controller UI is not built: ${options.uiDir} has no index.html.\n` +
            'Build it (see the README), then reload. The socket API and /api/health work without it.\n',
        );
    });
  }
  return app;
}

function send(response: Response, status: number, body: PairResponse): void {
  response.status(status).json(body);
}

// HTTP routes of voice prompting (HTTPS for phones, and localhost HTTP): a paired operator posts a WAV and
// reads NDJSON back, the words first and the outcome after; taps and settings go through small JSON routes.
import express, { type Request, type Response, type Router } from 'express';
import {
  FINAL_VOICE_STATES,
  VOICE_DECISION_ROUTE,
  VOICE_ROUTE,
  VOICE_SETTINGS_ROUTE,
  VOICE_UPLOAD_LIMIT_BYTES,
  VoiceDecisionSchema,
} from '../../contracts/voice.js';
import type { VoiceStatus } from '../../assistant/voice/index.js';
import { bearerToken } from '../access/origin-check.js';
import type { Pairing } from '../access/pairing.js';
import type { VoiceService } from './voice-service.js';

/** HTTP status of a request that ended before any words were known. */
function failureStatus(status: VoiceStatus): number {
  switch (status.problem) {
    case 'recognizer-missing':
    case 'recognizer-failed':
    case 'timeout':
      return 503;
    case 'not-understood':
      return 422;
    default:
      return 400;
  }
}

export function voiceRoutes(voice: VoiceService, pairing: Pairing): Router {
  const router = express.Router();
  const operator = (request: Request, response: Response): boolean => {
    const token = bearerToken(request.headers.authorization);
    const session = token === null ? null : pairing.authenticate(token);
    if (session?.role === 'operator') return true;
    response.status(session === null ? 401 : 403).json({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          session === null
            ? 'send Authorization: Bearer <session token>'
            : 'a viewer may not give voice commands',
      },
    });
    return false;
  };

  router.post(
    VOICE_ROUTE,
    express.raw({ type: () => true, limit: VOICE_UPLOAD_LIMIT_BYTES }),
    async (request, response) => {
      if (!operator(request, response)) return;
      const body: unknown = request.body;
      const wav = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
      const { heard, outcome } = voice.handle(wav);
      const first = await heard;
      const line = (status: VoiceStatus) => `${JSON.stringify(status)}\n`;
      if (FINAL_VOICE_STATES.has(first.state)) {
        response
          .status(first.state === 'failed' ? failureStatus(first) : 200)
          .type('application/x-ndjson')
          .send(line(first));
        return;
      }
      response.status(200).type('application/x-ndjson');
      response.setHeader('Cache-Control', 'no-store');
      response.write(line(first));
      response.end(line(await outcome));
    },
  );

  router.post(VOICE_DECISION_ROUTE, express.json({ limit: '1kb' }), (request, response) => {
    if (!operator(request, response)) return;
    const parsed = VoiceDecisionSchema.safeParse(request.body);
    if (!parsed.success) {
      response.status(400).json({
        ok: false,
        error: { code: 'invalid-payload', message: 'send {"requestId": n, "send": true|false}' },
      });
      return;
    }
    if (!voice.decide(parsed.data.requestId, parsed.data.send)) {
      response.status(404).json({
        ok: false,
        error: { code: 'not-found', message: `request ${parsed.data.requestId} is not waiting for a tap` },
      });
      return;
    }
    response.json({ ok: true });
  });

  router.get(VOICE_SETTINGS_ROUTE, async (request, response) => {
    if (!operator(request, response)) return;
    response.json(await voice.panel());
  });

  router.put(VOICE_SETTINGS_ROUTE, express.json({ limit: '4kb' }), async (request, response) => {
    if (!operator(request, response)) return;
    const result = await voice.configure(request.body);
    if (!result.ok) {
      response.status(400).json({ ok: false, error: { code: 'invalid-payload', ...result } });
      return;
    }
    response.json(await voice.panel());
  });
  return router;
}

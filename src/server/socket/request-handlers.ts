// What each controller request does. Payloads arrive here already parsed by their contract schema and with
// the caller's role checked; every handler answers with the acknowledgement its event promises.
import type { AckOf, ParsedRequest, RequestEvent } from '../../contracts/index.js';
import type { Session } from '../access/pairing.js';
import { toAck, type LiveControls } from '../live-controls.js';
import type { ShowSession } from '../show-session.js';

export interface RequestContext {
  readonly session: Session;
  /** Sends this client a fresh snapshot. */
  readonly resync: () => void;
}

export interface HandlerDeps {
  readonly show: ShowSession;
  readonly controls: LiveControls;
}

export type RequestHandler<E extends RequestEvent> = (
  payload: ParsedRequest<E>,
  context: RequestContext,
) => AckOf<E> | Promise<AckOf<E>>;

/** Handlers by event; other parts of the daemon (the assistant) bring handlers for their own events. */
export type RequestHandlers = { [E in RequestEvent]?: RequestHandler<E> };

/** The show, transport, output and rehearsal requests: the core of the contract. */
type CoreEvent = Extract<
  RequestEvent,
  | 'state:resync'
  | 'show:command'
  | 'history:undo'
  | 'history:redo'
  | 'history:revert'
  | 'history:name'
  | 'transport:play'
  | 'transport:pause'
  | 'transport:stop'
  | 'transport:seek'
  | 'transport:cue'
  | 'transport:loop'
  | 'transport:rate'
  | 'output:brightness'
  | 'output:blackout'
  | 'output:calibration'
  | 'rehearsal:start'
  | 'rehearsal:keep'
  | 'rehearsal:discard'
>;

export function requestHandlers({ show, controls }: HandlerDeps): { [E in CoreEvent]: RequestHandler<E> } {
  const author = 'operator' as const;
  const meta = (context: RequestContext, note?: string) => ({
    client: context.session.name ?? context.session.clientId,
    ...(note === undefined ? {} : { note }),
  });
  return {
    'state:resync': (_payload, context) => {
      context.resync();
      return { ok: true };
    },
    'show:command': async ({ command, note }, context) =>
      toAck(await show.command(command, { author, meta: meta(context, note) })),
    'history:undo': async (_payload, context) => toAck(await show.undo({ author, meta: meta(context) })),
    'history:redo': async (_payload, context) => toAck(await show.redo({ author, meta: meta(context) })),
    'history:revert': async ({ revision }, context) =>
      toAck(await show.revert(revision, { author, meta: meta(context) })),
    'history:name': async ({ checkpointId, name }) => {
      const result = await show.name(checkpointId, name);
      return result.ok ? { ok: true } : toAck(result);
    },
    'transport:play': ({ from }) => controls.play(from),
    'transport:pause': () => controls.pause(),
    'transport:stop': () => controls.stop(),
    'transport:seek': ({ position }) => controls.seek(position),
    'transport:cue': ({ cueId }) => controls.cue(cueId),
    'transport:loop': ({ range }) => controls.loop(range),
    'transport:rate': ({ rate }) => controls.rate(rate),
    'output:brightness': ({ level }) => controls.brightness(level),
    'output:blackout': ({ on }) => controls.blackout(on),
    'output:calibration': ({ ms }) => controls.calibrate(ms),
    'rehearsal:start': ({ output, dim }) => controls.startRehearsal(output, dim),
    'rehearsal:keep': ({ label }) => controls.keepRehearsal(author, label),
    'rehearsal:discard': () => controls.discardRehearsal(),
  };
}

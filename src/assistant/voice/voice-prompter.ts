// What happens to a spoken command: check the recording, recognize it, announce the words at once, then
// either apply a fully parsed command straight to the show (fast path) or hand the words to the co-pilot.
// Every change it makes is one checkpoint that records what was heard; a failure at any step changes nothing.
import type { Show } from '../../show/index.js';
import type { AssistantStatus, PromptOptions } from '../copilot.js';
import { SpeechError } from '../speech/speech-error.js';
import type { SpeechToText } from '../speech/speech-to-text.js';
import { checkUtterance } from '../speech/utterance-check.js';
import { parseWav, toSpeechRate } from '../speech/wav.js';
import { planSpokenCommand, type PlannedEdit } from './command-plan.js';
import { parseSpokenCommand } from './spoken-command.js';
import type { VoiceSettings } from './voice-settings.js';
import type { VoiceStatus } from './voice-status.js';

export type VoiceEditResult =
  | { readonly ok: true; readonly revision?: number; readonly checkpointId?: string }
  | { readonly ok: false; readonly message: string };

/** What voice needs of the daemon: the show, the music's position, and its write path and blackout. */
export interface VoiceShowAccess {
  current(): { readonly show: Show; readonly revision: number };
  position(): { readonly playhead: number; readonly playing: boolean; readonly lookahead: number };
  apply(
    edit: PlannedEdit,
    checkpoint: { readonly label: string; readonly meta: Record<string, unknown> },
  ): Promise<VoiceEditResult>;
}

export interface VoiceAssistant {
  prompt(text: string, options: PromptOptions): Promise<AssistantStatus>;
}

export interface VoicePrompterOptions {
  readonly recognizer: () => SpeechToText;
  readonly show: VoiceShowAccess;
  readonly assistant?: () => VoiceAssistant | null;
  readonly settings: () => VoiceSettings;
  readonly onStatus?: (status: VoiceStatus) => void;
}

export interface VoiceRequest {
  /** Known as soon as the words are (or the recording failed). */
  readonly heard: Promise<VoiceStatus>;
  /** The end of it: applied, sent to the assistant, cancelled, failed or rejected. */
  readonly outcome: Promise<VoiceStatus>;
}

interface Waiting {
  readonly requestId: number;
  readonly go: (send: boolean) => void;
}

export class VoicePrompter {
  private nextRequestId = 1;
  private waiting: Waiting | null = null;

  constructor(private readonly options: VoicePrompterOptions) {}

  /** Takes one recording (WAV bytes) from the end of hold-to-talk. */
  handle(wav: Uint8Array): VoiceRequest {
    const requestId = this.nextRequestId++;
    // A new recording replaces one that was waiting for its tap.
    this.waiting?.go(false);
    let announce: (status: VoiceStatus) => void = () => undefined;
    const heard = new Promise<VoiceStatus>((resolve) => {
      announce = resolve;
    });
    const outcome = this.run(requestId, wav, (status) => announce(status));
    // A failure before the words are known settles both.
    void outcome.then((status) => announce(status));
    return { heard, outcome };
  }

  /** The operator's tap on words that wait for it (send setting 'tap'). */
  decide(requestId: number, send: boolean): boolean {
    if (this.waiting?.requestId !== requestId) return false;
    this.waiting.go(send);
    return true;
  }

  private async run(
    requestId: number,
    wav: Uint8Array,
    announce: (status: VoiceStatus) => void,
  ): Promise<VoiceStatus> {
    const base = { requestId, text: '', route: null } as const;
    this.report({ ...base, state: 'recognizing', message: 'listening to the recording' });
    const settings = this.options.settings();
    let text: string;
    let recognizeMs: number;
    let recognizer: SpeechToText;
    try {
      const audio = toSpeechRate(parseWav(wav));
      checkUtterance(audio, { maxSeconds: settings.maxSeconds, minSeconds: 0.25 });
      recognizer = this.options.recognizer();
      const transcript = await recognizer.transcribe(audio);
      text = transcript.text.trim();
      recognizeMs = Math.round(transcript.ms);
      if (text === '') {
        throw new SpeechError('not-understood', 'no command was recognized: say it again, a little slower');
      }
    } catch (error) {
      const problem = error instanceof SpeechError ? error.problem : 'recognizer-failed';
      const message = error instanceof Error ? error.message : String(error);
      return this.report({ ...base, state: 'failed', problem, message: `${message}; nothing changed` });
    }
    const vocabulary = await recognizer.vocabulary();
    const spoken = parseSpokenCommand(text, vocabulary);
    const assistant = this.options.assistant?.() ?? null;
    const route = spoken ? 'fast' : 'assistant';
    const heard = { requestId, text, route, recognizeMs } as const;
    if (!spoken && assistant === null) {
      const failed = this.report({
        ...heard,
        route: null,
        state: 'failed',
        problem: 'not-understood',
        message: `heard "${text}", which is not a voice command, and no assistant is set up; nothing changed`,
      });
      announce(failed);
      return failed;
    }
    const tap = settings.send === 'tap';
    announce(
      this.report({
        ...heard,
        state: tap ? 'waiting-for-tap' : 'heard',
        message: tap
          ? `heard "${text}": tap to ${spoken ? 'apply' : 'send it to the assistant'}`
          : `heard "${text}"`,
      }),
    );
    if (tap && !(await this.waitForTap(requestId))) {
      return this.report({
        ...heard,
        state: 'cancelled',
        message: `"${text}" was not sent; nothing changed`,
      });
    }
    const meta = { source: 'voice', heard: text, engine: recognizer.engine, route, recognizeMs };
    if (!spoken) {
      const status = await (assistant as VoiceAssistant).prompt(text, { source: 'voice', heard: text });
      return this.report({
        ...heard,
        state: status.state === 'applied' ? 'applied' : status.state === 'failed' ? 'failed' : 'assistant',
        message: `assistant: ${status.message}`,
        ...(status.revision === undefined ? {} : { revision: status.revision }),
        ...(status.checkpointId === undefined ? {} : { checkpointId: status.checkpointId }),
      });
    }
    // Times are read when the change is made, not when the words were heard (a tap may come later).
    const { show } = this.options.show.current();
    const plan = planSpokenCommand(spoken, show, this.options.show.position());
    if (!plan.ok)
      return this.report({ ...heard, state: 'rejected', message: `${plan.message}; nothing changed` });
    // The history list shows what was said; the meta keeps what it became.
    const label = `voice: “${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
    const detail =
      plan.edit.kind === 'command' ? plan.edit.label.replace(/^voice: /, '') : describeEdit(plan.edit);
    const result = await this.options.show.apply(plan.edit, {
      label,
      meta: { ...meta, parsed: spoken, detail },
    });
    if (!result.ok) {
      return this.report({ ...heard, state: 'rejected', message: `${result.message}; nothing changed` });
    }
    return this.report({
      ...heard,
      state: 'applied',
      message: `${detail}${result.revision === undefined ? '' : ` (revision ${result.revision})`}`,
      ...(result.revision === undefined ? {} : { revision: result.revision }),
      ...(result.checkpointId === undefined ? {} : { checkpointId: result.checkpointId }),
    });
  }

  private waitForTap(requestId: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiting: Waiting = {
        requestId,
        go: (send) => {
          if (this.waiting === waiting) this.waiting = null;
          resolve(send);
        },
      };
      this.waiting = waiting;
    });
  }

  private report(status: VoiceStatus): VoiceStatus {
    this.options.onStatus?.(status);
    return status;
  }
}

function describeEdit(edit: PlannedEdit): string {
  switch (edit.kind) {
    case 'command':
      return edit.label;
    case 'undo':
    case 'redo':
      return edit.kind;
    case 'blackout':
      return edit.on ? 'blackout' : 'release blackout';
    default:
      return edit satisfies never;
  }
}

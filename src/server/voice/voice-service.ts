// Voice prompting in the daemon: the recognizer the settings choose, the prompter over the show session
// (one write path: every voice change is a checkpoint by the operator with the words in its meta), and
// the voice settings kept in the data folder.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  OpenAiTranscriber,
  PocketsphinxRecognizer,
  type SpeechToText,
} from '../../assistant/speech/index.js';
import {
  VoicePrompter,
  VoiceSettingsSchema,
  type PlannedEdit,
  type VoiceAssistant,
  type VoiceEditResult,
  type VoiceRequest,
  type VoiceSettings,
  type VoiceShowAccess,
  type VoiceStatus,
} from '../../assistant/voice/index.js';
import type { VoicePanel } from '../../contracts/voice.js';
import type { ShowClock } from '../../engine/show-clock.js';
import type { Show } from '../../show/index.js';
import type { LiveControls } from '../live-controls.js';
import type { ShowSession } from '../show-session.js';

const SETTINGS_FILE = 'voice-settings.json';

export interface VoiceServiceOptions {
  readonly session: ShowSession;
  readonly controls: LiveControls;
  readonly clock: ShowClock;
  /** Seconds ahead of the clock that the props already hold (the slowest link plus the render margin). */
  readonly lookahead: () => number;
  /** The show as voice commands see it (with the beats heard live where the show has no grid). */
  readonly showView?: (show: Show) => Show;
  readonly dataDir: string;
  /** The co-pilot, when one is set up: words the fast path does not parse go to it. */
  readonly assistant?: () => VoiceAssistant | null;
  readonly onStatus?: (status: VoiceStatus) => void;
}

export class VoiceService {
  private settings: VoiceSettings = VoiceSettingsSchema.parse({});
  private recognizer: SpeechToText | null = null;
  readonly prompter: VoicePrompter;

  constructor(private readonly options: VoiceServiceOptions) {
    this.prompter = new VoicePrompter({
      recognizer: () => this.currentRecognizer(),
      show: sessionAccess(options),
      settings: () => this.settings,
      ...(options.assistant ? { assistant: options.assistant } : {}),
      ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    });
  }

  /** Reads saved settings; a damaged file is reported and the defaults are used. */
  async load(): Promise<string | null> {
    try {
      const text = await readFile(join(this.options.dataDir, SETTINGS_FILE), 'utf8');
      const parsed = VoiceSettingsSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return `voice settings ignored (${parsed.error.issues[0]?.message ?? 'invalid'})`;
      this.settings = parsed.data;
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return `voice settings ignored (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  handle(wav: Uint8Array): VoiceRequest {
    return this.prompter.handle(wav);
  }

  decide(requestId: number, send: boolean): boolean {
    return this.prompter.decide(requestId, send);
  }

  /** Checks and saves new settings; the recognizer is rebuilt for the next recording. */
  async configure(change: unknown): Promise<{ ok: true } | { ok: false; message: string; path: string }> {
    const parsed = VoiceSettingsSchema.safeParse({ ...this.settings, ...(change as object) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, message: issue?.message ?? 'invalid settings', path: issue?.path.join('.') ?? '' };
    }
    this.settings = parsed.data;
    this.recognizer = null;
    await writeFile(join(this.options.dataDir, SETTINGS_FILE), `${JSON.stringify(this.settings, null, 2)}\n`);
    return { ok: true };
  }

  async panel(): Promise<VoicePanel> {
    let unheard: string[] = [];
    try {
      unheard = [...(await this.currentRecognizer().vocabulary()).dropped];
    } catch {
      // A missing recognizer shows up on the first recording, with its own message.
    }
    const { engine, send, transcriptionUrl, transcriptionModel, maxSeconds } = this.settings;
    return { engine, send, transcriptionUrl, transcriptionModel, maxSeconds, unheard };
  }

  private currentRecognizer(): SpeechToText {
    const show = () => this.options.session.show;
    this.recognizer ??=
      this.settings.engine === 'openai'
        ? new OpenAiTranscriber({
            show,
            baseUrl: this.settings.transcriptionUrl,
            model: this.settings.transcriptionModel,
          })
        : new PocketsphinxRecognizer({ show, workDir: join(this.options.dataDir, 'speech') });
    return this.recognizer;
  }
}

function sessionAccess(options: VoiceServiceOptions): VoiceShowAccess {
  const { session, controls, clock } = options;
  return {
    current: () => ({
      show: options.showView ? options.showView(session.show) : session.show,
      revision: session.revision,
    }),
    position: () => ({ playhead: clock.now(), playing: clock.state.playing, lookahead: options.lookahead() }),
    async apply(edit: PlannedEdit, checkpoint): Promise<VoiceEditResult> {
      const commit = { author: 'operator' as const, label: checkpoint.label, meta: checkpoint.meta };
      if (edit.kind === 'blackout') {
        const ack = await controls.blackout(edit.on);
        return ack.ok ? { ok: true } : { ok: false, message: ack.error.message };
      }
      const result =
        edit.kind === 'command'
          ? await session.command(edit.command, commit)
          : edit.kind === 'undo'
            ? await session.undo(commit)
            : await session.redo(commit);
      return result.ok
        ? { ok: true, revision: result.revision, checkpointId: result.checkpointId }
        : { ok: false, message: result.message };
    },
  };
}

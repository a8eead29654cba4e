// The assistant in the daemon: settings and key from the data folder, a Copilot over the show session,
// and its progress announced to every controller. A failing or hung model server only ever produces a
// message; the music, the devices and the other controllers carry on.
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import {
  AssistantSettingsSchema,
  Copilot,
  createProvider,
  type AssistantSettings,
  type AssistantStatus,
  type ConversationStore,
  type PromptOptions,
  type ShowAccess,
} from '../../assistant/index.js';
import type { AssistantPanel, OkAck } from '../../contracts/index.js';
import type { SettingsStore } from '../../storage/index.js';
import { readApiKey, writeApiKey } from './api-key-file.js';

const SETTINGS_KEY = 'assistant';

export interface AssistantServiceEvents {
  status: [status: AssistantStatus];
  panel: [panel: AssistantPanel];
}

export interface AssistantServiceOptions {
  readonly dataDir: string;
  readonly settingsStore: SettingsStore;
  readonly conversations: ConversationStore;
  readonly access: ShowAccess;
}

export class AssistantService extends EventEmitter<AssistantServiceEvents> {
  private copilot: Copilot;
  private settings: AssistantSettings;
  private apiKey: string | undefined;
  private health: AssistantPanel['health'] = null;
  private current: AssistantStatus | null = null;

  private constructor(
    private readonly options: AssistantServiceOptions,
    settings: AssistantSettings,
    apiKey: string | undefined,
  ) {
    super();
    this.settings = settings;
    this.apiKey = apiKey;
    this.copilot = new Copilot({
      live: options.access,
      settings,
      provider: createProvider(settings, apiKey),
      conversations: options.conversations,
      onStatus: (status) => {
        this.current = status;
        this.emit('status', status);
        // Busy changes with every step; the panel follows so no controller shows a stale state.
        this.emit('panel', this.panel());
      },
    });
  }

  static async open(options: AssistantServiceOptions): Promise<AssistantService> {
    const stored = await options.settingsStore.get(SETTINGS_KEY, z.unknown());
    const parsed = AssistantSettingsSchema.safeParse(stored ?? {});
    // Settings that no longer fit (an older version, a hand edit) fall back to the defaults, said once.
    const settings = parsed.success ? parsed.data : AssistantSettingsSchema.parse({});
    return new AssistantService(options, settings, await readApiKey(options.dataDir));
  }

  panel(): AssistantPanel {
    return {
      settings: { ...this.settings },
      hasApiKey: this.apiKey !== undefined,
      health: this.health,
      usage: this.copilot.usage(),
      busy: this.copilot.busy,
      current: this.current,
    };
  }

  async prompt(text: string, options: PromptOptions = {}): Promise<AssistantStatus> {
    try {
      return await this.copilot.prompt(text, options);
    } finally {
      // The request is over only now (its last status goes out just before): say so to every controller.
      this.emit('panel', this.panel());
    }
  }

  stop(): void {
    this.copilot.stop();
  }

  decide(requestId: number, decision: 'apply' | 'reject'): OkAck {
    return this.copilot.decide(requestId, decision)
      ? { ok: true }
      : { ok: false, error: { code: 'not-found', message: `no proposal ${requestId} is waiting` } };
  }

  /** Switches settings (and the key) live; a request under way finishes on the old ones. */
  async configure(
    changes: Record<string, unknown> | undefined,
    apiKey: string | null | undefined,
  ): Promise<OkAck> {
    const parsed = AssistantSettingsSchema.safeParse({ ...this.settings, ...(changes ?? {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid-payload',
          message: issue?.message ?? 'invalid settings',
          path: ['settings', ...(issue?.path ?? [])].join('.'),
        },
      };
    }
    if (apiKey !== undefined) {
      await writeApiKey(this.options.dataDir, apiKey);
      this.apiKey = apiKey ?? undefined;
    }
    this.settings = parsed.data;
    await this.options.settingsStore.set(SETTINGS_KEY, this.settings);
    this.copilot.configure(this.settings, createProvider(this.settings, this.apiKey));
    this.health = null;
    this.emit('panel', this.panel());
    return { ok: true };
  }

  /** Asks the model server whether it answers and has the model; the controller shows the result. */
  async checkHealth(): Promise<AssistantPanel> {
    const provider = createProvider(this.settings, this.apiKey);
    // Nobody stops a check: the provider's own deadline (at most 5 s) bounds it.
    const result = await provider.health(new AbortController().signal);
    this.health = { ok: result.ok, detail: result.detail, checkedAt: new Date().toISOString() };
    const panel = this.panel();
    this.emit('panel', panel);
    return panel;
  }

  close(): void {
    this.copilot.stop();
  }
}

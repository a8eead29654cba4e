import type { ChatMessage } from './providers/chat-types.js';

/** One line of a show's conversation with the assistant, as stored and shown. */
export interface ConversationEntry {
  readonly showId: string;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly time: string;
  readonly meta?: Record<string, unknown>;
}

/** Where conversations live (storage provides the durable one). */
export interface ConversationStore {
  append(entry: ConversationEntry): Promise<void>;
  recent(showId: string, limit: number): Promise<ConversationEntry[]>;
}

/** Keeps conversations in memory: for tests, previews, and when no store is configured. */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries: ConversationEntry[] = [];

  async append(entry: ConversationEntry): Promise<void> {
    this.entries.push(entry);
  }

  async recent(showId: string, limit: number): Promise<ConversationEntry[]> {
    return this.entries.filter((entry) => entry.showId === showId).slice(-limit);
  }
}

/** The conversation as chat messages for the model: plain turns, so "no, make it blue" has its context. */
export function historyMessages(entries: readonly ConversationEntry[]): ChatMessage[] {
  return entries.map((entry) => ({ role: entry.role, content: entry.content }));
}

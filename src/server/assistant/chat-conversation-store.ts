import type { ConversationEntry, ConversationStore } from '../../assistant/index.js';
import type { ChatStore } from '../../storage/index.js';

/** The assistant's conversations, kept per show in the daemon's chat store. */
export class ChatConversationStore implements ConversationStore {
  constructor(private readonly chats: ChatStore) {}

  async append(entry: ConversationEntry): Promise<void> {
    await this.chats.append({
      showId: entry.showId,
      role: entry.role,
      content: entry.content,
      time: entry.time,
      ...(entry.meta ? { meta: entry.meta } : {}),
    });
  }

  async recent(showId: string, limit: number): Promise<ConversationEntry[]> {
    const messages = await this.chats.list(showId, { last: limit });
    return messages
      .filter(
        (message): message is typeof message & { role: 'user' | 'assistant' } =>
          message.role === 'user' || message.role === 'assistant',
      )
      .map((message) => ({
        showId: message.showId,
        role: message.role,
        content: message.content,
        time: message.time,
        ...(message.meta ? { meta: message.meta } : {}),
      }));
  }
}

import { join } from 'node:path';
import { z } from 'zod';
import { Collection } from './collection.js';
import type { Durability } from './durability.js';
import { StorageError } from './storage-error.js';
import { firstIssue, parseStoredJson } from './zod-issue.js';

export const ChatRoleSchema = z.enum(['user', 'assistant', 'system', 'tool']);

/** One message of a show's conversation with the assistant. */
export const ChatMessageSchema = z
  .object({
    showId: z.string().min(1),
    role: ChatRoleSchema,
    content: z.string(),
    /** ISO 8601. */
    time: z.string().datetime({ offset: true }),
    /** Tool calls, model, latency, the checkpoint an answer made … */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
export type StoredChatMessage = ChatMessage & { readonly seq: number };

const ChatRecordSchema = z
  .object({
    _id: z.string().min(1),
    showId: z.string().min(1),
    seq: z.number().int().min(1),
    // The message as JSON text: meta may have keys NeDB refuses ('.' or a leading '$').
    message: z.string(),
  })
  .strict();
type ChatRecord = z.infer<typeof ChatRecordSchema>;

/** The assistant conversation of each show, in order, in chat.db. */
export class ChatStore {
  private readonly lastSeq = new Map<string, number>();

  private constructor(private readonly records: Collection<ChatRecord>) {}

  static async open(dataDir: string, durability: Durability): Promise<ChatStore> {
    const store = new ChatStore(
      await Collection.open(join(dataDir, 'chat.db'), ChatRecordSchema, durability),
    );
    for (const record of await store.records.find())
      store.lastSeq.set(record.showId, Math.max(record.seq, store.lastSeq.get(record.showId) ?? 0));
    return store;
  }

  get file(): string {
    return this.records.file;
  }

  /** Appends a message; resolves with its sequence number once it is saved. */
  async append(message: ChatMessage): Promise<StoredChatMessage> {
    const checked = ChatMessageSchema.safeParse(message);
    if (!checked.success)
      throw new StorageError(
        `refusing to store an invalid chat message: ${firstIssue(checked.error)}`,
        this.file,
      );
    const seq = (this.lastSeq.get(checked.data.showId) ?? 0) + 1;
    this.lastSeq.set(checked.data.showId, seq);
    await this.records.insert({
      _id: `${checked.data.showId}#${seq}`,
      showId: checked.data.showId,
      seq,
      message: JSON.stringify(checked.data),
    });
    return { ...checked.data, seq };
  }

  /** A show's messages in order; `last` keeps only the latest ones. */
  async list(showId: string, options: { last?: number } = {}): Promise<StoredChatMessage[]> {
    const records = await this.records.find({ showId }, { seq: 1 });
    const kept =
      options.last === undefined ? records : records.slice(Math.max(0, records.length - options.last));
    return kept.map((record) => ({ ...this.parse(record), seq: record.seq }));
  }

  async clear(showId: string): Promise<void> {
    await this.records.remove({ showId });
  }

  close(): Promise<void> {
    return this.records.close();
  }

  private parse(record: ChatRecord): ChatMessage {
    const line = this.records.lineOf(record._id);
    const message = parseStoredJson(
      ChatMessageSchema,
      record.message,
      `chat message ${record._id}`,
      this.file,
      line,
    );
    if (message.showId !== record.showId) {
      throw new StorageError(
        `chat message ${record._id} is not valid: it is for show "${message.showId}" but filed under "${record.showId}"`,
        this.file,
        line,
      );
    }
    return message;
  }
}

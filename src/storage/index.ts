// Storage: shows with their whole checkpoint history, settings and assistant chats, in NeDB datafiles.
export * from './storage.js';
export * from './storage-error.js';
export * from './durability.js';
export * from './show-store.js';
export * from './persistent-show.js';
export * from './restore-history.js';
export * from './settings-store.js';
export * from './chat-store.js';
export { STORAGE_SCHEMA_VERSION, type StorageMigration, type SchemaCheck } from './schema-version.js';

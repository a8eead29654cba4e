// The show domain: pure, no I/O. Everything else reaches it through this file.
export * from './color.js';
export * from './time.js';
export * from './model/pixels.js';
export * from './model/segment.js';
export * from './model/prop.js';
export * from './model/show.js';
export * from './commands/command-error.js';
export * from './commands/command-table.js';
export * from './commands/restore-schema.js';
export * from './commands/apply.js';
export type { CommandDefinition } from './commands/command-definition.js';
export * from './render/render-show.js';
export { renderPropFrame, segmentAtFrame } from './render/render-prop.js';
export { fadeChannel, roundHalfToEven } from './render/fade-channel.js';
export * from './history/checkpoint.js';
export * from './history/show-history.js';
export * from './history/diff-shows.js';

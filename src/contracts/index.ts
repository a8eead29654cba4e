// The contract between the daemon and its controllers: socket.io events, HTTP bodies, and the pure patch
// logic both ends share. Imports nothing but src/show and zod.
export * from './errors.js';
export * from './state.js';
export * from './show-patch.js';
export * from './requests.js';
export * from './events.js';
export * from './http.js';
export * from './assistant.js';
export * from './voice.js';
export * from './found-devices.js';
export * from './live-input.js';
export * from './analysis-progress.js';

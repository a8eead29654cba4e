// Voice prompting: spoken words to show changes, by the fast path or through the co-pilot.
export * from './spoken-command.js';
export * from './command-plan.js';
export * from './beat-times.js';
export * from './voice-settings.js';
export * from './voice-status.js';
export * from './voice-prompter.js';

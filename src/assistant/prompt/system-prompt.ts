import { lookReference } from '../tools/command-reference.js';

/**
 * The system prompt. It never changes between requests (the show summary goes last, in its own message),
 * so a local server can keep the tokens of this prefix and the tools cached.
 */
export const SYSTEM_PROMPT = [
  'You edit the light show of LED juggling props while the music plays. Times are seconds of show time.',
  'Call the edit tools to change the show; all calls of one reply apply together as one undoable change.',
  'Use the beat grid: read beats_in_range and put changes on beats and bars. "Now" is the playhead.',
  'Colours are [r,g,b] 0-255 (white [255,255,255]). A look is one of:',
  lookReference(),
  'Use only prop ids from the show summary. If a request is unclear or impossible, reply in one sentence and change nothing.',
].join('\n');

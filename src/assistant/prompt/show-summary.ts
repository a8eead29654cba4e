import type { Show } from '../../show/index.js';
import { nextAfter } from '../tools/read-tools.js';
import { countTokens } from './token-count.js';

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * What the model needs to know about the show right now, within a token budget. It changes on every
 * request, so it goes last, after the cached system prompt, tools and conversation.
 */
export function showSummary(show: Show, playhead: number, playing: boolean, tokenBudget: number): string {
  const section = show.sections.find((candidate) => candidate.start <= playhead && playhead < candidate.end);
  const head = [
    `Show "${show.name}", ${round(show.duration)} s, ${show.beatGrid.bpm ? `${round(show.beatGrid.bpm)} BPM` : 'tempo unknown'}.`,
    `Playhead ${round(playhead)} s (${playing ? 'playing' : 'stopped'})${section ? `, in ${section.label}` : ''}; next beat ${nextAfter(show.beatGrid.beats, playhead) ?? 'none'}, next bar ${nextAfter(show.beatGrid.downbeats, playhead) ?? 'none'}.`,
    `Props: ${show.props.map((prop) => `${prop.id} (${prop.name}, ${prop.pixelCount} px)`).join(', ')}.`,
  ];
  const upcoming = show.sections.filter((candidate) => candidate.end > playhead);
  const lines = [...head];
  let text = lines.join('\n');
  // Sections, nearest first, as long as they fit.
  for (let count = upcoming.length; count > 0; count--) {
    const sections = upcoming
      .slice(0, count)
      .map((candidate) => `${candidate.label} ${round(candidate.start)}–${round(candidate.end)}`)
      .join(', ');
    const candidateText = [...lines, `Sections: ${sections}${count < upcoming.length ? ', …' : ''}.`].join(
      '\n',
    );
    if (countTokens(candidateText) <= tokenBudget) {
      text = candidateText;
      break;
    }
  }
  return text;
}

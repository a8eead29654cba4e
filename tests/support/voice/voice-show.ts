// The show the voice tests speak to: seven props with spoken names ("Ball 1" … "Club"), sections, and a
// 120 bpm beat grid in 4/4, so "for eight beats" and "until the chorus" land on known times.
import { ShowSchema, type Show } from '../../../src/show/index.js';

export const VOICE_SHOW_BPM = 120;
const BEAT = 60 / VOICE_SHOW_BPM;
const DURATION = 120;

export function voiceTestShow(): Show {
  const beats = Array.from({ length: DURATION / BEAT }, (_, index) => index * BEAT);
  return ShowSchema.parse({
    schemaVersion: 1,
    id: 'voice-test',
    name: 'Voice test show',
    duration: DURATION,
    frameRate: 100,
    beatGrid: { beats, downbeats: beats.filter((_, index) => index % 4 === 0), bpm: VOICE_SHOW_BPM },
    sections: [
      { start: 0, end: 16, label: 'Intro', energy: 0.3 },
      { start: 16, end: 48, label: 'Verse', energy: 0.5 },
      { start: 48, end: 80, label: 'Chorus', energy: 0.9 },
      { start: 80, end: 96, label: 'Bridge', energy: 0.6 },
      { start: 96, end: 120, label: 'Outro', energy: 0.4 },
    ],
    props: [
      prop('ball-1', 'Ball 1', [0, 0, 255]),
      prop('ball-2', 'Ball 2', [255, 0, 0]),
      prop('ball-3', 'Ball 3', [0, 255, 0]),
      prop('ball-4', 'Ball 4', [255, 255, 0]),
      prop('poi-left', 'Poi left', [0, 255, 255]),
      prop('poi-right', 'Poi right', [255, 0, 255]),
      prop('club', 'Club', [255, 255, 255]),
    ],
  });
}

function prop(id: string, name: string, color: [number, number, number]) {
  return {
    id,
    name,
    pixelCount: 3,
    segments: [{ id: `${id}-base`, start: 0, end: DURATION, look: { kind: 'solid', color } }],
  };
}

// A Standard MIDI File writer (format 1), enough for the generated songs: notes, program changes and
// tempo meta events. Written here rather than pulled from a package so the test audio has no new dependency.

export interface MidiNote {
  readonly tick: number;
  readonly durationTicks: number;
  readonly channel: number;
  readonly note: number;
  readonly velocity: number;
}

export interface MidiTrack {
  readonly programs: ReadonlyArray<{ readonly channel: number; readonly program: number }>;
  readonly notes: readonly MidiNote[];
}

export interface MidiSong {
  readonly ticksPerQuarter: number;
  /** Tempo events: microseconds per quarter note from that tick on. */
  readonly tempos: ReadonlyArray<{ readonly tick: number; readonly microsecondsPerQuarter: number }>;
  readonly tracks: readonly MidiTrack[];
}

function variableLength(value: number): number[] {
  const bytes = [value & 0x7f];
  let rest = value >>> 7;
  while (rest > 0) {
    bytes.unshift((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  return bytes;
}

interface TimedEvent {
  readonly tick: number;
  /** Note-offs sort before note-ons at the same tick, so a repeated note is not cut short. */
  readonly order: number;
  readonly bytes: readonly number[];
}

function trackChunk(events: TimedEvent[]): Buffer {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || a.order - b.order);
  const body: number[] = [];
  let lastTick = 0;
  for (const event of sorted) {
    body.push(...variableLength(event.tick - lastTick), ...event.bytes);
    lastTick = event.tick;
  }
  body.push(0, 0xff, 0x2f, 0x00);
  const header = Buffer.alloc(8);
  header.write('MTrk', 0, 'ascii');
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, Buffer.from(body)]);
}

export function encodeMidiFile(song: MidiSong): Buffer {
  const header = Buffer.alloc(14);
  header.write('MThd', 0, 'ascii');
  header.writeUInt32BE(6, 4);
  header.writeUInt16BE(1, 8);
  header.writeUInt16BE(song.tracks.length + 1, 10);
  header.writeUInt16BE(song.ticksPerQuarter, 12);
  const tempoTrack = trackChunk(
    song.tempos.map(({ tick, microsecondsPerQuarter: us }) => ({
      tick,
      order: 0,
      bytes: [0xff, 0x51, 0x03, (us >>> 16) & 0xff, (us >>> 8) & 0xff, us & 0xff],
    })),
  );
  const tracks = song.tracks.map((track) =>
    trackChunk([
      ...track.programs.map(({ channel, program }) => ({
        tick: 0,
        order: 0,
        bytes: [0xc0 | channel, program],
      })),
      ...track.notes.flatMap((note) => [
        { tick: note.tick, order: 2, bytes: [0x90 | note.channel, note.note, note.velocity] },
        { tick: note.tick + note.durationTicks, order: 1, bytes: [0x80 | note.channel, note.note, 0] },
      ]),
    ]),
  );
  return Buffer.concat([header, tempoTrack, ...tracks]);
}

// A Sequence Maker project in the shape its Project.to_dict() saves (metadata, settings, timelines of
// segments in seconds, audio, lyrics with word timestamps, and the editor's other keys we ignore).
export function seedProject(
  audioPath: string | null = '/home/juggler/songs/fast car.mp3',
): Record<string, unknown> {
  return {
    metadata: {
      version: '0.1.0',
      created: '2026-05-04T11:59:00.064570',
      modified: '2026-05-04T12:00:03.069564',
      name: 'Fast Car',
      description: '',
    },
    settings: { defaultPixels: 4, refreshRate: 100, totalDuration: 294.11371882086166, zoomLevel: 1.0 },
    keyMappings: {},
    effects: {},
    timelines: [
      {
        name: 'Ball 1',
        defaultPixels: 4,
        created: '2026-05-04T11:59:00.064586',
        modified: '2026-05-04T12:00:03.069523',
        segments: [
          {
            startTime: 0.0,
            endTime: 20.94,
            color: [255, 0, 0],
            pixels: 4,
            effects: [],
            segment_type: 'solid',
          },
          {
            startTime: 20.94,
            endTime: 21.53,
            color: [255, 0, 0],
            endColor: [0, 0, 255],
            pixels: 2,
            effects: [],
            segment_type: 'fade',
          },
          {
            startTime: 23.05,
            endTime: 3600.0,
            color: [0, 255, 0],
            pixels: 4,
            effects: [{ type: 'strobe', parameters: { frequency: 8, duty_cycle: 0.25 } }],
            segment_type: 'solid',
          },
        ],
      },
      {
        name: 'Ball 1',
        defaultPixels: 3,
        created: '2026-05-04T11:59:00.064589',
        modified: '2026-05-04T12:00:03.069550',
        segments: [
          // Saved out of order and overlapping, as older editor versions could.
          { startTime: 10, endTime: 30, color: [0, 0, 255], pixels: 3, effects: [], segment_type: 'solid' },
          { startTime: 0, endTime: 15, color: [255, 255, 0], pixels: 3, effects: [], segment_type: 'solid' },
          { startTime: 40, endTime: 40, color: [9, 9, 9], pixels: 3, effects: [], segment_type: 'solid' },
          {
            startTime: 50,
            endTime: 60,
            color: [10, 20, 30],
            pixels: 3,
            effects: [{ type: 'rainbow', parameters: { speed: 0.5, saturation: 1.0, value: 0.8 } }],
            segment_type: 'solid',
          },
          {
            startTime: 60,
            endTime: 61,
            color: [10, 20, 30],
            pixels: 3,
            effects: [{ type: 'pulse', parameters: { frequency: 1, min_brightness: 0.2 } }],
          },
        ],
      },
    ],
    audio: { embedded: false, filename: audioPath, filepath: audioPath, duration: 0, data: null },
    visualizations: { selected: ['waveform', 'beats'], settings: {} },
    lyrics: {
      song_name: 'Fast Car',
      artist_name: 'Tracy Chapman',
      lyrics_text: 'You got a fast car',
      word_timestamps: [
        { word: 'you', start: 20.94, end: 20.98 },
        { word: 'got', start: 20.98, end: 21.09 },
        { word: '<unk>', start: 60.12, end: 60.39 },
      ],
    },
    chat_history: [],
    llm_metadata: { token_usage: 0, estimated_cost: 0.0, interactions: [] },
  };
}

// The song's waveform peaks for the timeline, fetched once per show from the daemon (Bearer token).
import { effect, signal } from '@preact/signals';
import { WaveformPeaksSchema, type WaveformPeaks } from '../../../contracts/index.js';
import { media } from '../state/live-state.js';
import { storedToken } from '../session/session-token.js';

export const waveform = signal<WaveformPeaks | null>(null);

let loadedUrl: string | null = null;

export function loadWaveformWhenShown(): () => void {
  return effect(() => {
    const url = media.value.waveformUrl;
    if (url === loadedUrl) return;
    loadedUrl = url;
    waveform.value = null;
    if (url) void fetchPeaks(url);
  });
}

async function fetchPeaks(url: string): Promise<void> {
  const token = storedToken();
  try {
    const response = await fetch(new URL(url, document.baseURI), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!response.ok) return;
    const parsed = WaveformPeaksSchema.safeParse(await response.json());
    if (parsed.success && loadedUrl === url) waveform.value = parsed.data;
  } catch {
    // No waveform is not a reason to stop: the lanes and beat grid still work without it.
  }
}

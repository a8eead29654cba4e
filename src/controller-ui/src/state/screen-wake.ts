// Keeps a tablet's screen on while the show plays: a controller that dims mid-show is a controller the
// performer cannot reach. The lock is released when playback stops and re-taken when the page returns.
import { effect } from '@preact/signals';
import { isPlaying } from './live-state.js';

interface WakeLockHandle {
  release(): Promise<void>;
}

export function keepScreenOnWhilePlaying(): () => void {
  const wakeLock = (
    navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockHandle> } }
  ).wakeLock;
  if (!wakeLock) return () => undefined;
  let held: WakeLockHandle | null = null;
  const sync = async () => {
    const want = isPlaying.value && document.visibilityState === 'visible';
    if (want && !held) {
      try {
        held = await wakeLock.request('screen');
      } catch {
        // Refused (battery saver, not a secure context): the show goes on.
      }
    } else if (!want && held) {
      const releasing = held;
      held = null;
      await releasing.release().catch(() => undefined);
    }
  };
  const stop = effect(() => {
    void isPlaying.value;
    void sync();
  });
  // The browser drops the lock when the page is hidden; take it again on return.
  const visibility = () => {
    if (document.visibilityState === 'visible') held = null;
    void sync();
  };
  document.addEventListener('visibilitychange', visibility);
  return () => {
    stop();
    document.removeEventListener('visibilitychange', visibility);
  };
}

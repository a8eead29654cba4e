// For a kiosk or laptop with a keyboard: space plays/pauses, B toggles blackout, ⌘/Ctrl+Z undoes,
// ⌘/Ctrl+Shift+Z (or Ctrl+Y) redoes. They send the same requests as the buttons.
import { act } from '../session/controller-link.js';
import { isOperator, isPlaying, linkPhase, output } from './live-state.js';

export function installKeyboardShortcuts(): () => void {
  const keydown = (event: KeyboardEvent) => {
    if (linkPhase.value !== 'live' || !isOperator.value) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable))
      return;
    const command = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (event.key === ' ' && !command) {
      void act(isPlaying.value ? 'transport:pause' : 'transport:play', {});
    } else if (key === 'b' && !command) {
      void act('output:blackout', { on: !output.value.blackout });
    } else if (command && key === 'z') {
      void act(event.shiftKey ? 'history:redo' : 'history:undo', {});
    } else if (command && key === 'y') {
      void act('history:redo', {});
    } else {
      return;
    }
    event.preventDefault();
    // A focused button would also take the key (space activates it on key-up): the shortcut must be the
    // only thing that happens, so nothing keeps the focus.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  };
  window.addEventListener('keydown', keydown);
  return () => window.removeEventListener('keydown', keydown);
}

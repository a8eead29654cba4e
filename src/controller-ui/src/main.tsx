import { render } from 'preact';
import { PAIR_QUERY_PARAM } from '../../contracts/index.js';
import { App } from './app.js';
import { pairWithCode } from './pairing/PairingScreen.js';
import { connect } from './session/controller-link.js';
import { FRAGMENT_TOKEN_REFUSED, takeFragmentToken } from './session/fragment-token.js';
import { storeToken, storedToken } from './session/session-token.js';
import { startFrameLoop } from './state/frame-loop.js';
import { installKeyboardShortcuts } from './state/keyboard-shortcuts.js';
import { keepScreenOnWhilePlaying } from './state/screen-wake.js';
import { linkPhase } from './state/live-state.js';
import { loadWaveformWhenShown } from './timeline/waveform-data.js';
import './styles.css';

async function start(): Promise<void> {
  const url = new URL(window.location.href);
  const code = url.searchParams.get(PAIR_QUERY_PARAM);
  if (code) {
    // A scanned QR code: pair, then drop the code from the address bar so a reload does not reuse it.
    url.searchParams.delete(PAIR_QUERY_PARAM);
    history.replaceState(null, '', url);
    if (await pairWithCode(code)) return;
    linkPhase.value = 'pairing';
    return;
  }
  const kioskToken = takeFragmentToken();
  if (kioskToken) {
    // Kept like a paired token, so a reload without the fragment stays connected; a refused one is
    // forgotten by the link, which shows the pairing screen with the reason.
    storeToken(kioskToken);
    connect(kioskToken, { refusedMessage: FRAGMENT_TOKEN_REFUSED });
    return;
  }
  const token = storedToken();
  if (token) connect(token);
  else linkPhase.value = 'pairing';
}

render(<App />, document.getElementById('app') as HTMLElement);
loadWaveformWhenShown();
startFrameLoop();
installKeyboardShortcuts();
keepScreenOnWhilePlaying();
void start();

if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {
    // Not installable then, but the controller works the same.
  });
}

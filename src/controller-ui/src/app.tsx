import { PairingScreen } from './pairing/PairingScreen.js';
import { SidePanel, panelFolded } from './panels/SidePanel.js';
import { PreviewStrip } from './preview/PreviewStrip.js';
import { linkPhase, output, rehearsal, show } from './state/live-state.js';
import { Timeline } from './timeline/Timeline.js';
import { TransportBar } from './transport/TransportBar.js';
import { Toasts } from './ui/Toasts.js';
import { LinkBanner } from './ui/LinkBanner.js';
import { VoiceButton } from './voice/VoiceButton.js';

export function App() {
  if (linkPhase.value === 'pairing') {
    return (
      <>
        <PairingScreen />
        <Toasts />
      </>
    );
  }
  if (!show.value) {
    return (
      <main class="loading">
        <div class="spinner" aria-hidden="true" />
        <p>Connecting to the daemon…</p>
      </main>
    );
  }
  return (
    <div
      class={`controller ${output.value.blackout ? 'is-blackout' : ''} ${rehearsal.value.active ? 'is-rehearsal' : ''} ${panelFolded.value ? 'panel-folded' : ''}`}
      data-testid="controller"
    >
      <TransportBar />
      {linkPhase.value === 'reconnecting' && <LinkBanner />}
      <PreviewStrip />
      <Timeline />
      <SidePanel />
      <VoiceButton />
      <Toasts />
    </div>
  );
}

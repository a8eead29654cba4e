import { signal } from '@preact/signals';
import { AssistantPanel } from '../copilot/AssistantPanel.js';
import { currentRequest } from '../copilot/assistant-log.js';
import { EditPanel } from '../editing/EditPanel.js';
import { devices, history } from '../state/live-state.js';
import { DevicesPanel } from './DevicesPanel.js';
import { FilesPanel } from './FilesPanel.js';
import { HistoryPanel } from './HistoryPanel.js';
import { ShowPanel } from './ShowPanel.js';

type Tab = 'edit' | 'assistant' | 'history' | 'devices' | 'show' | 'files';
const activeTab = signal<Tab>('edit');
/** On a phone the panel folds down to its tabs (tap the open tab) to give the timeline the screen. */
export const panelFolded = signal(false);

const TABS: readonly { id: Tab; label: string; title?: string }[] = [
  { id: 'edit', label: 'Edit' },
  // Short, so six tabs fit the tablet's side panel.
  { id: 'assistant', label: 'AI', title: 'Assistant' },
  { id: 'history', label: 'History' },
  { id: 'devices', label: 'Devices' },
  { id: 'show', label: 'Show' },
  { id: 'files', label: 'Files' },
];

export function SidePanel() {
  const tab = activeTab.value;
  const badge = (id: Tab) => {
    if (id === 'assistant') {
      // A proposal waits for the operator wherever they are looking.
      const state = currentRequest.value?.state;
      return state === 'proposed' ? '!' : state === 'thinking' ? '…' : null;
    }
    if (id === 'history') return history.value.checkpoints.length || null;
    if (id === 'devices') {
      const down = devices.value.filter((device) => device.status !== 'connected').length;
      return down > 0 ? `${down}!` : null;
    }
    return null;
  };
  return (
    <aside class="side-panel" data-region="panel">
      <nav class="tabs" role="tablist">
        {TABS.map(({ id, label, title }) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            class={`tab ${tab === id ? 'is-active' : ''}`}
            data-testid={`tab-${id}`}
            title={title}
            onClick={() => {
              panelFolded.value = tab === id ? !panelFolded.value : false;
              activeTab.value = id;
            }}
          >
            {label}
            {badge(id) !== null && <span class="badge">{badge(id)}</span>}
          </button>
        ))}
      </nav>
      <div class="panel-scroll" role="tabpanel" hidden={panelFolded.value}>
        {tab === 'edit' && <EditPanel />}
        {tab === 'assistant' && <AssistantPanel />}
        {tab === 'history' && <HistoryPanel />}
        {tab === 'devices' && <DevicesPanel />}
        {tab === 'show' && <ShowPanel />}
        {tab === 'files' && <FilesPanel />}
      </div>
    </aside>
  );
}

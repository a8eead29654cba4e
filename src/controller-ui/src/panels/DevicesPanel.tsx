import { deviceReconnectRoute } from '../../../contracts/file-routes.js';
import type { DeviceStatus } from '../../../contracts/index.js';
import { callFileRoute, daemonUrl } from '../session/daemon-http.js';
import { devices, isOperator } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { formatMs } from '../ui/format.js';
import { FoundDevicesList } from './FoundDevicesList.js';
import { LiveInputCard } from './LiveInputCard.js';

const KIND_LABELS: Record<DeviceStatus['kind'], string> = {
  serial: 'Serial',
  'ltx-wifi': 'LTX Wi-Fi',
  firmata: 'Firmata',
  virtual: 'Virtual',
};

async function reconnect(deviceId: string): Promise<void> {
  const answer = await callFileRoute(daemonUrl(deviceReconnectRoute(deviceId)), { method: 'POST' });
  if (answer.ok) notify('info', answer.message);
  else notify('error', answer.error.message);
}

/** Each link to the props: is it up, how far its clock is off, how long a round trip takes, late frames. */
export function DevicesPanel() {
  const list = devices.value;
  return (
    <div class="panel-body devices-panel">
      <LiveInputCard />
      {list.length === 0 && <p class="hint">No devices. Virtual props still show in the preview.</p>}
      <ul class="devices" data-testid="devices">
        {list.map((device) => (
          <li key={device.id} class={`device status-${device.status}`} data-device-id={device.id}>
            <div class="device-head">
              <span class={`status-dot status-${device.status}`} aria-hidden="true" />
              <span class="device-name">{device.id}</span>
              <span class="muted">{KIND_LABELS[device.kind]}</span>
              <span class="device-status">{device.status}</span>
            </div>
            <dl class="device-figures">
              <div>
                <dt>Clock offset</dt>
                <dd>{formatMs(device.clockOffsetMs)}</dd>
              </div>
              <div>
                <dt>RTT</dt>
                <dd>{formatMs(device.rttMs)}</dd>
              </div>
              <div>
                <dt>Late frames</dt>
                <dd class={device.framesLate > 0 ? 'warn' : ''}>{device.framesLate}</dd>
              </div>
              <div>
                <dt>Dropped</dt>
                <dd class={device.framesDropped > 0 ? 'warn' : ''}>{device.framesDropped}</dd>
              </div>
              <div>
                <dt>Reconnects</dt>
                <dd>{device.reconnects}</dd>
              </div>
              <div class="wide">
                <dt>Props</dt>
                <dd>{device.props.join(', ') || '—'}</dd>
              </div>
            </dl>
            {device.lastError && <p class="device-error">{device.lastError}</p>}
            {device.kind !== 'virtual' && (
              <button
                class="chip chip-small"
                disabled={!isOperator.value}
                onClick={() => void reconnect(device.id)}
              >
                Reconnect
              </button>
            )}
          </li>
        ))}
      </ul>
      <FoundDevicesList />
    </div>
  );
}

import { signal } from '@preact/signals';
import type { FoundDevice } from '../../../contracts/index.js';
import { act } from '../session/controller-link.js';
import { foundDevices, isOperator, show } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { DEFAULT_PIXELS, addPropForDevice, pixelCountProblem } from './found-device-prop.js';

const KIND_LABELS: Record<FoundDevice['kind'], string> = { ltx: 'LTX ball', serial: 'USB serial' };

/** Pixel counts typed for devices that do not report theirs, by found-device id. */
const typedPixels = signal<Readonly<Record<string, string>>>({});
/** Devices whose add is on its way: a second tap must not add a second prop. */
const adding = signal<ReadonlySet<string>>(new Set());

async function addAsProp(device: FoundDevice): Promise<void> {
  const text = typedPixels.value[device.id] ?? String(device.pixelCount ?? DEFAULT_PIXELS[device.kind]);
  const problem = pixelCountProblem(text);
  if (problem !== null) {
    notify('error', `${device.label}: ${problem}`);
    return;
  }
  if (adding.value.has(device.id)) return;
  adding.value = new Set([...adding.value, device.id]);
  try {
    const command = addPropForDevice(device, show.value?.props ?? [], Number(text));
    if (await act('show:command', { command })) notify('info', `${device.label} added as ${command.prop.id}`);
  } finally {
    adding.value = new Set([...adding.value].filter((id) => id !== device.id));
  }
}

/**
 * What the daemon found on the network and on USB: each device with its kind and address, and for the
 * operator an "Add as prop" button that adds it to the show in one checkpoint (one undo takes it away).
 */
export function FoundDevicesList() {
  const { devices, problems } = foundDevices.value;
  const operator = isOperator.value;
  return (
    <section class="found-devices" data-testid="found-devices">
      <h3>Found</h3>
      {devices.length === 0 && (
        <p class="hint">
          Nothing found yet. Balls appear when they broadcast on the Wi-Fi; dongles when plugged in.
        </p>
      )}
      {problems.map((problem) => (
        <p key={problem} class="device-error">
          {problem}
        </p>
      ))}
      <ul class="found-list">
        {devices.map((device) => {
          const inShow = device.usedBy.length > 0;
          return (
            <li key={device.id} class="found-device" data-found-id={device.id}>
              <div class="found-text">
                <span class="found-label">
                  {device.label} <span class="muted">{KIND_LABELS[device.kind]}</span>
                </span>
                <span class="found-address" title={device.address}>
                  {device.address}
                </span>
              </div>
              {inShow ? (
                <span class="found-in-show" data-testid="found-in-show">
                  in show: {device.usedBy.join(', ')}
                </span>
              ) : (
                operator && (
                  <div class="found-add">
                    {device.pixelCount === null && (
                      <label class="found-pixels">
                        <span class="muted">px</span>
                        <input
                          type="number"
                          inputMode="numeric"
                          min={1}
                          aria-label={`pixels of ${device.label}`}
                          data-testid="found-pixels"
                          value={typedPixels.value[device.id] ?? String(DEFAULT_PIXELS[device.kind])}
                          onInput={(event) => {
                            typedPixels.value = {
                              ...typedPixels.value,
                              [device.id]: event.currentTarget.value,
                            };
                          }}
                        />
                      </label>
                    )}
                    <button
                      class="chip is-active"
                      data-testid="found-add"
                      disabled={adding.value.has(device.id)}
                      onClick={() => void addAsProp(device)}
                    >
                      Add as prop
                    </button>
                  </div>
                )
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

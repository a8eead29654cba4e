// The prop a found device becomes when the technician taps "Add as prop": an id and name from its address
// ("ball-192-168-4-21", "Ball .21"), made unique in the show, its pixel count (what the device reports, or
// what the technician typed), and its link. Sent as the ordinary addProp command, so one undo removes it.
import type { FoundDevice } from '../../../contracts/index.js';
import { MAX_PIXELS_PER_PROP, type CommandInput, type Prop } from '../../../show/index.js';

/** What a device drives when it does not say: an LTX ball shows one colour over the network. */
export const DEFAULT_PIXELS: Record<FoundDevice['kind'], number> = { ltx: 1, serial: 1 };

const PROP_ID_MAX = 64;

/** Letters, digits and "-" only, as prop ids allow; "" when nothing is left. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function baseId(device: FoundDevice): string {
  if (device.kind === 'ltx') return `ball-${slug(device.address)}`;
  return slug(device.label) || 'serial-prop';
}

/** The first of `base`, `base-2`, `base-3` … that no prop of the show has. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  const trimmed = base.slice(0, PROP_ID_MAX - 4);
  if (!taken.has(trimmed)) return trimmed;
  for (let index = 2; ; index += 1) {
    const candidate = `${trimmed}-${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A whole number of pixels a prop may have, or the reason it is not one. */
export function pixelCountProblem(text: string): string | null {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > MAX_PIXELS_PER_PROP)
    return `pixels must be a whole number 1–${MAX_PIXELS_PER_PROP}`;
  return null;
}

export function addPropForDevice(
  device: FoundDevice,
  props: readonly Pick<Prop, 'id'>[],
  pixelCount: number,
): Extract<CommandInput, { type: 'addProp' }> {
  const id = freeId(baseId(device), new Set(props.map((prop) => prop.id)));
  return {
    type: 'addProp',
    prop: {
      id,
      name: device.label.slice(0, 100),
      pixelCount,
      link: { kind: device.kind, address: device.address },
      segments: [],
    },
    label: `add ${device.label} (found ${device.kind === 'ltx' ? 'on the network' : 'on USB'})`,
  };
}

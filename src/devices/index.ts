// Public API of src/devices: the engine and the server import from here only.
export type {
  LinkKind,
  LinkProp,
  LinkState,
  LinkStatus,
  PropLink,
  PropLinkEvents,
  StampedFrame,
} from './prop-link.js';
export { LINK_STATUSES, LinkUnsupportedError } from './prop-link.js';
export type { ShowClock } from './show-clock.js';
export { ManualShowClock, monotonicShowClock } from './show-clock.js';
export { DeviceManager } from './device-manager.js';
export type { DeviceManagerEvents, DeviceManagerOptions, RenderFrames } from './device-manager.js';
export { planLinks, serialLocator } from './link-plan.js';
export type { LinkPlan, LinkPlanOptions } from './link-plan.js';
export { LinkRoster } from './link-roster.js';
export type { RosterChange } from './link-roster.js';
export { fixedPort } from './port-locator.js';
export type { PortLocator } from './port-locator.js';
export { VirtualLink } from './virtual/virtual-link.js';
export type { ShownFrame, VirtualLinkOptions } from './virtual/virtual-link.js';
export { LtxWifiLink } from './ltx/ltx-wifi-link.js';
export type { LtxBall, LtxWifiLinkOptions } from './ltx/ltx-wifi-link.js';
export { LtxDiscovery } from './ltx/ltx-discovery.js';
export type { DiscoveredBall } from './ltx/ltx-discovery.js';
export { LTX_TCP_PORT, LTX_UDP_PORT, liveColourPacket } from './ltx/ltx-packets.js';
export { FirmataLink } from './firmata/firmata-link.js';
export type { FirmataLinkOptions, FirmataRgbProp } from './firmata/firmata-link.js';
export { SerialLink } from './serial/serial-link.js';
export type { DeviceCounters, LatchReport, SerialLinkOptions, SerialProp } from './serial/serial-link.js';
export {
  SERIAL_BY_ID_DIR,
  byIdPort,
  listById,
  listByVidPid,
  listSerialCandidates,
  vidPidPort,
} from './serial/serial-discovery.js';
export type { SerialCandidate } from './serial/serial-discovery.js';

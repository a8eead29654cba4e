// Devices the daemon has found but the show may not use yet: LTX balls heard broadcasting their status on
// the network, and serial ports (USB dongles, boards). A controller lists them and adds one as a prop with
// the ordinary `addProp` show command; nothing here changes the show.
import { z } from 'zod';

export const FoundDeviceKindSchema = z.enum(['ltx', 'serial']);
export type FoundDeviceKind = z.infer<typeof FoundDeviceKindSchema>;

export const FoundDeviceSchema = z
  .object({
    /** `ltx:IP` or `serial:PATH`: stable while the device stays where it is. */
    id: z.string().min(1),
    kind: FoundDeviceKindSchema,
    /** What to put in a prop's `link.address`: the ball's IP, or the port's by-id path (else its path). */
    address: z.string().min(1),
    /** A short human name: "Ball .21", "USB 0403:6001 (A12345)", "ttyS0". */
    label: z.string().min(1),
    /** Pixels the device says it drives; null when it does not say (the controller asks). */
    pixelCount: z.number().int().min(1).nullable(),
    /** Ids of the show's props whose link already uses this device (empty: not in the show). */
    usedBy: z.array(z.string()),
  })
  .strict();
export type FoundDevice = z.infer<typeof FoundDeviceSchema>;

/** The whole list, newest state; sent on connect and whenever it changes. */
export const FoundDevicesSchema = z
  .object({
    devices: z.array(FoundDeviceSchema),
    /** Why a kind of device cannot be looked for now (e.g. UDP 41412 taken), one sentence each. */
    problems: z.array(z.string()),
  })
  .strict();
export type FoundDevices = z.infer<typeof FoundDevicesSchema>;

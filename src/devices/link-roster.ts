// Keeps the device manager's links in line with the show's props while the show runs: a prop added in the
// controller gets its link at once, a prop whose device changed moves to the new link, and a removed
// prop's link goes dark and closes. Links whose props and settings did not change are left alone, so the
// other props play on untouched; a link that carries a changed prop is rebuilt (its port reopens).
import type { Prop } from '../show/index.js';
import type { DeviceManager } from './device-manager.js';
import { planLinks, type LinkPlanOptions } from './link-plan.js';

export interface RosterChange {
  readonly started: readonly string[];
  readonly stopped: readonly string[];
  /** One sentence per prop left without a link, as from planLinks. */
  readonly problems: readonly string[];
}

export class LinkRoster {
  private readonly signatures = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly devices: DeviceManager,
    private readonly options: LinkPlanOptions,
  ) {}

  /**
   * Brings the links in line with `props`. Calls take effect one after another in call order, so a burst
   * of edits cannot interleave the closing and opening of the same port.
   */
  reconcile(props: readonly Prop[]): Promise<RosterChange> {
    const run = this.queue.then(() => this.apply(props));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(props: readonly Prop[]): Promise<RosterChange> {
    const plan = planLinks(props, this.options);
    const stopped = [...this.signatures].filter(([id, signature]) => plan.signatures.get(id) !== signature);
    // Out before in: a prop moving between links must leave the old one before the new one may claim it.
    await Promise.all(stopped.map(([id]) => this.devices.removeLink(id)));
    for (const [id] of stopped) this.signatures.delete(id);
    const started: string[] = [];
    for (const link of plan.links) {
      if (this.signatures.has(link.id)) continue;
      this.devices.addLink(link);
      this.signatures.set(link.id, plan.signatures.get(link.id) as string);
      started.push(link.id);
    }
    return { started, stopped: stopped.map(([id]) => id), problems: plan.problems };
  }
}

// What to do with a show patch, given what this controller holds (CONTRACT.md, "State: snapshot, then
// patches"): apply it when it follows our revision on our branch, ignore an echo of what we already
// hold, and ask for a resync on a gap or another branch.
import type { Branch, ShowPatch } from '../../../contracts/index.js';

export type PatchDisposition = 'apply' | 'ignore' | 'resync';

export function patchDisposition(
  held: { readonly branch: Branch; readonly revision: number; readonly hasShow: boolean },
  patch: Pick<ShowPatch, 'branch' | 'baseRevision' | 'revision'>,
): PatchDisposition {
  if (!held.hasShow) return 'resync';
  if (patch.branch !== held.branch) return 'resync';
  if (patch.revision <= held.revision) return 'ignore';
  return patch.baseRevision === held.revision ? 'apply' : 'resync';
}

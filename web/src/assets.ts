// Where the mission's monitoring assets stood: the placements (GET /v1/assets) in place at one
// instant, as the map draws them.
import type { AssetPlacement } from './types';

// The placements in place at `t` (milliseconds since the epoch): from <= t < to, so that an
// asset whose placements follow one another (a UAV's sorties, a patrol's days) is drawn once at
// the instant one ends and the next begins. A placement without a parseable time is left out.
export function standingAt(placements: readonly AssetPlacement[], t: number): AssetPlacement[] {
  return placements.filter((p) => {
    const from = Date.parse(p.from);
    const to = Date.parse(p.to);
    return Number.isFinite(from) && Number.isFinite(to) && from <= t && t < to;
  });
}

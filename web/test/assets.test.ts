import { describe, expect, it } from 'vitest';
import { standingAt } from '../src/assets';
import type { AssetPlacement } from '../src/types';

const placement = (id: string, from: string, to: string): AssetPlacement => ({
  id,
  type: 'uav',
  from,
  to,
  position: { lat: 48, lon: 37 },
  range_km: 25,
});

describe('the assets in place at an instant', () => {
  const sorties = [
    placement('uav-01', '2026-02-01T10:00:00+02:00', '2026-02-01T11:00:00+02:00'),
    placement('uav-01', '2026-02-01T11:00:00+02:00', '2026-02-01T12:00:00+02:00'),
    placement('uav-02', '2026-02-01T10:30:00+02:00', '2026-02-01T10:45:00+02:00'),
  ];

  it('takes a placement from its start, not at its end, in any offset', () => {
    // 09:00Z is 11:00 at +02:00: the first sortie has ended, the second begins.
    expect(standingAt(sorties, Date.parse('2026-02-01T09:00:00Z')).map((p) => p.from)).toEqual(['2026-02-01T11:00:00+02:00']);
    expect(standingAt(sorties, Date.parse('2026-02-01T08:40:00Z')).map((p) => p.id)).toEqual(['uav-01', 'uav-02']);
    expect(standingAt(sorties, Date.parse('2026-02-01T07:59:59Z'))).toEqual([]);
  });

  it('leaves out a placement whose times do not parse', () => {
    expect(standingAt([placement('x', 'yesterday', '2026-02-02T00:00:00Z')], Date.parse('2026-02-01T00:00:00Z'))).toEqual([]);
  });
});

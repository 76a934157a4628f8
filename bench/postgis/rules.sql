-- From located points to what guarantor's assess reports: the innermost zone of the observed
-- position, its control area, and the rules breached, for the example's agreement
-- (examples/paris-2026/scenario.yaml: security zone 15 km each side, withdrawal distances in
-- the withdrawal table, the six prohibitions below, effective 2026-02-01T00:00:00+02:00).
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS result;
CREATE UNLOGGED TABLE result AS
WITH located AS (
  SELECT o.id, o.kind, o.weapon, o.t,
         a.dist_m AS at_m, a.party, a.dis AS at_dis, a.site AS at_site,
         g.dist_m AS from_m, g.dis AS from_dis, g.site AS from_site, g.id IS NOT NULL AS has_origin
  FROM obs o
  JOIN loc a ON a.id = o.id AND a.role = 'at'
  LEFT JOIN loc g ON g.id = o.id AND g.role = 'origin'
), scoped AS (
  SELECT *,
    at_m <= 15000 AS at_sz, from_m <= 15000 AS from_sz,
    at_m < 70000 AS at_wz, from_m < 70000 AS from_wz
  FROM located
), breaches AS (
  SELECT id, rule FROM scoped, LATERAL (VALUES
    ('ceasefire-fire', kind IN ('explosion', 'small_arms_fire', 'mortar_fire', 'artillery_fire',
                                'rocket_fire') AND (at_wz OR from_wz)),
    ('strikes', kind IN ('missile_strike', 'drone_strike')),
    ('air-incursion', kind = 'air_incursion'),
    ('security-zone-movement', kind IN ('troop_movement', 'fortification') AND (at_sz OR from_sz)),
    ('disengagement-presence', kind IN ('troop_movement', 'weapon_sighting', 'fortification',
                                        'small_arms_fire', 'explosion')
                               AND (at_dis IS NOT NULL OR from_dis IS NOT NULL)),
    ('protected-site', kind IN ('explosion', 'small_arms_fire', 'mortar_fire', 'artillery_fire',
                                'rocket_fire', 'missile_strike', 'drone_strike', 'air_incursion',
                                'troop_movement')
                       AND (at_site IS NOT NULL OR from_site IS NOT NULL))
  ) AS r(rule, breached)
  WHERE breached AND t >= '2026-02-01T00:00:00+02:00'
  UNION ALL
  -- Where the weapon stood: the sighting itself, or the origin of fire.
  SELECT s.id, 'withdrawal:' || w.weapon FROM scoped s JOIN withdrawal w ON w.weapon = s.weapon
  WHERE s.t >= '2026-02-01T00:00:00+02:00' AND
        CASE WHEN s.kind = 'weapon_sighting' THEN s.at_m < w.min_m
             WHEN s.kind IN ('small_arms_fire', 'mortar_fire', 'artillery_fire', 'rocket_fire',
                             'missile_strike') AND s.has_origin THEN s.from_m < w.min_m
             ELSE false END
), breached AS (
  SELECT id, array_agg(rule ORDER BY rule) AS rules FROM breaches GROUP BY id
)
SELECT s.id,
  CASE WHEN at_dis IS NOT NULL THEN 'disengagement:' || at_dis
       WHEN at_site IS NOT NULL THEN 'protected_site:' || at_site
       WHEN at_m <= 15000 THEN 'security_zone'
       WHEN at_m < 70000 THEN 'withdrawal_zone'
       ELSE 'outside_zones' END AS zone,
  coalesce(s.party, 'none') AS control_area,
  coalesce(b.rules, '{}') AS rules
FROM scoped s LEFT JOIN breached b ON b.id = s.id;

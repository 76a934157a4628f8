-- The agreement check: guarantor's assessments (assessments.jsonl of `guarantor assess`) against
-- the PostGIS result, as counts per zone, per control area and per rule, then every observation
-- whose zone, control area or rules differ, with both distances to the line.
-- The bench loaded assessments.jsonl into the table `g_raw` (line text) with COPY.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS g;
CREATE UNLOGGED TABLE g AS
  SELECT j->>'observation' AS id, j->'at'->>'zone' AS zone,
         coalesce(j->'at'->>'control_area', 'none') AS control_area,
         (j->'at'->>'distance_to_line_km')::float8 * 1000 AS dist_m,
         coalesce((SELECT array_agg(b->>'rule' ORDER BY b->>'rule')
                   FROM jsonb_array_elements(j->'breaches') b), '{}') AS rules
  FROM (SELECT line::jsonb AS j FROM g_raw) s;
CREATE INDEX ON g (id);
CREATE INDEX ON result (id);
\pset format unaligned
\pset fieldsep '\t'
\pset tuples_only on
SELECT 'count', 'zone', k, sum(gc)::int, sum(pc)::int FROM (
  SELECT zone AS k, 1 AS gc, 0 AS pc FROM g UNION ALL SELECT zone, 0, 1 FROM result) z
  GROUP BY k ORDER BY k;
SELECT 'count', 'control_area', k, sum(gc)::int, sum(pc)::int FROM (
  SELECT control_area AS k, 1 AS gc, 0 AS pc FROM g
  UNION ALL SELECT control_area, 0, 1 FROM result) c GROUP BY k ORDER BY k;
SELECT 'count', 'rule', k, sum(gc)::int, sum(pc)::int FROM (
  SELECT unnest(rules) AS k, 1 AS gc, 0 AS pc FROM g
  UNION ALL SELECT unnest(rules), 0, 1 FROM result) r GROUP BY k ORDER BY k;
SELECT 'differs', g.id, g.zone, r.zone, g.control_area, r.control_area,
       array_to_string(g.rules, ','), array_to_string(r.rules, ','),
       round(g.dist_m::numeric, 0),
       round((SELECT dist_m FROM loc WHERE loc.id = g.id AND role = 'at')::numeric, 3)
FROM g FULL JOIN result r ON r.id = g.id
WHERE g.id IS NULL OR r.id IS NULL OR g.zone <> r.zone OR g.control_area <> r.control_area
   OR g.rules <> r.rules
ORDER BY g.id;

-- Observations into PostgreSQL: typed extraction from the table `raw` (line text) that the
-- bench loaded with COPY (copy-lines.sql).
\set ON_ERROR_STOP on
CREATE UNLOGGED TABLE obs AS
  SELECT j->>'id' AS id,
         (j->>'time')::timestamptz AS t,
         j->>'kind' AS kind,
         coalesce(j->>'weapon_class', 'unknown') AS weapon,
         ST_SetSRID(ST_MakePoint((j->'position'->>'lon')::float8,
                                 (j->'position'->>'lat')::float8), 4326) AS pos,
         CASE WHEN j ? 'origin' THEN
           ST_SetSRID(ST_MakePoint((j->'origin'->>'lon')::float8,
                                   (j->'origin'->>'lat')::float8), 4326) END AS origin
  FROM (SELECT line::jsonb AS j FROM raw) s;
-- Every point to locate: where the activity was seen, and where it came from when reported.
CREATE UNLOGGED TABLE pts AS
  SELECT id, role, geom, geom::geography AS geog
  FROM (SELECT id, 'at' AS role, pos AS geom FROM obs
        UNION ALL SELECT id, 'origin', origin FROM obs WHERE origin IS NOT NULL) s;
ANALYZE pts;

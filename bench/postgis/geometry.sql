-- The example's agreement in PostGIS: its line of contact, control areas, disengagement areas,
-- protected site and withdrawal distances, from the same GeoJSON files guarantor reads, with the
-- tuned variant's subdivided copies. psql variables: line, ua, ru, dis (GeoJSON texts).
\set ON_ERROR_STOP on
CREATE TABLE line_parts AS
  SELECT (f.ordinality - 1)::int AS part,
         ST_SetSRID(ST_GeomFromGeoJSON(f.value->>'geometry'), 4326) AS geom
  FROM jsonb_array_elements(:'line'::jsonb->'features') WITH ORDINALITY f;
ALTER TABLE line_parts ADD COLUMN geog geography;
UPDATE line_parts SET geog = geom::geography;

-- Control areas in scenario order (UA, then RU): on a shared boundary the first wins.
CREATE TABLE control AS
  SELECT 0 AS ord, 'UA' AS party, ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326) AS geom
    FROM jsonb_array_elements(:'ua'::jsonb->'features') f
  UNION ALL
  SELECT 1, 'RU', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
    FROM jsonb_array_elements(:'ru'::jsonb->'features') f;
CREATE INDEX ON control USING gist (geom);

CREATE TABLE disengagement AS
  SELECT (f.ordinality - 1)::int AS ord, f.value->'properties'->>'id' AS id,
         ST_SetSRID(ST_GeomFromGeoJSON(f.value->>'geometry'), 4326) AS geom
  FROM jsonb_array_elements(:'dis'::jsonb->'features') WITH ORDINALITY f;
CREATE INDEX ON disengagement USING gist (geom);

CREATE TABLE sites (id text, geog geography, radius_m float8);
INSERT INTO sites VALUES
  ('zaporizhzhia-npp', ST_SetSRID(ST_MakePoint(34.5863, 47.5119), 4326)::geography, 20000);

-- Half of each withdrawal zone's width: the minimum distance of that weapon class from the line.
CREATE TABLE withdrawal (weapon text, min_m float8);
INSERT INTO withdrawal VALUES ('artillery_ge_100mm', 25000), ('tank', 15000), ('mortar', 15000),
  ('mlrs', 35000), ('heavy_mlrs', 70000), ('tactical_missile', 70000);

-- The tuned variant's pieces: polygons of at most 64 vertices.
CREATE TABLE control_pieces AS
  SELECT ord, party, ST_Subdivide(geom, 64) AS geom FROM control;
CREATE INDEX ON control_pieces USING gist (geom);
CREATE TABLE disengagement_pieces AS
  SELECT ord, id, ST_Subdivide(geom, 64) AS geom FROM disengagement;
CREATE INDEX ON disengagement_pieces USING gist (geom);
ANALYZE;

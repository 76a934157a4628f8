-- A real control-area polygon (the first feature of a DeepStateMap GeoJSON) and its tuned
-- pieces. psql variable: area (the GeoJSON text).
\set ON_ERROR_STOP on
CREATE TABLE real_area AS
  SELECT ST_SetSRID(ST_GeomFromGeoJSON(:'area'::jsonb->'features'->0->>'geometry'), 4326) AS geom;
CREATE TABLE real_pieces AS SELECT ST_Subdivide(geom, 64) AS geom FROM real_area;
CREATE INDEX ON real_pieces USING gist (geom);
ANALYZE real_pieces;

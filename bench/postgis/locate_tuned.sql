-- Locating every point, tuned: polygons subdivided into small indexed pieces; the distance only
-- computed within the widest withdrawal distance (70 km), beyond which a point is outside every
-- zone (dist_m NULL). The line stays whole: PostGIS caches a tree of a geography that recurs
-- in a statement, and measured, distances to the subdivided line's many pieces were slower
-- (docs/performance.md).
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS loc;
CREATE UNLOGGED TABLE loc AS
SELECT p.id, p.role,
  (SELECT min(ST_Distance(p.geog, l.geog)) FROM line_parts l
     WHERE ST_DWithin(p.geog, l.geog, 70000)) AS dist_m,
  (SELECT c.party FROM control_pieces c WHERE ST_Intersects(c.geom, p.geom)
     ORDER BY c.ord LIMIT 1) AS party,
  (SELECT d.id FROM disengagement_pieces d WHERE ST_Intersects(d.geom, p.geom)
     ORDER BY d.ord LIMIT 1) AS dis,
  (SELECT s.id FROM sites s WHERE ST_DWithin(p.geog, s.geog, s.radius_m)
     ORDER BY ST_Distance(p.geog, s.geog) LIMIT 1) AS site
FROM pts p;

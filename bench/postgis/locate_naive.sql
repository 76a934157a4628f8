-- Locating every point as a user would first write it: the geodesic distance to each part of the
-- whole line, ST_Contains on the whole polygons, ST_DWithin on the site.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS loc;
CREATE UNLOGGED TABLE loc AS
SELECT p.id, p.role,
  (SELECT min(ST_Distance(p.geog, l.geog)) FROM line_parts l) AS dist_m,
  (SELECT c.party FROM control c WHERE ST_Contains(c.geom, p.geom) ORDER BY c.ord LIMIT 1) AS party,
  (SELECT d.id FROM disengagement d WHERE ST_Contains(d.geom, p.geom) ORDER BY d.ord LIMIT 1) AS dis,
  (SELECT s.id FROM sites s WHERE ST_DWithin(p.geog, s.geog, s.radius_m)
     ORDER BY ST_Distance(p.geog, s.geog) LIMIT 1) AS site
FROM pts p;

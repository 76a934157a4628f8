-- The distance kernel alone, tuned: each observed position's geodesic distance to the line (up
-- to the widest zone, 70 km), counted within 15 km.
SELECT count(*) FILTER (WHERE d <= 15000) FROM (
  SELECT (SELECT min(ST_Distance(p.geog, l.geog)) FROM line_parts l
            WHERE ST_DWithin(p.geog, l.geog, 70000)) AS d
  FROM pts p WHERE p.role = 'at') s;

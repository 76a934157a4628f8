-- The point-in-polygon kernel alone, tuned: observed positions in each control area's pieces.
SELECT party || ' ' || n FROM (
  SELECT c.ord, c.party, count(DISTINCT p.id) AS n
  FROM pts p JOIN control_pieces c ON ST_Intersects(c.geom, p.geom)
  WHERE p.role = 'at' GROUP BY c.ord, c.party) s
ORDER BY ord;

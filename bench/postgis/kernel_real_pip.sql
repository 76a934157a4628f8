-- Point in a real control-area polygon, tuned: observed positions in its pieces.
SELECT count(DISTINCT p.id) FROM pts p JOIN real_pieces r ON ST_Intersects(r.geom, p.geom)
WHERE p.role = 'at';

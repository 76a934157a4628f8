-- PostGIS's nearest equivalent of fusion: DBSCAN clusters of observed positions within each hour
-- and activity family (eps 0.02 degree, about 2 km; every point its own core). Planar and
-- fixed-width where guarantor gates by each report's stated uncertainty in space and time: the
-- cluster count is a measure of work, not of agreement (docs/performance.md).
SELECT count(*) FROM (
  SELECT DISTINCT bucket, family, cid FROM (
    SELECT date_trunc('hour', t) AS bucket,
           CASE WHEN kind = 'weapon_sighting' THEN 1
                WHEN kind IN ('troop_movement', 'fortification') THEN 2
                WHEN kind = 'air_incursion' THEN 3 ELSE 0 END AS family,
           ST_ClusterDBSCAN(pos, eps := 0.02, minpoints := 1)
             OVER (PARTITION BY date_trunc('hour', t),
                   CASE WHEN kind = 'weapon_sighting' THEN 1
                        WHEN kind IN ('troop_movement', 'fortification') THEN 2
                        WHEN kind = 'air_incursion' THEN 3 ELSE 0 END) AS cid
    FROM obs) s) c;

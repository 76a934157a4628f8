// Writes Ukraine's internationally recognised border as GeoJSON, from Natural Earth 1:10m
// (public domain) as packaged by the npm package world-atlas 2.0.2 (Natural Earth 4.1.0),
// converted with topojson-client.
//
// Natural Earth's admin-0 countries draw de facto control: in version 4.1.0 the Crimean peninsula
// is a polygon of Russia's MultiPolygon. The internationally recognised border (UN General
// Assembly resolution 68/262) includes it, so the output is Natural Earth's Ukraine plus the one
// polygon of Russia that contains Simferopol (44.95 N, 34.10 E). Sevastopol lies in that polygon.
//
// Usage: node scripts/ukraine-border.cjs NODE_MODULES_DIR OUT.geojson
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error("usage: node scripts/ukraine-border.cjs NODE_MODULES_DIR OUT.geojson");
  process.exit(2);
}
const topojson = require(path.join(modules, "topojson-client"));
const world = JSON.parse(fs.readFileSync(path.join(modules, "world-atlas", "countries-10m.json")));
const countries = topojson.feature(world, world.objects.countries).features;
const byName = (name) => {
  const f = countries.find((c) => c.properties.name === name);
  if (!f) throw new Error("Natural Earth has no country named " + name);
  return f;
};
const polygonsOf = (f) =>
  f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;

// Even-odd point-in-ring test, longitude/latitude treated as plane coordinates.
const inRing = (ring, [x, y]) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

// Natural Earth's quantised topology leaves a ring that touches itself at one vertex (a "pinch",
// north-east of Kharkiv at 49.962 N, 38.663 E); OGC validity, which Boost.Geometry checks,
// forbids that. Such a ring is split at the repeated vertex into two rings, which touch at that
// point only; the area and the boundary are unchanged. A split-off loop of fewer than three
// vertices is a zero-area spike and is dropped.
const splitPinches = (ring) => {
  const open = ring.slice(0, -1);
  const seen = new Map();
  for (let i = 0; i < open.length; i++) {
    const key = open[i][0] + "," + open[i][1];
    if (seen.has(key)) {
      const j = seen.get(key);
      const loop = open.slice(j, i);
      const rest = open.slice(0, j).concat(open.slice(i));
      const close = (r) => r.concat([r[0]]);
      return splitPinches(close(loop)).concat(splitPinches(close(rest)));
    }
    seen.set(key, i);
  }
  return ring.length >= 4 ? [ring] : [];
};
// Only outer rings are split (Ukraine's polygons have no holes in Natural Earth 4.1.0).
const cleaned = (polygons) =>
  polygons.flatMap((p) => {
    if (p.length !== 1) throw new Error("unexpected hole in a border polygon");
    return splitPinches(p[0]).map((ring) => [ring]);
  });

const simferopol = [34.1, 44.95];
const crimea = cleaned(polygonsOf(byName("Russia")).filter((p) => inRing(p[0], simferopol)));
if (crimea.length !== 1) throw new Error("expected one Crimean polygon, found " + crimea.length);
const ukraine = cleaned(polygonsOf(byName("Ukraine")));
const doc = {
  type: "FeatureCollection",
  features: [{
    type: "Feature",
    properties: {
      name: "Ukraine (internationally recognised border)",
      source: "Natural Earth 1:10m admin-0 countries 4.1.0 via world-atlas 2.0.2; " +
              "Crimea taken from Natural Earth's Russia polygon",
      license: "public domain (Natural Earth)",
    },
    geometry: { type: "MultiPolygon", coordinates: ukraine.concat(crimea) },
  }],
};
fs.writeFileSync(out + ".partial", JSON.stringify(doc) + "\n");
fs.renameSync(out + ".partial", out);
console.log("wrote " + out + ": " + (ukraine.length + crimea.length) + " polygons");

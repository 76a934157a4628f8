// GeoJSON files outside a scenario: control areas, borders and lines of contact read with the
// scenario loader's own GeoJSON reader (so with the same rules and file:line:column errors), and
// written back as one-Feature FeatureCollections.
//
//   Result<MultiPolygon> area = LoadGeoJsonArea("../shared/data/deepstate/x.geojson");
//   Status s = WriteGeoJsonLines("line.geojson", parts, {{"source", "derived"}});
//
// Thread safety: free functions without shared state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/geometry.h"

namespace guarantor {

// The polygons of a Polygon or MultiPolygon GeoJSON (FeatureCollection, Feature or geometry),
// validated as a scenario's control area is. InvalidArgument listing every problem.
Result<MultiPolygon> LoadGeoJsonArea(const std::string& path);
// The parts of a LineString or MultiLineString GeoJSON.
Result<std::vector<Polyline>> LoadGeoJsonLines(const std::string& path);

using GeoJsonProperties = std::vector<std::pair<std::string, std::string>>;

// Writes a FeatureCollection with one Feature (MultiLineString or MultiPolygon), coordinates
// rounded to 1e-6 degree (about 0.1 m), properties as strings. The file is written beside its
// final name and renamed into place, so a failure leaves no partial file.
Status WriteGeoJsonLines(const std::string& path, const std::vector<Polyline>& parts,
                         const GeoJsonProperties& properties);
Status WriteGeoJsonArea(const std::string& path, const MultiPolygon& area,
                        const GeoJsonProperties& properties);

}  // namespace guarantor

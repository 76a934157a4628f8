// GeoJSON (RFC 7946) geometry, read through yaml-cpp so that every error carries the line and
// column of the offending value. Private to the scenario module.
//
// Accepted roots: a FeatureCollection, a Feature, or a bare geometry. Positions are
// [longitude, latitude] with an optional ignored altitude. Foreign members other than "name" and
// "crs" are errors; "properties" may hold anything unless a reader asks for specific fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/geometry.h"
#include "scenario/internal/yaml_fields.h"

namespace guarantor::scenario_internal {

// Lines from LineString and MultiLineString geometries (each line one part).
std::vector<Polyline> ReadGeoJsonLines(FileContext& ctx, const YAML::Node& root);

// Polygons from Polygon and MultiPolygon geometries, validated (no self-intersection).
MultiPolygon ReadGeoJsonArea(FileContext& ctx, const YAML::Node& root);

// One area per Feature of a FeatureCollection, with the "id" and "name" properties required.
struct NamedArea {
  std::string id;
  std::string name;
  MultiPolygon area;
  int line = 0;  // where the feature starts, for later diagnostics
  int column = 0;
  std::string path;  // the feature's field path, "features[i]"
};
std::vector<NamedArea> ReadGeoJsonNamedAreas(FileContext& ctx, const YAML::Node& root);

// Loads a file as YAML (JSON is YAML 1.2), recording a diagnostic on a syntax error or a
// missing file.
std::optional<YAML::Node> LoadYamlFile(FileContext& ctx, const std::string& path);
std::optional<YAML::Node> LoadYamlText(FileContext& ctx, const std::string& text);

}  // namespace guarantor::scenario_internal

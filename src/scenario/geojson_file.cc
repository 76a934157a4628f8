#include "scenario/geojson_file.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/rounding.h"
#include "scenario/internal/geojson.h"

namespace guarantor {
namespace {

using Json = nlohmann::ordered_json;

Json Position(const LatLng& v) {
  return Json::array({RoundTo(v.lon_deg, 6), RoundTo(v.lat_deg, 6)});
}

Json RingJson(const Ring& ring) {
  Json r = Json::array();
  for (const LatLng& v : ring) r.push_back(Position(v));
  if (!ring.empty()) r.push_back(Position(ring.front()));  // GeoJSON rings are closed
  return r;
}

Status WriteFeature(const std::string& path, Json geometry, const GeoJsonProperties& properties) {
  Json props = Json::object();
  for (const auto& [k, v] : properties) props[k] = v;
  Json doc = {{"type", "FeatureCollection"},
              {"features", Json::array({Json{{"type", "Feature"},
                                             {"properties", std::move(props)},
                                             {"geometry", std::move(geometry)}}})}};
  const std::string temp = path + ".partial";
  {
    std::ofstream out(temp, std::ios::binary);
    out << doc.dump() << "\n";
    if (!out.flush()) return Status::IoError(path + ": could not write");
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return Status::IoError(path + ": could not move into place: " + ec.message());
  return Status::Ok();
}

template <typename T, typename ReadFn>
Result<T> Load(const std::string& path, ReadFn read) {
  std::vector<Diagnostic> errors;
  scenario_internal::FileContext ctx(path, &errors);
  std::optional<YAML::Node> root = scenario_internal::LoadYamlFile(ctx, path);
  T value{};
  if (root) value = read(ctx, *root);
  if (!errors.empty()) return Status::InvalidArgument(JoinDiagnostics(errors));
  return value;
}

}  // namespace

Result<MultiPolygon> LoadGeoJsonArea(const std::string& path) {
  return Load<MultiPolygon>(path, [](auto& ctx, const YAML::Node& root) {
    return scenario_internal::ReadGeoJsonArea(ctx, root);
  });
}

Result<std::vector<Polyline>> LoadGeoJsonLines(const std::string& path) {
  return Load<std::vector<Polyline>>(path, [](auto& ctx, const YAML::Node& root) {
    return scenario_internal::ReadGeoJsonLines(ctx, root);
  });
}

Status WriteGeoJsonLines(const std::string& path, const std::vector<Polyline>& parts,
                         const GeoJsonProperties& properties) {
  Json lines = Json::array();
  for (const Polyline& part : parts) {
    Json line = Json::array();
    for (const LatLng& v : part) line.push_back(Position(v));
    lines.push_back(std::move(line));
  }
  return WriteFeature(path, Json{{"type", "MultiLineString"}, {"coordinates", std::move(lines)}},
                      properties);
}

Status WriteGeoJsonArea(const std::string& path, const MultiPolygon& area,
                        const GeoJsonProperties& properties) {
  Json polygons = Json::array();
  for (const Polygon& p : area) {
    Json rings = Json::array({RingJson(p.outer)});
    for (const Ring& h : p.holes) rings.push_back(RingJson(h));
    polygons.push_back(std::move(rings));
  }
  return WriteFeature(path, Json{{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}},
                      properties);
}

}  // namespace guarantor

// geo_bench: the two geometric kernels of guarantor alone, for the side-by-side comparison with
// PostGIS (bench/performance.sh): the distance from each observed position to the example's line
// of contact, and point in polygon against its control areas and, when given, a real
// control-area polygon (a DeepStateMap MultiPolygon). Prints counts (to check against PostGIS)
// and points per second, as one JSON object.
//
// Usage: geo_bench --scenario DIR --observations FILE [--area GEOJSON] [--repeat N]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/indexed_area.h"
#include "monitor/agreement_map.h"
#include "monitor/observation_stream.h"
#include "scenario/scenario_loader.h"

namespace {

using guarantor::LatLng;
using Clock = std::chrono::steady_clock;

// A GeoJSON Polygon or MultiPolygon (of the first feature of a FeatureCollection) as a model
// MultiPolygon.
guarantor::MultiPolygon ReadArea(const std::string& path) {
  std::ifstream in(path);
  const nlohmann::json doc = nlohmann::json::parse(in);
  const nlohmann::json& geometry =
      doc.contains("features") ? doc["features"][0]["geometry"] : doc["geometry"];
  auto ring = [](const nlohmann::json& coords) {
    guarantor::Ring r;
    for (const auto& c : coords) r.push_back(LatLng{c[1].get<double>(), c[0].get<double>()});
    return r;
  };
  auto polygon = [&](const nlohmann::json& rings) {
    guarantor::Polygon p;
    p.outer = ring(rings[0]);
    for (size_t i = 1; i < rings.size(); ++i) p.holes.push_back(ring(rings[i]));
    return p;
  };
  guarantor::MultiPolygon out;
  if (geometry["type"] == "Polygon") {
    out.push_back(polygon(geometry["coordinates"]));
  } else {
    for (const auto& p : geometry["coordinates"]) out.push_back(polygon(p));
  }
  return out;
}

template <typename Fn>
double PointsPerSecond(size_t points, int repeat, Fn fn) {
  const auto start = Clock::now();
  for (int r = 0; r < repeat; ++r) fn();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(points) * repeat / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario_dir, observations, area_path;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--scenario")
      scenario_dir = argv[i + 1];
    else if (flag == "--observations")
      observations = argv[i + 1];
    else if (flag == "--area")
      area_path = argv[i + 1];
    else if (flag == "--repeat")
      repeat = std::stoi(argv[i + 1]);
  }
  if (scenario_dir.empty() || observations.empty()) {
    std::cerr << "usage: geo_bench --scenario DIR --observations FILE [--area GEOJSON] "
                 "[--repeat N]\n";
    return 2;
  }
  guarantor::ScenarioLoad load = guarantor::LoadScenario(scenario_dir);
  if (!load.ok()) {
    std::cerr << "geo_bench: the scenario does not load\n";
    return 1;
  }
  auto map = guarantor::AgreementMap::Build(load.scenario->agreement);
  if (!map.ok()) return 1;
  std::ifstream in(observations, std::ios::binary);
  guarantor::ObservationStream stream(in, observations);
  std::vector<LatLng> points;
  guarantor::Observation obs;
  while (stream.Next(&obs)) points.push_back(obs.position.position);

  nlohmann::ordered_json out;
  out["points"] = points.size();
  // Distance to the line (the tangent-plane measure replay uses), counted within 15 km.
  size_t within = 0;
  out["distance_points_per_second"] = PointsPerSecond(points.size(), repeat, [&] {
    within = 0;
    for (const LatLng& p : points) {
      const auto n = map->line().FindNearest(p, guarantor::geo::LineOfContact::Precision::kFast);
      within += n.distance.meters() <= 15000;
    }
  });
  out["within_15_km"] = within;
  // Point in polygon against every control area.
  std::vector<std::pair<std::string, guarantor::geo::IndexedArea>> areas;
  for (const auto& ca : load.scenario->agreement.control_areas) {
    areas.emplace_back(ca.party, std::move(*guarantor::geo::IndexedArea::Build(ca.area)));
  }
  std::vector<size_t> inside(areas.size());
  out["control_pip_points_per_second"] = PointsPerSecond(points.size(), repeat, [&] {
    std::fill(inside.begin(), inside.end(), 0);
    for (const LatLng& p : points) {
      for (size_t a = 0; a < areas.size(); ++a) inside[a] += areas[a].second.Contains(p);
    }
  });
  for (size_t a = 0; a < areas.size(); ++a) out["inside_" + areas[a].first] = inside[a];
  if (!area_path.empty()) {
    auto real = guarantor::geo::IndexedArea::Build(ReadArea(area_path));
    if (!real.ok()) {
      std::cerr << "geo_bench: " << area_path << ": " << real.status().message() << "\n";
      return 1;
    }
    size_t real_inside = 0;
    out["real_pip_points_per_second"] = PointsPerSecond(points.size(), repeat, [&] {
      real_inside = 0;
      for (const LatLng& p : points) real_inside += real->Contains(p);
    });
    out["inside_real_area"] = real_inside;
  }
  std::cout << out.dump() << "\n";
  return 0;
}

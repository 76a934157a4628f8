#include "scenario/internal/geojson.h"

#include <fstream>
#include <sstream>

#include "geo/indexed_area.h"

namespace guarantor::scenario_internal {
namespace {

constexpr int kMaxFlowDepth = 64;

std::optional<LatLng> ReadPosition(FileContext& ctx, const YAML::Node& n, const std::string& path) {
  if (!n.IsSequence() || n.size() < 2 || n.size() > 3) {
    ctx.Error(n, path, "expected a position [longitude, latitude]; found " + Describe(n));
    return std::nullopt;
  }
  std::optional<double> lon = AsNumber(ctx, n[0], path + "[0]", -180, 180);
  std::optional<double> lat = AsNumber(ctx, n[1], path + "[1]", -90, 90);
  if (n.size() == 3) AsNumber(ctx, n[2], path + "[2]", -1e5, 1e5);
  if (!lon || !lat) return std::nullopt;
  return LatLng{*lat, *lon};
}

std::optional<Polyline> ReadLineString(FileContext& ctx, const YAML::Node& n,
                                       const std::string& path) {
  Polyline line;
  bool ok = ForEach(ctx, n, path, [&](const YAML::Node& pos, const std::string& p) {
    if (std::optional<LatLng> v = ReadPosition(ctx, pos, p)) line.push_back(*v);
  });
  if (!ok) return std::nullopt;
  if (n.size() < 2) {
    ctx.Error(n, path,
              "expected a line of at least 2 positions; found " + std::to_string(n.size()));
    return std::nullopt;
  }
  return line;
}

std::optional<Ring> ReadRing(FileContext& ctx, const YAML::Node& n, const std::string& path) {
  std::optional<Polyline> line = ReadLineString(ctx, n, path);
  if (!line) return std::nullopt;
  if (line->size() < 4) {
    ctx.Error(
        n, path,
        "expected a closed ring of at least 4 positions; found " + std::to_string(line->size()));
    return std::nullopt;
  }
  if (!(line->front() == line->back())) {
    ctx.Error(n, path,
              "expected a closed ring (last position equal to the first); found an open one");
    return std::nullopt;
  }
  line->pop_back();
  return *line;
}

std::optional<Polygon> ReadPolygon(FileContext& ctx, const YAML::Node& n, const std::string& path) {
  Polygon polygon;
  bool first = true, ok = true;
  bool is_list = ForEach(ctx, n, path, [&](const YAML::Node& ring_node, const std::string& p) {
    std::optional<Ring> ring = ReadRing(ctx, ring_node, p);
    if (!ring) {
      ok = false;
    } else if (first) {
      polygon.outer = std::move(*ring);
    } else {
      polygon.holes.push_back(std::move(*ring));
    }
    first = false;
  });
  if (!is_list || !ok) return std::nullopt;
  if (first) {
    ctx.Error(n, path, "expected a polygon with at least an outer ring; found an empty list");
    return std::nullopt;
  }
  if (std::optional<std::string> problem = geo::PolygonProblem(polygon)) {
    ctx.Error(n, path, "expected a valid polygon; found one that is not: " + *problem);
    return std::nullopt;
  }
  return polygon;
}

// Visits every geometry under `root`, calling `each(geometry_node, path)`.
template <typename Fn>
void ForEachGeometry(FileContext& ctx, const YAML::Node& root, const std::string& path, Fn each) {
  if (root.IsMap()) {
    const YAML::Node& map = root;
    const YAML::Node type = map["type"];
    if (type.IsScalar() && type.Scalar() != "FeatureCollection" && type.Scalar() != "Feature") {
      each(root, path);  // a bare geometry: the caller checks its type
      return;
    }
  }
  MapReader m(ctx, root, path);
  if (!m.valid()) return;
  std::optional<std::string> type = m.String("type", Presence::kRequired);
  m.Get("name", Presence::kOptional);
  m.Get("crs", Presence::kOptional);
  m.Get("bbox", Presence::kOptional);
  m.Get("id", Presence::kOptional);
  m.Get("properties", Presence::kOptional);
  if (!type) return;
  if (*type == "FeatureCollection") {
    YAML::Node features = m.Get("features", Presence::kRequired);
    m.Finish();
    if (!features.IsDefined()) return;
    ForEach(ctx, features, m.FieldPath("features"),
            [&](const YAML::Node& f, const std::string& p) { ForEachGeometry(ctx, f, p, each); });
  } else {  // Feature
    YAML::Node geometry = m.Get("geometry", Presence::kRequired);
    m.Finish();
    if (geometry.IsDefined()) each(geometry, m.FieldPath("geometry"));
  }
}

}  // namespace

std::vector<Polyline> ReadGeoJsonLines(FileContext& ctx, const YAML::Node& root) {
  std::vector<Polyline> parts;
  ForEachGeometry(ctx, root, "", [&](const YAML::Node& g, const std::string& path) {
    MapReader m(ctx, g, path);
    if (!m.valid()) return;
    std::optional<std::string> type = m.String("type", Presence::kRequired);
    YAML::Node coords = m.Get("coordinates", Presence::kRequired);
    m.Get("bbox", Presence::kOptional);
    m.Finish();
    if (!type || !coords.IsDefined()) return;
    const std::string cpath = m.FieldPath("coordinates");
    if (*type == "LineString") {
      if (std::optional<Polyline> line = ReadLineString(ctx, coords, cpath)) parts.push_back(*line);
    } else if (*type == "MultiLineString") {
      ForEach(ctx, coords, cpath, [&](const YAML::Node& l, const std::string& p) {
        if (std::optional<Polyline> line = ReadLineString(ctx, l, p)) parts.push_back(*line);
      });
    } else {
      ctx.Error(m.Get("type", Presence::kOptional), m.FieldPath("type"),
                "expected LineString or MultiLineString; found \"" + *type + "\"");
    }
  });
  return parts;
}

namespace {
void ReadAreaGeometry(FileContext& ctx, const YAML::Node& g, const std::string& path,
                      MultiPolygon* out) {
  MapReader m(ctx, g, path);
  if (!m.valid()) return;
  std::optional<std::string> type = m.String("type", Presence::kRequired);
  YAML::Node coords = m.Get("coordinates", Presence::kRequired);
  m.Get("bbox", Presence::kOptional);
  m.Finish();
  if (!type || !coords.IsDefined()) return;
  const std::string cpath = m.FieldPath("coordinates");
  if (*type == "Polygon") {
    if (std::optional<Polygon> p = ReadPolygon(ctx, coords, cpath)) out->push_back(*p);
  } else if (*type == "MultiPolygon") {
    ForEach(ctx, coords, cpath, [&](const YAML::Node& pn, const std::string& p) {
      if (std::optional<Polygon> poly = ReadPolygon(ctx, pn, p)) out->push_back(*poly);
    });
  } else {
    ctx.Error(m.Get("type", Presence::kOptional), m.FieldPath("type"),
              "expected Polygon or MultiPolygon; found \"" + *type + "\"");
  }
}
}  // namespace

MultiPolygon ReadGeoJsonArea(FileContext& ctx, const YAML::Node& root) {
  MultiPolygon area;
  ForEachGeometry(ctx, root, "", [&](const YAML::Node& g, const std::string& path) {
    ReadAreaGeometry(ctx, g, path, &area);
  });
  return area;
}

std::vector<NamedArea> ReadGeoJsonNamedAreas(FileContext& ctx, const YAML::Node& root) {
  std::vector<NamedArea> out;
  MapReader m(ctx, root, "");
  if (!m.valid()) return out;
  std::optional<std::string> type = m.String("type", Presence::kRequired);
  YAML::Node features = m.Get("features", Presence::kRequired);
  m.Get("name", Presence::kOptional);
  m.Get("crs", Presence::kOptional);
  m.Get("bbox", Presence::kOptional);
  m.Finish();
  if (type && *type != "FeatureCollection") {
    ctx.Error(root["type"], "type", "expected FeatureCollection; found \"" + *type + "\"");
    return out;
  }
  if (!features.IsDefined()) return out;
  ForEach(ctx, features, "features", [&](const YAML::Node& f, const std::string& path) {
    MapReader fm(ctx, f, path);
    if (!fm.valid()) return;
    std::optional<std::string> ftype = fm.String("type", Presence::kRequired);
    if (ftype && *ftype != "Feature") {
      ctx.Error(f["type"], fm.FieldPath("type"), "expected Feature; found \"" + *ftype + "\"");
    }
    fm.Get("id", Presence::kOptional);
    YAML::Node geometry = fm.Get("geometry", Presence::kRequired);
    YAML::Node props = fm.Get("properties", Presence::kRequired);
    fm.Finish();
    NamedArea named;
    named.line = f.Mark().line + 1;
    named.column = f.Mark().column + 1;
    named.path = path;
    if (props.IsDefined()) {
      MapReader pm(ctx, props, fm.FieldPath("properties"));
      named.id = pm.String("id", Presence::kRequired).value_or("");
      named.name = pm.String("name", Presence::kRequired).value_or("");
      pm.Get("note", Presence::kOptional);
    }
    const size_t errors_before = ctx.error_count();
    if (geometry.IsDefined()) {
      ReadAreaGeometry(ctx, geometry, fm.FieldPath("geometry"), &named.area);
    }
    if (ctx.error_count() == errors_before && !named.id.empty()) out.push_back(std::move(named));
  });
  return out;
}

std::optional<YAML::Node> LoadYamlText(FileContext& ctx, const std::string& text) {
  // yaml-cpp parses flow collections recursively; refuse pathological nesting before it does.
  int depth = 0, line = 1;
  for (char c : text) {
    if (c == '\n') ++line;
    if (c == '[' || c == '{') {
      if (++depth > kMaxFlowDepth) {
        ctx.Error(line, 0, "",
                  "expected at most " + std::to_string(kMaxFlowDepth) +
                      " nested [ or { brackets; found more");
        return std::nullopt;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    ctx.Error(e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, "",
              "expected well-formed YAML/JSON; found a syntax error: " + e.msg);
    return std::nullopt;
  }
}

std::optional<YAML::Node> LoadYamlFile(FileContext& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ctx.Error(0, 0, "", "expected a readable file; found none at this path");
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return LoadYamlText(ctx, buffer.str());
}

}  // namespace guarantor::scenario_internal

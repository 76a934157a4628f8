#include "geo/indexed_area.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <utility>
#include <vector>

namespace guarantor::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using PlanePoint = bg::model::d2::point_xy<double>;  // x = longitude, y = latitude
using PlanePolygon = bg::model::polygon<PlanePoint>;
using PlaneBox = bg::model::box<PlanePoint>;
using Entry = std::pair<PlaneBox, size_t>;

bg::model::ring<PlanePoint> ToRing(const Ring& ring) {
  bg::model::ring<PlanePoint> out;
  for (const LatLng& v : ring) out.emplace_back(v.lon_deg, v.lat_deg);
  if (!ring.empty()) out.emplace_back(ring.front().lon_deg, ring.front().lat_deg);
  return out;
}

PlanePolygon ToPlane(const Polygon& polygon) {
  PlanePolygon out;
  out.outer() = ToRing(polygon.outer);
  for (const Ring& hole : polygon.holes) out.inners().push_back(ToRing(hole));
  bg::correct(out);
  return out;
}

double RingAreaKm2(const Ring& ring) {
  GeographicLib::PolygonArea pa(GeographicLib::Geodesic::WGS84());
  for (const LatLng& v : ring) pa.AddPoint(v.lat_deg, v.lon_deg);
  double perimeter = 0, area = 0;
  pa.Compute(false, true, perimeter, area);
  return std::abs(area) / 1e6;
}
}  // namespace

// An edge of any ring, as (x = longitude, y = latitude).
struct Edge {
  double x1, y1, x2, y2;
};

// Point-in-polygon by the crossing number, with the edges bucketed into horizontal bands so that
// a query looks only at the few edges that span its latitude. The even-odd rule over every ring of
// every polygon is correct for valid multipolygons (disjoint polygons, holes inside shells).
struct BandIndex {
  double y0 = 0, band_height = 1;
  std::vector<std::vector<Edge>> bands;

  void Build(const std::vector<Edge>& edges, double ymin, double ymax, size_t count) {
    y0 = ymin;
    band_height = std::max((ymax - ymin) / static_cast<double>(count), 1e-9);
    bands.assign(count, {});
    for (const Edge& e : edges) {
      const size_t lo = Band(std::min(e.y1, e.y2)), hi = Band(std::max(e.y1, e.y2));
      for (size_t b = lo; b <= hi; ++b) bands[b].push_back(e);
    }
  }
  size_t Band(double y) const {
    const double i = std::floor((y - y0) / band_height);
    return static_cast<size_t>(std::clamp(i, 0.0, static_cast<double>(bands.size() - 1)));
  }
  // True inside or on the boundary.
  bool Covers(double x, double y) const {
    bool inside = false;
    for (const Edge& e : bands[Band(y)]) {
      // On the edge: collinear and within its bounding box.
      const double cross = (e.x2 - e.x1) * (y - e.y1) - (e.y2 - e.y1) * (x - e.x1);
      if (cross == 0 && x >= std::min(e.x1, e.x2) && x <= std::max(e.x1, e.x2) &&
          y >= std::min(e.y1, e.y2) && y <= std::max(e.y1, e.y2)) {
        return true;
      }
      // Half-open rule on y so that a vertex is counted once.
      if ((e.y1 > y) != (e.y2 > y)) {
        const double xi = e.x1 + (y - e.y1) * (e.x2 - e.x1) / (e.y2 - e.y1);
        if (xi > x) inside = !inside;
      }
    }
    return inside;
  }
};

struct IndexedArea::Index {
  std::vector<PlanePolygon> polygons;
  bgi::rtree<Entry, bgi::quadratic<16>> tree;
  BandIndex bands;
  double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
  double area_km2 = 0;
};

IndexedArea::IndexedArea(std::unique_ptr<Index> index) : index_(std::move(index)) {}
IndexedArea::IndexedArea(IndexedArea&&) noexcept = default;
IndexedArea& IndexedArea::operator=(IndexedArea&&) noexcept = default;
IndexedArea::~IndexedArea() = default;

std::optional<std::string> PolygonProblem(const Polygon& polygon) {
  if (polygon.outer.size() < 3) return "a ring needs at least three distinct vertices";
  for (const Ring& hole : polygon.holes) {
    if (hole.size() < 3) return "a hole needs at least three distinct vertices";
  }
  const PlanePolygon plane = ToPlane(polygon);
  if (bg::intersects(plane)) return "its edges cross each other (self-intersection)";
  std::string reason;
  if (!bg::is_valid(plane, reason)) return reason;
  return std::nullopt;
}

Result<IndexedArea> IndexedArea::Build(const MultiPolygon& area) {
  auto index = std::make_unique<Index>();
  std::vector<Entry> entries;
  for (size_t i = 0; i < area.size(); ++i) {
    if (std::optional<std::string> problem = PolygonProblem(area[i])) {
      return Status::InvalidArgument("polygon " + std::to_string(i) + " is not valid: " + *problem);
    }
    index->polygons.push_back(ToPlane(area[i]));
    entries.emplace_back(bg::return_envelope<PlaneBox>(index->polygons.back()), i);
    index->area_km2 += RingAreaKm2(area[i].outer);
    for (const Ring& hole : area[i].holes) index->area_km2 -= RingAreaKm2(hole);
  }
  index->tree = bgi::rtree<Entry, bgi::quadratic<16>>(entries.begin(), entries.end());
  std::vector<Edge> edges;
  index->xmin = index->ymin = INFINITY;
  index->xmax = index->ymax = -INFINITY;
  auto add_ring = [&](const Ring& ring) {
    for (size_t i = 0; i < ring.size(); ++i) {
      const LatLng& a = ring[i];
      const LatLng& b = ring[(i + 1) % ring.size()];
      edges.push_back({a.lon_deg, a.lat_deg, b.lon_deg, b.lat_deg});
      index->xmin = std::min(index->xmin, a.lon_deg);
      index->xmax = std::max(index->xmax, a.lon_deg);
      index->ymin = std::min(index->ymin, a.lat_deg);
      index->ymax = std::max(index->ymax, a.lat_deg);
    }
  };
  for (const Polygon& polygon : area) {
    add_ring(polygon.outer);
    for (const Ring& hole : polygon.holes) add_ring(hole);
  }
  if (!edges.empty()) {
    const size_t bands = std::clamp<size_t>(edges.size() * 2, 16, 8192);
    index->bands.Build(edges, index->ymin, index->ymax, bands);
  }
  return IndexedArea(std::move(index));
}

bool IndexedArea::Contains(LatLng p) const {
  const Index& ix = *index_;
  if (ix.bands.bands.empty() || p.lon_deg < ix.xmin || p.lon_deg > ix.xmax || p.lat_deg < ix.ymin ||
      p.lat_deg > ix.ymax) {
    return false;
  }
  return ix.bands.Covers(p.lon_deg, p.lat_deg);
}

double IndexedArea::AreaKm2() const { return index_->area_km2; }

}  // namespace guarantor::geo

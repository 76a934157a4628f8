#include "geo/indexed_area.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
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

struct IndexedArea::Index {
  std::vector<PlanePolygon> polygons;
  bgi::rtree<Entry, bgi::quadratic<16>> tree;
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
  return IndexedArea(std::move(index));
}

bool IndexedArea::Contains(LatLng p) const {
  const PlanePoint q(p.lon_deg, p.lat_deg);
  for (auto it = index_->tree.qbegin(bgi::covers(q)); it != index_->tree.qend(); ++it) {
    if (bg::covered_by(q, index_->polygons[it->second])) return true;
  }
  return false;
}

double IndexedArea::AreaKm2() const { return index_->area_km2; }

}  // namespace guarantor::geo

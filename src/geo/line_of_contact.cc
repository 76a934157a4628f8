#include "geo/line_of_contact.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <utility>

#include "geo/geodesy.h"

namespace guarantor::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using PlanePoint = bg::model::point<double, 2, bg::cs::cartesian>;
using PlaneBox = bg::model::box<PlanePoint>;
struct SegmentRef {
  int part;
  size_t segment;
};
using Entry = std::pair<PlaneBox, SegmentRef>;

// The shortest meridian degree on WGS84 (at the equator), in metres: a lower bound for the
// length of one degree of latitude anywhere.
constexpr double kMinMetersPerDegree = 110574.0;
constexpr double kDegToRad = M_PI / 180.0;
constexpr size_t kFirstCandidates = 4;
constexpr double kBoxMarginDeg = 0.02;
}  // namespace

struct LineOfContact::Index {
  std::vector<Polyline> parts;
  double x_scale = 1;      // cos(reference latitude)
  double max_abs_lat = 0;  // over every vertex
  bgi::rtree<Entry, bgi::quadratic<16>> tree;

  PlanePoint ToPlane(LatLng p) const { return PlanePoint(p.lon_deg * x_scale, p.lat_deg); }
};

LineOfContact::LineOfContact(std::unique_ptr<Index> index) : index_(std::move(index)) {}
LineOfContact::LineOfContact(LineOfContact&&) noexcept = default;
LineOfContact& LineOfContact::operator=(LineOfContact&&) noexcept = default;
LineOfContact::~LineOfContact() = default;

Result<LineOfContact> LineOfContact::Build(std::vector<Polyline> parts) {
  if (parts.empty()) return Status::InvalidArgument("a line of contact needs at least one part");
  double lat_sum = 0, max_abs_lat = 0;
  size_t n = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() < 2) {
      return Status::InvalidArgument("line of contact part " + std::to_string(i) +
                                     " has fewer than two vertices");
    }
    for (const LatLng& v : parts[i]) {
      if (!v.IsValid()) {
        return Status::InvalidArgument("line of contact part " + std::to_string(i) +
                                       " has a vertex outside latitude/longitude bounds");
      }
      lat_sum += v.lat_deg;
      max_abs_lat = std::max(max_abs_lat, std::abs(v.lat_deg));
      ++n;
    }
  }
  auto index = std::make_unique<Index>();
  index->x_scale = std::cos(lat_sum / static_cast<double>(n) * kDegToRad);
  index->max_abs_lat = max_abs_lat;
  std::vector<Entry> entries;
  for (size_t p = 0; p < parts.size(); ++p) {
    for (size_t s = 0; s + 1 < parts[p].size(); ++s) {
      PlaneBox box;
      bg::envelope(bg::model::segment<PlanePoint>(index->ToPlane(parts[p][s]),
                                                  index->ToPlane(parts[p][s + 1])),
                   box);
      // A geodesic edge bows slightly away from its chord: widen the box to cover it.
      bg::set<bg::min_corner, 0>(box, bg::get<bg::min_corner, 0>(box) - kBoxMarginDeg);
      bg::set<bg::min_corner, 1>(box, bg::get<bg::min_corner, 1>(box) - kBoxMarginDeg);
      bg::set<bg::max_corner, 0>(box, bg::get<bg::max_corner, 0>(box) + kBoxMarginDeg);
      bg::set<bg::max_corner, 1>(box, bg::get<bg::max_corner, 1>(box) + kBoxMarginDeg);
      entries.push_back({box, SegmentRef{static_cast<int>(p), s}});
    }
  }
  index->tree = bgi::rtree<Entry, bgi::quadratic<16>>(entries.begin(), entries.end());
  index->parts = std::move(parts);
  return LineOfContact(std::move(index));
}

LineOfContact::Nearest LineOfContact::FindNearest(LatLng p) const {
  const Index& ix = *index_;
  Nearest best{Distance::Infinite(), 0, 0, LatLng{}};
  auto measure = [&](const SegmentRef& ref) {
    const Polyline& part = ix.parts[static_cast<size_t>(ref.part)];
    const SegmentProximity sp =
        ClosestOnGeodesicSegment(p, part[ref.segment], part[ref.segment + 1]);
    if (sp.distance < best.distance ||
        (sp.distance == best.distance &&
         std::tie(ref.part, ref.segment) < std::tie(best.part, best.segment))) {
      best = Nearest{sp.distance, ref.part, ref.segment, sp.closest};
    }
  };
  const PlanePoint q = ix.ToPlane(p);
  for (auto it = ix.tree.qbegin(bgi::nearest(q, kFirstCandidates)); it != ix.tree.qend(); ++it) {
    measure(it->second);
  }
  // Any segment closer than `best` must lie within this planar radius of q: geodesic length is at
  // least kMinMetersPerDegree * ratio * planar length, where ratio bounds the shrinking of
  // parallels between the reference latitude and the highest latitude the path can reach.
  const double far_lat = std::min(89.0, std::max(std::abs(p.lat_deg), ix.max_abs_lat) + 1.0);
  const double ratio = std::min(1.0, std::cos(far_lat * kDegToRad) / ix.x_scale);
  const double radius = best.distance.meters() / (kMinMetersPerDegree * ratio) * 1.000001;
  const PlaneBox query(PlanePoint(bg::get<0>(q) - radius, bg::get<1>(q) - radius),
                       PlanePoint(bg::get<0>(q) + radius, bg::get<1>(q) + radius));
  for (auto it = ix.tree.qbegin(bgi::intersects(query)); it != ix.tree.qend(); ++it) {
    if (bg::comparable_distance(q, it->first) <= radius * radius) measure(it->second);
  }
  return best;
}

const std::vector<Polyline>& LineOfContact::parts() const { return index_->parts; }

Distance LineOfContact::Length() const {
  double total = 0;
  for (const Polyline& part : index_->parts) {
    for (size_t i = 0; i + 1 < part.size(); ++i) {
      total += GeodesicDistance(part[i], part[i + 1]).meters();
    }
  }
  return Distance::Meters(total);
}

}  // namespace guarantor::geo

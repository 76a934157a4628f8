#include "geo/line_of_contact.h"

#include <GeographicLib/Geocentric.hpp>
#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
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
  uint32_t id;  // its index in Index::segments
};
using Entry = std::pair<PlaneBox, SegmentRef>;

// The shortest meridian degree on WGS84 (at the equator), in metres: a lower bound for the
// length of one degree of latitude anywhere.
constexpr double kMinMetersPerDegree = 110574.0;
constexpr double kDegToRad = M_PI / 180.0;
constexpr size_t kFirstCandidates = 4;
constexpr double kBoxMarginDeg = 0.02;
// The hint grid: cells of kHintCellDeg over the line's bounding box widened by kHintMarginDeg.
constexpr double kHintCellDeg = 0.05;
constexpr double kHintMarginDeg = 3.0;
constexpr uint32_t kNoHint = UINT32_MAX;
// Cells whose centre lies within kNearListMaxMeters of their hint keep the segments that can be
// nearest for a point of theirs, up to kNearListMaxLength of them; further cells, or longer
// lists, search the tree.
constexpr double kNearListMaxMeters = 60000.0;
constexpr size_t kNearListMaxLength = 48;
}  // namespace

// Earth-centred coordinates of a vertex, for the tangent-plane measure.
struct Ecef {
  double x, y, z;
};

struct LineOfContact::Index {
  std::vector<Polyline> parts;
  std::vector<std::vector<Ecef>> ecef;  // per part, per vertex
  double x_scale = 1;                   // cos(reference latitude)
  double max_abs_lat = 0;               // over every vertex
  bgi::rtree<Entry, bgi::quadratic<16>> tree;
  // Every segment, in (part, segment) order, and for each cell of a grid around the line one
  // segment near it (the line's own segment where it crosses the cell, else one propagated from
  // a neighbouring cell). Measuring the hint gives an upper bound on the nearest distance that
  // bounds the exact search, in place of a nearest-neighbour walk of the tree.
  std::vector<SegmentRef> segments;
  double grid_lat0 = 0, grid_lon0 = 0;
  int64_t grid_rows = 0, grid_cols = 0;
  std::vector<uint32_t> hints;  // row-major; kNoHint only when the grid is empty
  // For cells near the line, every segment whose box lies within `radius` (planar degrees) of
  // the cell: `near_ids[begin, end)`. A search whose radius is at most `radius` finds among them
  // every segment the tree would give it. radius is 0 where the cell keeps no list.
  struct NearList {
    double radius = 0;
    uint32_t begin = 0, end = 0;
  };
  std::vector<NearList> near;  // row-major, as hints
  std::vector<uint32_t> near_ids;
  std::vector<PlaneBox> boxes;  // by segment id

  // The cell holding p, or SIZE_MAX outside the grid.
  size_t CellAt(LatLng p) const {
    const double r = std::floor((p.lat_deg - grid_lat0) / kHintCellDeg);
    const double c = std::floor((p.lon_deg - grid_lon0) / kHintCellDeg);
    if (!(r >= 0 && c >= 0 && r < static_cast<double>(grid_rows) &&
          c < static_cast<double>(grid_cols))) {
      return SIZE_MAX;
    }
    return static_cast<size_t>(r) * static_cast<size_t>(grid_cols) + static_cast<size_t>(c);
  }

  PlanePoint ToPlane(LatLng p) const { return PlanePoint(p.lon_deg * x_scale, p.lat_deg); }
  void BuildHints();
  void BuildNearLists();
  // The planar radius (degrees) within which every segment nearer to p than `best_fast` metres
  // (the distance of some segment), give or take the fast measure's tolerance, must lie.
  double SearchRadius(LatLng p, double best_fast) const;
};

void LineOfContact::Index::BuildHints() {
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (const Polyline& part : parts) {
    for (const LatLng& v : part) {
      lat_min = std::min(lat_min, v.lat_deg);
      lat_max = std::max(lat_max, v.lat_deg);
      lon_min = std::min(lon_min, v.lon_deg);
      lon_max = std::max(lon_max, v.lon_deg);
    }
  }
  grid_lat0 = std::max(-90.0, lat_min - kHintMarginDeg);
  grid_lon0 = std::max(-180.0, lon_min - kHintMarginDeg);
  grid_rows = static_cast<int64_t>(std::ceil(
                  (std::min(90.0, lat_max + kHintMarginDeg) - grid_lat0) / kHintCellDeg)) +
              1;
  grid_cols = static_cast<int64_t>(std::ceil(
                  (std::min(180.0, lon_max + kHintMarginDeg) - grid_lon0) / kHintCellDeg)) +
              1;
  hints.assign(static_cast<size_t>(grid_rows * grid_cols), kNoHint);
  // Seed the cells the line passes through (sampled at a quarter cell along each chord), then
  // spread breadth-first so that every cell holds a segment from a nearby cell.
  std::vector<size_t> frontier;
  for (uint32_t id = 0; id < segments.size(); ++id) {
    const Polyline& part = parts[static_cast<size_t>(segments[id].part)];
    const LatLng a = part[segments[id].segment], b = part[segments[id].segment + 1];
    const double span = std::max(std::abs(b.lat_deg - a.lat_deg), std::abs(b.lon_deg - a.lon_deg));
    const int steps = 1 + static_cast<int>(span / (kHintCellDeg / 4));
    for (int k = 0; k <= steps; ++k) {
      const double t = static_cast<double>(k) / steps;
      const LatLng p{a.lat_deg + t * (b.lat_deg - a.lat_deg),
                     a.lon_deg + t * (b.lon_deg - a.lon_deg)};
      const int64_t r = static_cast<int64_t>((p.lat_deg - grid_lat0) / kHintCellDeg);
      const int64_t c = static_cast<int64_t>((p.lon_deg - grid_lon0) / kHintCellDeg);
      const size_t cell = static_cast<size_t>(r * grid_cols + c);
      if (hints[cell] == kNoHint) {
        hints[cell] = id;
        frontier.push_back(cell);
      }
    }
  }
  for (size_t head = 0; head < frontier.size(); ++head) {
    const size_t cell = frontier[head];
    const int64_t r = static_cast<int64_t>(cell) / grid_cols;
    const int64_t c = static_cast<int64_t>(cell) % grid_cols;
    const int64_t next[4][2] = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
    for (const auto& [nr, nc] : next) {
      if (nr < 0 || nc < 0 || nr >= grid_rows || nc >= grid_cols) continue;
      const size_t n = static_cast<size_t>(nr * grid_cols + nc);
      if (hints[n] != kNoHint) continue;
      hints[n] = hints[cell];
      frontier.push_back(n);
    }
  }
}

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
      const SegmentRef ref{static_cast<int>(p), s, static_cast<uint32_t>(index->segments.size())};
      entries.push_back({box, ref});
      index->segments.push_back(ref);
      index->boxes.push_back(box);
    }
  }
  index->tree = bgi::rtree<Entry, bgi::quadratic<16>>(entries.begin(), entries.end());
  const GeographicLib::Geocentric& earth = GeographicLib::Geocentric::WGS84();
  for (const Polyline& part : parts) {
    std::vector<Ecef>& out = index->ecef.emplace_back();
    for (const LatLng& v : part) {
      Ecef e;
      earth.Forward(v.lat_deg, v.lon_deg, 0, e.x, e.y, e.z);
      out.push_back(e);
    }
  }
  index->parts = std::move(parts);
  index->BuildHints();
  index->BuildNearLists();
  return LineOfContact(std::move(index));
}

namespace {

// The query point's tangent plane: its ECEF position, east and north unit vectors, and the
// ellipsoid's principal radii of curvature there.
struct TangentPlane {
  Ecef origin;
  double ex, ey;           // east (its z component is 0)
  double nx, ny, nz;       // north
  double meridian_radius;  // M
  double normal_radius;    // N

  explicit TangentPlane(LatLng p) {
    const GeographicLib::Geocentric& earth = GeographicLib::Geocentric::WGS84();
    const double phi = p.lat_deg * kDegToRad, lambda = p.lon_deg * kDegToRad;
    const double sp = std::sin(phi), cp = std::cos(phi), sl = std::sin(lambda),
                 cl = std::cos(lambda);
    ex = -sl;
    ey = cl;
    nx = -sp * cl;
    ny = -sp * sl;
    nz = cp;
    const double a = earth.EquatorialRadius(), f = earth.Flattening();
    const double e2 = f * (2 - f);
    const double w2 = 1 - e2 * sp * sp;
    normal_radius = a / std::sqrt(w2);
    meridian_radius = a * (1 - e2) / (w2 * std::sqrt(w2));
    // The point's ECEF position at height 0 from the same sines and cosines (what
    // Geocentric::Forward computes, to within a few nanometres).
    origin.x = normal_radius * cp * cl;
    origin.y = normal_radius * cp * sl;
    origin.z = normal_radius * (1 - e2) * sp;
  }

  void Project(const Ecef& v, double* x, double* y) const {
    const double dx = v.x - origin.x, dy = v.y - origin.y, dz = v.z - origin.z;
    *x = dx * ex + dy * ey;
    *y = dx * nx + dy * ny + dz * nz;
  }

  // Distance from the query point to the segment a-b, as an arc on the ellipsoid.
  double SegmentDistance(const Ecef& a, const Ecef& b) const {
    double ax, ay, bx, by;
    Project(a, &ax, &ay);
    Project(b, &bx, &by);
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double fx = ax + t * dx, fy = ay + t * dy;
    const double h = std::sqrt(fx * fx + fy * fy);  // metres on the plane: no overflow to guard
    if (h == 0) return 0;
    // Normal-section radius in the direction of the foot point (Euler's formula).
    const double c2 = fy * fy / (h * h), s2 = fx * fx / (h * h);
    const double radius =
        meridian_radius * normal_radius / (normal_radius * c2 + meridian_radius * s2);
    return radius * std::asin(std::min(1.0, h / radius));
  }
};

}  // namespace

double LineOfContact::Index::SearchRadius(LatLng p, double best_fast) const {
  // Geodesic length is at least kMinMetersPerDegree * ratio * planar length, where ratio bounds
  // the shrinking of parallels between the reference latitude and the highest latitude the path
  // can reach.
  const double far_lat = std::min(89.0, std::max(std::abs(p.lat_deg), max_abs_lat) + 1.0);
  const double ratio = std::min(1.0, std::cos(far_lat * kDegToRad) / x_scale);
  const double reach = best_fast + FastToleranceMeters(best_fast);
  return reach / (kMinMetersPerDegree * ratio) * 1.000001;
}

void LineOfContact::Index::BuildNearLists() {
  near.assign(hints.size(), NearList{});
  // A point of a cell lies within half the cell's diagonal (under 4 km) of its centre, so its
  // hint distance exceeds the centre's by about that much at most. The list is built for a
  // radius with room to spare; a search whose radius is larger still uses the tree.
  constexpr double kHalfDiagonalMeters = 4000.0;
  constexpr double kEpsilonDeg = 1e-9;
  std::vector<uint32_t> ids;
  for (int64_t r = 0; r < grid_rows; ++r) {
    for (int64_t c = 0; c < grid_cols; ++c) {
      const size_t cell = static_cast<size_t>(r * grid_cols + c);
      if (hints[cell] == kNoHint) continue;
      const double lat0 = grid_lat0 + static_cast<double>(r) * kHintCellDeg;
      const double lon0 = grid_lon0 + static_cast<double>(c) * kHintCellDeg;
      const LatLng centre{lat0 + kHintCellDeg / 2, lon0 + kHintCellDeg / 2};
      if (!centre.IsValid() || lat0 + kHintCellDeg > 90 || lon0 + kHintCellDeg > 180) continue;
      const TangentPlane plane(centre);
      const SegmentRef& hint = segments[hints[cell]];
      const std::vector<Ecef>& part = ecef[static_cast<size_t>(hint.part)];
      const double d = plane.SegmentDistance(part[hint.segment], part[hint.segment + 1]);
      if (d > kNearListMaxMeters) continue;
      const double pole_lat = std::max(std::abs(lat0), std::abs(lat0 + kHintCellDeg));
      const double radius =
          1.25 * SearchRadius(LatLng{pole_lat, centre.lon_deg}, d + kHalfDiagonalMeters);
      const PlaneBox around(
          PlanePoint(lon0 * x_scale - radius - kEpsilonDeg, lat0 - radius - kEpsilonDeg),
          PlanePoint((lon0 + kHintCellDeg) * x_scale + radius + kEpsilonDeg,
                     lat0 + kHintCellDeg + radius + kEpsilonDeg));
      ids.clear();
      bool too_many = false;
      tree.query(bgi::intersects(around),
                 boost::make_function_output_iterator([&](const Entry& value) {
                   if (ids.size() == kNearListMaxLength) {
                     too_many = true;
                     return;
                   }
                   ids.push_back(value.second.id);
                 }));
      if (too_many) continue;
      std::sort(ids.begin(), ids.end());
      near[cell] = NearList{radius, static_cast<uint32_t>(near_ids.size()),
                            static_cast<uint32_t>(near_ids.size() + ids.size())};
      near_ids.insert(near_ids.end(), ids.begin(), ids.end());
    }
  }
}

LineOfContact::Nearest LineOfContact::FindNearest(LatLng p, Precision precision) const {
  const Index& ix = *index_;
  const TangentPlane plane(p);
  struct Candidate {
    double fast;
    int part;
    size_t segment;
  };
  boost::container::small_vector<Candidate, 32> candidates;  // rarely more near the line
  double best_fast = INFINITY;
  auto measure = [&](const SegmentRef& ref) {
    const std::vector<Ecef>& part = ix.ecef[static_cast<size_t>(ref.part)];
    const double d = plane.SegmentDistance(part[ref.segment], part[ref.segment + 1]);
    candidates.push_back({d, ref.part, ref.segment});
    best_fast = std::min(best_fast, d);
  };
  const PlanePoint q = ix.ToPlane(p);
  // Any segment's distance bounds the nearest from above; the hint's is usually close to it.
  const size_t cell = ix.CellAt(p);
  if (cell != SIZE_MAX && ix.hints[cell] != kNoHint) {
    measure(ix.segments[ix.hints[cell]]);
  } else {
    for (auto it = ix.tree.qbegin(bgi::nearest(q, kFirstCandidates)); it != ix.tree.qend(); ++it) {
      measure(it->second);
    }
  }
  const double radius = ix.SearchRadius(p, best_fast);
  candidates.clear();
  best_fast = INFINITY;
  // Every segment whose box lies within the radius of q, from the cell's list when it covers the
  // radius, else from the tree. The order of the candidates does not matter (ties go by part and
  // segment below).
  if (cell != SIZE_MAX && radius <= ix.near[cell].radius) {
    for (uint32_t i = ix.near[cell].begin; i < ix.near[cell].end; ++i) {
      const uint32_t id = ix.near_ids[i];
      if (bg::comparable_distance(q, ix.boxes[id]) <= radius * radius) measure(ix.segments[id]);
    }
  } else {
    const PlaneBox query(PlanePoint(bg::get<0>(q) - radius, bg::get<1>(q) - radius),
                         PlanePoint(bg::get<0>(q) + radius, bg::get<1>(q) + radius));
    // query() with an output iterator, not qbegin(): the latter's iterator is type-erased, a
    // virtual call per step.
    ix.tree.query(bgi::intersects(query),
                  boost::make_function_output_iterator([&](const auto& value) {
                    if (bg::comparable_distance(q, value.first) <= radius * radius) {
                      measure(value.second);
                    }
                  }));
  }

  Nearest best{Distance::Infinite(), 0, 0, LatLng{}};
  auto better = [&](double d, int part, size_t segment) {
    return d < best.distance.meters() ||
           (d == best.distance.meters() &&
            std::tie(part, segment) < std::tie(best.part, best.segment));
  };
  if (precision == Precision::kFast) {
    for (const Candidate& c : candidates) {
      if (better(c.fast, c.part, c.segment)) {
        best = Nearest{Distance::Meters(c.fast), c.part, c.segment, LatLng{}};
      }
    }
    const Polyline& part = ix.parts[static_cast<size_t>(best.part)];
    best.closest = part[best.segment];  // the segment's start: kFast does not locate the foot
    return best;
  }
  const double limit = best_fast + 2 * FastToleranceMeters(best_fast);
  for (const Candidate& c : candidates) {
    if (c.fast > limit) continue;
    const Polyline& part = ix.parts[static_cast<size_t>(c.part)];
    const SegmentProximity sp = ClosestOnGeodesicSegment(p, part[c.segment], part[c.segment + 1]);
    if (better(sp.distance.meters(), c.part, c.segment)) {
      best = Nearest{sp.distance, c.part, c.segment, sp.closest};
    }
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

#include "geo/contact_line_derivation.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <cmath>

namespace guarantor::geo {
namespace bg = boost::geometry;

namespace {

using Point = bg::model::d2::point_xy<double>;  // kilometres east and north of the centre
using Line = bg::model::linestring<Point>;
using MultiLine = bg::model::multi_linestring<Line>;
using Poly = bg::model::polygon<Point>;
using MultiPoly = bg::model::multi_polygon<Poly>;

constexpr double kKmPerDegree = 111.195;  // mean meridian degree on a sphere of radius 6371 km

// A local equirectangular plane: linear in longitude and latitude, so straight lines in it are
// straight in longitude/latitude, as GeoJSON edges are.
class Plane {
 public:
  explicit Plane(const MultiPolygon& around) {
    double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
    for (const Polygon& p : around) {
      for (const LatLng& v : p.outer) {
        lat_min = std::min(lat_min, v.lat_deg);
        lat_max = std::max(lat_max, v.lat_deg);
        lon_min = std::min(lon_min, v.lon_deg);
        lon_max = std::max(lon_max, v.lon_deg);
      }
    }
    lat0_ = (lat_min + lat_max) / 2;
    lon0_ = (lon_min + lon_max) / 2;
    cos0_ = std::cos(lat0_ * M_PI / 180);
  }
  Point To(const LatLng& v) const {
    return {(v.lon_deg - lon0_) * cos0_ * kKmPerDegree, (v.lat_deg - lat0_) * kKmPerDegree};
  }
  LatLng From(const Point& p) const {
    return LatLng{lat0_ + p.y() / kKmPerDegree, lon0_ + p.x() / (cos0_ * kKmPerDegree)};
  }

 private:
  double lat0_ = 0, lon0_ = 0, cos0_ = 1;
};

bg::model::ring<Point> ToRing(const Plane& plane, const Ring& ring) {
  bg::model::ring<Point> out;
  for (const LatLng& v : ring) out.push_back(plane.To(v));
  if (!ring.empty()) out.push_back(plane.To(ring.front()));
  return out;
}

Result<MultiPoly> ToMultiPoly(const Plane& plane, const MultiPolygon& area, const char* what) {
  if (area.empty()) return Status::InvalidArgument(std::string(what) + " is empty");
  MultiPoly merged;
  for (const Polygon& p : area) {
    if (p.outer.size() < 3) {
      return Status::InvalidArgument(std::string(what) + " has a ring of fewer than 3 vertices");
    }
    Poly poly;
    poly.outer() = ToRing(plane, p.outer);
    for (const Ring& h : p.holes) poly.inners().push_back(ToRing(plane, h));
    bg::correct(poly);
    MultiPoly next;
    bg::union_(merged, poly, next);  // merges polygons that share edges (Crimea and mainland)
    merged = std::move(next);
  }
  return merged;
}

MultiLine Rings(const MultiPoly& area) {
  MultiLine out;
  auto add = [&](const auto& ring) { out.emplace_back(ring.begin(), ring.end()); };
  for (const Poly& p : area) {
    add(p.outer());
    for (const auto& h : p.inners()) add(h);
  }
  return out;
}

bool Same(const Point& a, const Point& b) {
  return std::abs(a.x() - b.x()) < 1e-9 && std::abs(a.y() - b.y()) < 1e-9;
}

// Joins pieces whose end is another's start, until none does.
std::vector<Line> JoinPieces(std::vector<Line> pieces) {
  bool joined = true;
  while (joined) {
    joined = false;
    for (size_t i = 0; i < pieces.size() && !joined; ++i) {
      for (size_t j = 0; j < pieces.size() && !joined; ++j) {
        if (i == j || pieces[i].empty() || pieces[j].empty()) continue;
        if (Same(pieces[i].back(), pieces[j].front())) {
          pieces[i].insert(pieces[i].end(), pieces[j].begin() + 1, pieces[j].end());
          pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(j));
          joined = true;
        }
      }
    }
  }
  return pieces;
}

Ring FromRing(const Plane& plane, const bg::model::ring<Point>& ring) {
  Ring out;
  for (size_t i = 0; i + 1 < ring.size(); ++i) out.push_back(plane.From(ring[i]));
  return out;
}

}  // namespace

Result<DerivedContactLine> DeriveContactLine(const MultiPolygon& control,
                                             const MultiPolygon& border,
                                             const ContactLineOptions& options) {
  const Plane plane(border);
  ASSIGN_OR_RETURN(const MultiPoly border_plane, ToMultiPoly(plane, border, "the border"));
  ASSIGN_OR_RETURN(const MultiPoly control_plane, ToMultiPoly(plane, control, "the control area"));
  MultiPoly inner;
  const double tol_km = options.border_tolerance.km();
  if (tol_km > 0) {
    bg::strategy::buffer::distance_symmetric<double> distance(-tol_km);
    bg::strategy::buffer::join_round join(16);
    bg::strategy::buffer::end_flat end;
    bg::strategy::buffer::point_circle circle(16);
    bg::strategy::buffer::side_straight side;
    bg::buffer(border_plane, inner, distance, side, join, end, circle);
  } else {
    inner = border_plane;
  }
  if (inner.empty()) {
    return Status::InvalidArgument("the border vanishes when shrunk by the tolerance");
  }
  MultiLine cut;
  bg::intersection(Rings(control_plane), inner, cut);
  std::vector<Line> pieces = JoinPieces(std::vector<Line>(cut.begin(), cut.end()));
  DerivedContactLine out;
  for (const Line& piece : pieces) {
    const double km = bg::length(piece);
    if (piece.size() < 2 || km < options.min_part_length.km()) {
      ++out.dropped_parts;
      out.dropped_km += km;
      continue;
    }
    Polyline line;
    for (const Point& p : piece) line.push_back(plane.From(p));
    out.parts.push_back(std::move(line));
  }
  if (out.parts.empty()) {
    return Status::InvalidArgument(
        "the control area's boundary has no part inside the border beyond the tolerance");
  }
  return out;
}

Result<MultiPolygon> ComplementWithinBorder(const MultiPolygon& control, const MultiPolygon& border,
                                            double min_area_km2) {
  const Plane plane(border);
  ASSIGN_OR_RETURN(const MultiPoly border_plane, ToMultiPoly(plane, border, "the border"));
  ASSIGN_OR_RETURN(const MultiPoly control_plane, ToMultiPoly(plane, control, "the control area"));
  MultiPoly rest;
  bg::difference(border_plane, control_plane, rest);
  MultiPolygon out;
  for (const Poly& p : rest) {
    if (bg::area(p) < min_area_km2) continue;
    Polygon polygon;
    polygon.outer = FromRing(plane, p.outer());
    for (const auto& h : p.inners()) polygon.holes.push_back(FromRing(plane, h));
    out.push_back(std::move(polygon));
  }
  if (out.empty()) return Status::InvalidArgument("the control area covers the whole border");
  return out;
}

}  // namespace guarantor::geo

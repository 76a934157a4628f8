// LineOfContact: the ceasefire line, one or more polylines whose edges are geodesics, indexed so
// that the geodesic distance from any point to the nearest part of the line is exact and fast.
//
//   Result<LineOfContact> line = LineOfContact::Build(parts);
//   LineOfContact::Nearest n = line->FindNearest(LatLng{48.0, 37.8});
//   n.distance.km();  // exact to a millimetre on the WGS84 ellipsoid
//
// Method: an R-tree (Boost.Geometry) of the segments' bounding boxes in a plane scaled by the
// cosine of the line's mean latitude proposes candidates; a lower bound on the ratio between
// geodesic and scaled planar distance makes the candidate search conservative. A grid of 0.05
// degree cells around the line gives each point a segment near it, whose distance bounds the
// search radius; cells near the line also keep the segments a search from them can need, so that
// most searches read a short list instead of the tree. Each candidate is
// measured in the tangent plane at the query point (ECEF vectors projected on east and north,
// the horizontal distance turned back into an arc with the ellipsoid's normal-section radius in
// that direction): within kFastToleranceMeters of the exact geodesic distance (tested against
// geo::ClosestOnGeodesicSegment). With Precision::kExact, every candidate within that tolerance
// of the best is then measured exactly with geo::ClosestOnGeodesicSegment (Karney's intercept).
// Assumes the line does not cross the antimeridian.
//
// Thread safety: immutable after Build(); FindNearest() is safe to call concurrently.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "model/geometry.h"

namespace guarantor::geo {

class LineOfContact {
 public:
  struct Nearest {
    Distance distance;
    int part = 0;        // index of the polyline part
    size_t segment = 0;  // index of the segment within the part
    LatLng closest;
  };

  enum class Precision { kFast, kExact };

  // Bound on |fast - exact| for a point at distance d from the line: 0.1 m + 1e-6 d (measured:
  // under 2 cm within 30 km and 6 cm within 150 km on a digitised front).
  static double FastToleranceMeters(double d) { return 0.1 + 1e-6 * d; }

  // REQUIRES of the input (else InvalidArgument): at least one part, each with at least two
  // valid vertices.
  static Result<LineOfContact> Build(std::vector<Polyline> parts);

  LineOfContact(LineOfContact&&) noexcept;
  LineOfContact& operator=(LineOfContact&&) noexcept;
  ~LineOfContact();

  Nearest FindNearest(LatLng p, Precision precision = Precision::kExact) const;

  const std::vector<Polyline>& parts() const;
  // Sum of the geodesic lengths of every segment.
  Distance Length() const;

 private:
  struct Index;
  explicit LineOfContact(std::unique_ptr<Index> index);
  std::unique_ptr<Index> index_;
};

}  // namespace guarantor::geo

// IndexedArea: a multipolygon that answers "is this point inside?" quickly, with edges straight
// in longitude/latitude as GeoJSON (RFC 7946 §3.1.1) defines them. Points on the boundary count
// as inside.
//
//   Result<IndexedArea> area = IndexedArea::Build(multipolygon);
//   if (area->Contains(LatLng{47.5, 34.6})) ...
//
// Thread safety: immutable after Build(); Contains() is safe to call concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "model/geometry.h"

namespace guarantor::geo {

class IndexedArea {
 public:
  // Rings may be in either orientation; they are normalised. InvalidArgument when a polygon is
  // not valid (self-intersection, spike, hole outside its shell), with the reason.
  static Result<IndexedArea> Build(const MultiPolygon& area);

  IndexedArea(IndexedArea&&) noexcept;
  IndexedArea& operator=(IndexedArea&&) noexcept;
  ~IndexedArea();

  bool Contains(LatLng p) const;
  // Area on the WGS84 ellipsoid in square kilometres (geodesic polygon area of the vertices).
  double AreaKm2() const;

 private:
  struct Index;
  explicit IndexedArea(std::unique_ptr<Index> index);
  std::unique_ptr<Index> index_;
};

// The reason a polygon is invalid, or nullopt when it is valid (after orientation is normalised).
std::optional<std::string> PolygonProblem(const Polygon& polygon);

}  // namespace guarantor::geo

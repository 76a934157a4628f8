// Deriving a line of contact from a control area: the part of the area's boundary that lies
// inside a country's border, away from the border and the coast, where the area meets territory
// held by the other side.
//
//   Result<DerivedContactLine> d = DeriveContactLine(occupied, ukraine, {});
//   d->parts;  // polylines, ready for LineOfContact::Build or a scenario's line_of_contact
//
// Method (Boost.Geometry, in a local equirectangular plane in kilometres centred on the border's
// bounding box, so that the tolerance is a distance; east-west scale is exact at the centre
// latitude and within 10% across a country the size of Ukraine):
//   1. the border's polygons are merged (union) and shrunk inwards by `border_tolerance`
//      (a negative buffer), which removes a band along the land border and the coast;
//   2. every ring of the control area is intersected with the shrunk border: what remains is
//      the boundary between the control area and the rest of the country;
//   3. pieces that meet end to end (a ring's start vertex falls on the line) are joined, and
//      pieces shorter than `min_part_length` (digitisation slivers along rivers and lagoons) are
//      dropped.
// Every vertex of the result lies on the control area's boundary (new vertices are where the
// boundary crosses the shrunk border, on a boundary edge); the line stops `border_tolerance`
// short of the international border where the front meets it.
//
// Thread safety: free functions without shared state.
#pragma once

#include <vector>

#include "base/status.h"
#include "model/geometry.h"

namespace guarantor::geo {

struct ContactLineOptions {
  // The width of the band along the border and the coast in which the control boundary is taken
  // to follow the border rather than the front. Default 3 km: Natural Earth 1:10m and DeepState
  // digitise the same border up to about 2 km apart (docs/real-data.md).
  Distance border_tolerance = Distance::Kilometers(3);
  // Shorter pieces are dropped. Default 2 km.
  Distance min_part_length = Distance::Kilometers(2);
};

struct DerivedContactLine {
  std::vector<Polyline> parts;
  int dropped_parts = 0;  // pieces shorter than min_part_length
  double dropped_km = 0;  // their total length, planar estimate
};

// InvalidArgument when either area is empty or its rings are degenerate.
Result<DerivedContactLine> DeriveContactLine(const MultiPolygon& control,
                                             const MultiPolygon& border,
                                             const ContactLineOptions& options);

// The territory inside `border` and outside `control` (the other side's area), without pieces
// smaller than `min_area_km2` (slivers where the two datasets digitise the border differently).
Result<MultiPolygon> ComplementWithinBorder(const MultiPolygon& control, const MultiPolygon& border,
                                            double min_area_km2 = 1.0);

}  // namespace guarantor::geo

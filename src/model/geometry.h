// Plain geometry values as they are read from GeoJSON: polylines and polygons of LatLng.
// Edges are straight in longitude/latitude, as RFC 7946 §3.1.1 specifies for GeoJSON; the geo/
// module builds indexed, queryable shapes from these values.
#pragma once

#include <vector>

#include "model/lat_lng.h"

namespace guarantor {

using Polyline = std::vector<LatLng>;

// A closed ring; the first vertex is not repeated at the end.
using Ring = std::vector<LatLng>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

using MultiPolygon = std::vector<Polygon>;

}  // namespace guarantor

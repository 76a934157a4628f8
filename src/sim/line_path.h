// LinePath: the line of contact as one path measured along its length (its parts end to end),
// where the simulator places events and monitoring assets. Internal to the sim module.
#pragma once

#include <vector>

#include "model/geometry.h"

namespace guarantor {

class LinePath {
 public:
  explicit LinePath(const std::vector<Polyline>& parts);

  double length_m() const { return total_m_; }
  // The point `along_m` from the path's start (clamped to the path), and the azimuth of the
  // segment it lies on. REQUIRES: the path has a segment.
  LatLng At(double along_m, double* azimuth_deg = nullptr) const;
  // The point `along_m` from the start moved `offset_m` square to the line: to the right of the
  // direction of travel when positive, to the left when negative.
  LatLng Beside(double along_m, double offset_m) const;
  // The distance along the path of the segment end nearest to `p` (coarse: for sectors).
  double NearestVertexAlong(LatLng p) const;
  bool empty() const { return segments_.empty(); }

 private:
  struct Segment {
    LatLng a, b;
    double length_m, cumulative_m;  // cumulative: from the path's start to b
  };
  std::vector<Segment> segments_;
  double total_m_ = 0;
};

}  // namespace guarantor

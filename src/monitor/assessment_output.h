// Serialisation of assessments: one JSON object per observation (assessments.jsonl) and a GeoJSON
// FeatureCollection of violations (violations.geojson). Output is byte-for-byte deterministic:
// fields in a fixed order, distances rounded to the metre, input order preserved.
#pragma once

#include <ostream>
#include <string>

#include "model/observation.h"
#include "monitor/assessment.h"

namespace guarantor {

// One line of assessments.jsonl, without the newline.
std::string AssessmentJsonLine(const Observation& obs, const Assessment& a, int day_offset_minutes);

// Writes violations as GeoJSON Point features; call Begin, Add per violation, then End.
class ViolationGeoJsonWriter {
 public:
  explicit ViolationGeoJsonWriter(std::ostream& out) : out_(out) {}
  void Begin();
  void Add(const Observation& obs, const Assessment& a, int day_offset_minutes);
  void End();

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace guarantor

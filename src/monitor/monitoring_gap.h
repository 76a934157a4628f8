// MonitoringGap: a period and area in which one type of monitoring source could not observe
// (denied access, jamming, an outage), recorded as data as the SMM recorded every restriction.
// Gaps do not change what was observed; they lower the confidence that "no violation observed"
// means "no violation happened" for the places and times they cover.
//
// Format (JSON Lines, docs/monitoring.md): {"id", "source_type", "reason", "start", "end",
// "center": {"lat", "lon"}, "radius_km"}; reason is one of denied_access, jamming, outage, other.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "model/lat_lng.h"
#include "model/taxonomy.h"
#include "model/timestamp.h"

namespace guarantor {

struct MonitoringGap {
  std::string id;
  SourceType source_type = SourceType::kPatrol;
  std::string reason;
  Timestamp start;
  Timestamp end;
  LatLng center;
  Distance radius;
};

// Parses one line; errors name the field ("end: expected a time after start; found ...").
Status ParseMonitoringGap(std::string_view line, MonitoringGap* out);

// Reads every line; rejected lines are returned as diagnostics labelled with `label`.
std::vector<MonitoringGap> ReadMonitoringGaps(std::istream& in, const std::string& label,
                                              std::vector<Diagnostic>* rejections);

}  // namespace guarantor

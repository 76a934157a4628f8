// MonitoringAsset: where one monitoring asset of the mission stood, and how far it saw, over a
// period: a camera for the whole mission, a patrol for a day, a UAV for a sortie, a satellite for
// a pass. Like gaps, assets are data about coverage, not observations: they say where the mission
// could have seen a violation, so that a report can say how much of the line was watched.
//
// Format (JSON Lines, docs/monitoring.md 1.7, what `guarantor simulate` writes to assets.jsonl):
// {"id", "type", "from", "to", "position": {"lat", "lon"}, "range_km"}; an asset may have many
// placements, but not two starting at the same time.
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

struct MonitoringAsset {
  std::string id;
  SourceType type = SourceType::kPatrol;  // never OSINT, which has no place
  Timestamp from;
  Timestamp to;  // not before `from`
  LatLng position;
  Distance range;  // more than 0, at most 500 km
};

// Parses one line; errors name the field ("range_km: expected a number in [0.001, 500]; ...").
Status ParseMonitoringAsset(std::string_view line, MonitoringAsset* out);

// Reads every line; rejected lines are returned as diagnostics labelled with `label`.
std::vector<MonitoringAsset> ReadMonitoringAssets(std::istream& in, const std::string& label,
                                                  std::vector<Diagnostic>* rejections);

}  // namespace guarantor

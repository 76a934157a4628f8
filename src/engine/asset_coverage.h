// Watched: how much of a stretch of the line the mission's assets watched on one day, by all of
// them and by each type.
//
// The day is taken at the middle of each of its 24 hours, the stretch at its sample points (the
// daily report's, every 5 km along the line). A point is watched by an asset at an hour when the
// asset's placement covers that time, the point lies within the asset's range (geodesic
// distance), and no monitoring gap of the asset's type active then covers the point (the gap
// stops that type's reports of what happens there, as the simulator's gaps do). A share is the
// fraction of (point, hour) pairs watched: 1 when every point was within reach all day, 0 when
// none was. It says where the mission could have seen a violation, not how likely it was to
// report one; the types say what could have seen it (acoustic arrays and radars hear only fire).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/lat_lng.h"
#include "model/taxonomy.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"

namespace guarantor {

struct WatchedShares {
  double any = 0;                                  // by at least one asset
  std::array<double, kSourceTypeCount> by_type{};  // by at least one asset of the type
};

// REQUIRES: `samples` is not empty; the day runs from `day_start_micros` for 24 hours.
WatchedShares Watched(const std::vector<LatLng>& samples,
                      const std::vector<const MonitoringAsset*>& assets,
                      const std::vector<const MonitoringGap*>& gaps, int64_t day_start_micros);

// One row of a report's table of shares watched: the sector's name, and its shares by column
// ("any", or a source type's name).
using WatchedRow = std::pair<std::string, std::map<std::string, double>>;

// The Markdown table of `rows` under `columns`, each share to 3 decimals; a share a row lacks is
// printed as 0.000 (no asset of that type).
std::string WatchedMarkdownTable(const std::vector<std::string>& columns,
                                 const std::vector<WatchedRow>& rows);

}  // namespace guarantor

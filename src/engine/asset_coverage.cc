#include "engine/asset_coverage.h"

#include <algorithm>

#include "base/markdown.h"
#include "base/rounding.h"
#include "geo/geodesy.h"

namespace guarantor {
namespace {

constexpr int64_t kMicrosPerHour = 3600LL * 1'000'000;

// Within `range` of `a`, geodesically. The local plane's distance, shorter than the geodesic by
// under 1% at these ranges, rules out the far pairs before the geodesic is computed.
bool Within(LatLng a, LatLng b, Distance range) {
  const double bound = range.meters() * 1.02 + 100;
  if (geo::LocalPlaneMeters2(a, b) > bound * bound) return false;
  return geo::GeodesicDistance(a, b) <= range;
}

}  // namespace

WatchedShares Watched(const std::vector<LatLng>& samples,
                      const std::vector<const MonitoringAsset*>& assets,
                      const std::vector<const MonitoringGap*>& gaps, int64_t day_start_micros) {
  int64_t any = 0;
  std::array<int64_t, kSourceTypeCount> by_type{};
  std::vector<const MonitoringAsset*> standing;
  std::vector<const MonitoringGap*> active;
  for (int hour = 0; hour < 24; ++hour) {
    const int64_t t = day_start_micros + hour * kMicrosPerHour + kMicrosPerHour / 2;
    standing.clear();
    for (const MonitoringAsset* a : assets) {
      if (a->from.utc_micros() <= t && t <= a->to.utc_micros()) standing.push_back(a);
    }
    active.clear();
    for (const MonitoringGap* g : gaps) {
      if (g->start.utc_micros() <= t && t <= g->end.utc_micros()) active.push_back(g);
    }
    for (const LatLng& q : samples) {
      std::array<bool, kSourceTypeCount> seen{};
      for (const MonitoringAsset* a : standing) {
        const auto type = static_cast<size_t>(a->type);
        if (seen[type] || !Within(a->position, q, a->range)) continue;
        const bool stopped = std::any_of(active.begin(), active.end(), [&](const MonitoringGap* g) {
          return g->source_type == a->type && Within(g->center, q, g->radius);
        });
        seen[type] = !stopped;
      }
      bool by_any = false;
      for (size_t type = 0; type < seen.size(); ++type) {
        by_type[type] += seen[type] ? 1 : 0;
        by_any = by_any || seen[type];
      }
      any += by_any ? 1 : 0;
    }
  }
  const auto pairs = static_cast<double>(24 * samples.size());
  WatchedShares shares;
  shares.any = static_cast<double>(any) / pairs;
  for (size_t type = 0; type < by_type.size(); ++type) {
    shares.by_type[type] = static_cast<double>(by_type[type]) / pairs;
  }
  return shares;
}

std::string WatchedMarkdownTable(const std::vector<std::string>& columns,
                                 const std::vector<WatchedRow>& rows) {
  std::string md = "\n| sector |";
  for (const std::string& c : columns) md += " " + c + " |";
  md += "\n|---|";
  for (size_t i = 0; i < columns.size(); ++i) md += "---:|";
  md += "\n";
  for (const auto& [name, shares] : rows) {
    md += "| " + MarkdownCell(name) + " |";
    for (const std::string& c : columns) {
      auto share = shares.find(c);
      md += " " + FormatFixed(share == shares.end() ? 0.0 : share->second, 3) + " |";
    }
    md += "\n";
  }
  return md;
}

}  // namespace guarantor

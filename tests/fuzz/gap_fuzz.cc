// libFuzzer target: the readers of monitoring gaps and monitoring assets on arbitrary bytes (the
// same bytes through both). Properties: no crash; every accepted gap has a valid centre, a
// non-negative radius and end not before start; every accepted asset a valid position, a
// positive range, a place (not OSINT) and `to` not before `from`; every rejection names its line
// and says why.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<guarantor::Diagnostic> rejected;
  std::istringstream gaps(bytes);
  for (const guarantor::MonitoringGap& g : guarantor::ReadMonitoringGaps(gaps, "fuzz", &rejected)) {
    if (!g.center.IsValid() || g.radius.meters() < 0 || g.end < g.start || g.id.empty())
      std::abort();
  }
  std::istringstream assets(bytes);
  for (const guarantor::MonitoringAsset& a :
       guarantor::ReadMonitoringAssets(assets, "fuzz", &rejected)) {
    if (!a.position.IsValid() || !(a.range.meters() > 0) || a.to < a.from || a.id.empty() ||
        a.type == guarantor::SourceType::kOsint)
      std::abort();
  }
  for (const guarantor::Diagnostic& d : rejected) {
    if (d.message.empty() || d.line < 1) std::abort();
  }
  return 0;
}

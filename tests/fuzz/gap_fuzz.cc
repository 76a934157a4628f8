// libFuzzer target: the monitoring-gap reader on arbitrary bytes. Properties: no crash; every
// accepted gap has a valid centre, a non-negative radius and end not before start.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "monitor/monitoring_gap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<guarantor::Diagnostic> rejected;
  for (const guarantor::MonitoringGap& g : guarantor::ReadMonitoringGaps(in, "fuzz", &rejected)) {
    if (!g.center.IsValid() || g.radius.meters() < 0 || g.end < g.start || g.id.empty())
      std::abort();
  }
  for (const guarantor::Diagnostic& d : rejected) {
    if (d.message.empty() || d.line < 1) std::abort();
  }
  return 0;
}

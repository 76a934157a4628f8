// libFuzzer target: the scenario loader on arbitrary scenario.yaml text. Files the text names are
// resolved against tests/data/zones, so mutations of a valid scenario reach the GeoJSON readers.
// Property: the loader never crashes and either returns a scenario or at least one diagnostic.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  guarantor::ScenarioLoad load =
      guarantor::LoadScenarioFromText(text, "fuzz.yaml", GUARANTOR_SOURCE_DIR "/tests/data/zones");
  if (load.ok() == !load.errors.empty()) std::abort();
  return 0;
}

// libFuzzer target: the monitoring pipeline (fusion, assessment, severity, attribution, cases and
// triggers) over whatever observations the stream accepts from arbitrary bytes, in the example
// theatre. Valid records can still be adversarial: positions at the poles or the antimeridian,
// uncertainties of a thousand kilometres, clocks of a week, counts at their bound, a stream that
// jumps a day ahead. Properties: no crash or undefined behaviour; every accepted record is a
// member of exactly one incident; every incident's position is finite and its severity within
// the documented scale; reversing each run of consecutive records that share a timestamp, and
// concluding on the engine's own thread, change no incident or its assessment, severity,
// attribution and case (docs/monitoring.md 2.8).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/replay_engine.h"
#include "fuzz/loaded_theatre.h"
#include "monitor/observation_stream.h"

namespace {

const guarantor::fuzz::LoadedTheatre& TheTheatre() {
  static const guarantor::fuzz::LoadedTheatre theatre(GUARANTOR_SOURCE_DIR "/examples/paris-2026");
  return theatre;
}

// What the pipeline concluded about one incident, as text to compare.
std::string Summary(const guarantor::IncidentRecord& r) {
  std::string s = r.incident.id + " " + std::to_string(static_cast<int>(r.incident.status)) + " " +
                  (r.assessment.violation() ? "violation " : "no-violation ") +
                  std::to_string(r.severity) + " " + r.case_id + " " + r.attribution.party + " " +
                  std::to_string(r.attribution.confidence) + " " +
                  std::to_string(r.incident.position.position.lat_deg) + " " +
                  std::to_string(r.incident.position.position.lon_deg) + " [";
  for (const guarantor::IncidentMember& m : r.incident.members) s += m.observation_id + ",";
  return s + "]";
}

// Runs the pipeline over `observations`, concluding on the engine's own thread when asked
// (`replay --threads 2`); checks each incident and returns their summaries in closing order.
// Counts each observation's memberships into *members.
std::vector<std::string> Run(const std::vector<guarantor::Observation>& observations,
                             bool concluding_thread, std::map<std::string, int>* members) {
  const guarantor::fuzz::LoadedTheatre& theatre = TheTheatre();
  std::vector<std::string> summaries;
  guarantor::ReplaySink sink;
  sink.on_incident = [&](const guarantor::IncidentRecord& r) {
    const guarantor::LatLng p = r.incident.position.position;
    if (!std::isfinite(p.lat_deg) || !std::isfinite(p.lon_deg) ||
        !std::isfinite(r.incident.position.uncertainty_m)) {
      std::abort();
    }
    if (r.severity < 0 || r.severity > 5) std::abort();
    if (r.incident.members.empty()) std::abort();
    for (const guarantor::IncidentMember& m : r.incident.members) ++(*members)[m.observation_id];
    summaries.push_back(Summary(r));
  };
  guarantor::ReplayOptions options;
  options.conclude_on_own_thread = concluding_thread;
  guarantor::ReplayEngine engine(*theatre.scenario, *theatre.map, sink, options);
  for (const guarantor::Observation& o : observations) engine.Add(o);
  engine.Finish();
  return summaries;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  guarantor::ObservationStream stream(in, "fuzz");
  std::vector<guarantor::Observation> accepted;
  for (guarantor::Observation o; stream.Next(&o);) accepted.push_back(o);

  // An id may return once the stream's duplicate window has passed it (docs/monitoring.md 8):
  // each accepted record is one membership.
  std::map<std::string, int> records;
  for (const guarantor::Observation& o : accepted) ++records[o.id];
  std::map<std::string, int> members;
  const std::vector<std::string> first = Run(accepted, /*concluding_thread=*/false, &members);
  if (members != records) std::abort();

  // Each run of consecutive records sharing a timestamp reversed, and concluded on a thread of
  // the engine's own: neither may change a result.
  std::vector<guarantor::Observation> reordered = accepted;
  for (size_t i = 0; i < reordered.size();) {
    size_t j = i + 1;
    while (j < reordered.size() && reordered[j].time.utc_micros() == reordered[i].time.utc_micros())
      ++j;
    std::reverse(reordered.begin() + static_cast<std::ptrdiff_t>(i),
                 reordered.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
  std::map<std::string, int> ignored;
  const std::vector<std::string> second = Run(reordered, /*concluding_thread=*/true, &ignored);
  if (second != first) {
    for (const std::string& s : first) std::fprintf(stderr, "in input order:    %s\n", s.c_str());
    for (const std::string& s : second) {
      std::fprintf(stderr, "reversed per time, concluded on a thread: %s\n", s.c_str());
    }
    std::abort();
  }
  return 0;
}

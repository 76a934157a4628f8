// Serialisation of the replay engine's results: incidents.jsonl (one closed incident per line,
// with its assessment, severity, attribution and the ids of its observations), cases.jsonl, and
// incident-level violations as GeoJSON. Deterministic: fixed field order, rounded figures.
#pragma once

#include <string>

#include "commission/case_file.h"
#include "engine/replay_engine.h"

namespace guarantor {

std::string IncidentJsonLine(const IncidentRecord& rec, int day_offset_minutes);
std::string CaseJsonLine(const Case& c);
std::string AlertJsonLine(const Alert& alert);
// One GeoJSON Feature (no trailing newline) for a verified violation.
std::string IncidentFeature(const IncidentRecord& rec, int day_offset_minutes);

}  // namespace guarantor

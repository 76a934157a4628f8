// The top-level fields of observation format v1 (docs/observation-format.md) as bits: what both
// of ObservationParser's readers (observation_parser.cc, observation_tape.cc) mark as seen, and
// which of them a record must have. Internal to the monitor module.
#pragma once

#include <cstdint>

namespace guarantor::observation_fields {

enum : uint32_t {
  kId = 1 << 0,
  kTime = 1 << 1,
  kSource = 1 << 2,
  kKind = 1 << 3,
  kPosition = 1 << 4,
  kOrigin = 1 << 5,
  kBearing = 1 << 6,
  kWeaponClass = 1 << 7,
  kCount = 1 << 8,
  kConfidence = 1 << 9,
  kNotes = 1 << 10,
  kTimeUncertainty = 1 << 11,
};

inline constexpr uint32_t kRequired = kId | kTime | kSource | kKind | kPosition;

}  // namespace guarantor::observation_fields

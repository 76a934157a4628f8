#include "model/taxonomy.h"

#include "model/observation.h"

#include <array>
#include <cstddef>

namespace guarantor {
namespace {

// Names indexed by enumerator value.
constexpr std::array<std::string_view, 11> kObservationKindNames = {
    "explosion",       "small_arms_fire", "mortar_fire",  "artillery_fire",
    "rocket_fire",     "missile_strike",  "drone_strike", "air_incursion",
    "weapon_sighting", "troop_movement",  "fortification"};
constexpr std::array<std::string_view, 7> kSourceTypeNames = {
    "patrol", "uav", "camera", "acoustic", "radar", "satellite", "osint"};
constexpr std::array<std::string_view, 12> kWeaponClassNames = {
    "small_arms",         "mortar", "tank",       "artillery_lt_100mm",
    "artillery_ge_100mm", "mlrs",   "heavy_mlrs", "tactical_missile",
    "air_defence",        "drone",  "aircraft",   "unknown"};
constexpr std::array<std::string_view, 3> kPartyKindNames = {"state", "organisation",
                                                             "armed_formation"};
constexpr std::array<std::string_view, 5> kPartyRoleNames = {
    "contributor", "beneficiary", "monitored_party", "mediator", "monitor"};

template <typename Enum, size_t N>
std::optional<Enum> Lookup(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <size_t N>
std::string Choices(const std::array<std::string_view, N>& names) {
  std::string out = "one of: ";
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::string_view ToString(ObservationKind v) {
  return kObservationKindNames[static_cast<size_t>(v)];
}
std::string_view ToString(SourceType v) { return kSourceTypeNames[static_cast<size_t>(v)]; }
std::string_view ToString(WeaponClass v) { return kWeaponClassNames[static_cast<size_t>(v)]; }
std::string_view ToString(PartyKind v) { return kPartyKindNames[static_cast<size_t>(v)]; }
std::string_view ToString(PartyRole v) { return kPartyRoleNames[static_cast<size_t>(v)]; }

std::optional<ObservationKind> ParseObservationKind(std::string_view n) {
  return Lookup<ObservationKind>(kObservationKindNames, n);
}
std::optional<SourceType> ParseSourceType(std::string_view n) {
  return Lookup<SourceType>(kSourceTypeNames, n);
}
std::optional<WeaponClass> ParseWeaponClass(std::string_view n) {
  return Lookup<WeaponClass>(kWeaponClassNames, n);
}
std::optional<PartyKind> ParsePartyKind(std::string_view n) {
  return Lookup<PartyKind>(kPartyKindNames, n);
}
std::optional<PartyRole> ParsePartyRole(std::string_view n) {
  return Lookup<PartyRole>(kPartyRoleNames, n);
}

double DefaultTimeUncertaintySeconds(SourceType type) {
  switch (type) {
    case SourceType::kPatrol:
      return 60;
    case SourceType::kUav:
      return 5;
    case SourceType::kCamera:
      return 2;
    case SourceType::kAcoustic:
    case SourceType::kRadar:
      return 1;
    case SourceType::kSatellite:
      return 60;
    case SourceType::kOsint:
      return 900;
  }
  return 900;
}

std::string ObservationKindChoices() { return Choices(kObservationKindNames); }
std::string SourceTypeChoices() { return Choices(kSourceTypeNames); }
std::string WeaponClassChoices() { return Choices(kWeaponClassNames); }
std::string PartyKindChoices() { return Choices(kPartyKindNames); }
std::string PartyRoleChoices() { return Choices(kPartyRoleNames); }

}  // namespace guarantor

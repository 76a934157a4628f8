#include "monitor/severity.h"

#include <algorithm>

namespace guarantor {
namespace {

int BaseSeverity(WeaponClass w) {
  switch (w) {
    case WeaponClass::kSmallArms:
    case WeaponClass::kDrone:
    case WeaponClass::kUnknown:
    case WeaponClass::kAirDefence:
      return 1;
    case WeaponClass::kMortar:
    case WeaponClass::kArtilleryLt100mm:
      return 2;
    case WeaponClass::kArtilleryGe100mm:
    case WeaponClass::kTank:
      return 3;
    case WeaponClass::kMlrs:
    case WeaponClass::kAircraft:
      return 4;
    case WeaponClass::kHeavyMlrs:
    case WeaponClass::kTacticalMissile:
      return 5;
  }
  return 1;
}

}  // namespace

int Severity(const Incident& incident, const Assessment& assessment) {
  if (!assessment.violation()) return 0;
  int s =
      incident.kind == ObservationKind::kMissileStrike ? 5 : BaseSeverity(incident.weapon_class);
  if (incident.count >= 10) ++s;
  if (!assessment.at.disengagement_area.empty() || !assessment.at.protected_site.empty()) ++s;
  return std::min(s, 5);
}

}  // namespace guarantor

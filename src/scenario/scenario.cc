#include "scenario/scenario.h"

#include <algorithm>

namespace guarantor {

bool Party::HasRole(PartyRole r) const {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

const Party* Scenario::FindParty(std::string_view party_id) const {
  for (const Party& p : parties) {
    if (p.id == party_id) return &p;
  }
  return nullptr;
}

std::string_view ToString(PlaceScope s) {
  switch (s) {
    case PlaceScope::kAnywhere:
      return "anywhere";
    case PlaceScope::kSecurityZone:
      return "security_zone";
    case PlaceScope::kDisengagementArea:
      return "disengagement_area";
    case PlaceScope::kProtectedSite:
      return "protected_site";
    case PlaceScope::kWithdrawalZone:
      return "withdrawal_zone";
  }
  return "anywhere";
}

}  // namespace guarantor

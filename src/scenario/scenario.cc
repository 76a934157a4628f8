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

const Region* Scenario::FindRegion(std::string_view region_id) const {
  for (const Region& r : regions) {
    if (r.id == region_id) return &r;
  }
  return nullptr;
}

std::string_view ToString(SupportKind k) {
  switch (k) {
    case SupportKind::kFinancing:
      return "financing";
    case SupportKind::kEquipment:
      return "equipment";
    case SupportKind::kTraining:
      return "training";
  }
  return "financing";
}

std::string_view ToString(PledgeStatus s) {
  switch (s) {
    case PledgeStatus::kPledged:
      return "pledged";
    case PledgeStatus::kAllocated:
      return "allocated";
    case PledgeStatus::kDelivered:
      return "delivered";
  }
  return "pledged";
}

std::string_view ToString(ApprovalStatus s) {
  switch (s) {
    case ApprovalStatus::kNotRequired:
      return "not_required";
    case ApprovalStatus::kPending:
      return "pending";
    case ApprovalStatus::kApproved:
      return "approved";
    case ApprovalStatus::kRejected:
      return "rejected";
  }
  return "not_required";
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

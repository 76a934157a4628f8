#include "monitor/assessment.h"
#include "base/rounding.h"

#include <algorithm>
#include <cstdio>

namespace guarantor {
namespace {

bool InScope(PlaceScope scope, const Location& loc) {
  switch (scope) {
    case PlaceScope::kAnywhere:
      return true;
    case PlaceScope::kSecurityZone:
      return loc.in_security_zone;
    case PlaceScope::kDisengagementArea:
      return !loc.disengagement_area.empty();
    case PlaceScope::kProtectedSite:
      return !loc.protected_site.empty();
    case PlaceScope::kWithdrawalZone:
      return !loc.inside_withdrawal_of.empty();
  }
  return false;
}

std::string Km(Distance d) { return FormatFixed(d.km(), 3) + " km"; }

std::string ScopeReason(PlaceScope scope, const Location& loc, const char* which) {
  switch (scope) {
    case PlaceScope::kAnywhere:
      return "prohibited everywhere";
    case PlaceScope::kSecurityZone:
      return std::string(which) + " in the security zone, " + Km(loc.distance_to_line) +
             " from the line";
    case PlaceScope::kDisengagementArea:
      return std::string(which) + " inside disengagement area " + loc.disengagement_area;
    case PlaceScope::kProtectedSite:
      return std::string(which) + " " + Km(loc.protected_site_distance) + " from protected site " +
             loc.protected_site;
    case PlaceScope::kWithdrawalZone:
      return std::string(which) + " within the weapons withdrawal zone, " +
             Km(loc.distance_to_line) + " from the line";
  }
  return "";
}

bool IsFire(ObservationKind k) {
  switch (k) {
    case ObservationKind::kSmallArmsFire:
    case ObservationKind::kMortarFire:
    case ObservationKind::kArtilleryFire:
    case ObservationKind::kRocketFire:
    case ObservationKind::kMissileStrike:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string Assessment::Reason(const RuleBreach& breach) const {
  const Location& where = breach.at_origin && origin ? *origin : at;
  if (breach.withdrawal) {
    return std::string(ToString(breach.weapon_class)) + " at " + Km(where.distance_to_line) +
           " from the line, inside its withdrawal distance of " + Km(breach.withdrawal_distance);
  }
  return std::string(ToString(kind)) + " " +
         ScopeReason(breach.scope, where, breach.at_origin ? "fired from" : "observed");
}

Assessment Assessor::Assess(const Observation& obs) const {
  Assessment a;
  a.kind = obs.kind;
  a.at = map_.Locate(obs.position.position, precision_);
  if (obs.origin) a.origin = map_.Locate(obs.origin->position, precision_);
  a.before_effective = obs.time < agreement_.effective;
  if (a.before_effective) return a;

  for (const Prohibition& p : agreement_.prohibitions) {
    if (std::find(p.kinds.begin(), p.kinds.end(), obs.kind) == p.kinds.end()) continue;
    // At the observed position first, else at the point of origin.
    const bool observed = InScope(p.where, a.at);
    if (!observed && !(a.origin && InScope(p.where, *a.origin))) continue;
    RuleBreach breach;
    breach.rule = p.id;
    breach.at_origin = !observed;
    breach.scope = p.where;
    a.breaches.push_back(std::move(breach));
  }

  // Where the weapon itself stood, if the report tells.
  const Location* weapon_at = nullptr;
  if (obs.kind == ObservationKind::kWeaponSighting) {
    weapon_at = &a.at;
  } else if (IsFire(obs.kind) && a.origin) {
    weapon_at = &*a.origin;
  }
  if (weapon_at != nullptr) {
    for (const WithdrawalRule& w : agreement_.withdrawal) {
      if (w.weapon_class != obs.weapon_class) continue;
      if (weapon_at->distance_to_line < w.MinDistanceFromLine()) {
        RuleBreach breach;
        breach.rule = "withdrawal:" + std::string(ToString(w.weapon_class));
        breach.withdrawal = true;
        breach.at_origin = weapon_at != &a.at;
        breach.weapon_class = w.weapon_class;
        breach.withdrawal_distance = w.MinDistanceFromLine();
        a.breaches.push_back(std::move(breach));
      }
    }
  }
  return a;
}

}  // namespace guarantor

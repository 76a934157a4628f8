// Scenario: an immutable, validated description of one security-guarantee system: its parties,
// the ceasefire agreement with its geography and rules, and the force and guarantee data.
//
// Everything a particular agreement decides (zones, distances, prohibited activity, commitments)
// lives here as data; no rule of an agreement is hard-coded elsewhere. Built only by
// LoadScenario() (scenario_loader.h), which reports every validation error in one pass.
//
// Thread safety: immutable after loading; safe to share across threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/capability.h"
#include "model/classification.h"
#include "model/geometry.h"
#include "model/lat_lng.h"
#include "model/taxonomy.h"
#include "model/timestamp.h"

namespace guarantor {

struct Party {
  std::string id;  // short, stable: "UA", "RU", "FR"
  std::string name;
  PartyKind kind = PartyKind::kState;
  std::vector<PartyRole> roles;
  bool illustrative = false;  // participation not confirmed by public reporting
  std::string note;

  bool HasRole(PartyRole r) const;
};

// Territory held by one monitored party when the agreement takes effect.
struct ControlArea {
  std::string party;
  MultiPolygon area;
};

// Heavy weapons of a class must stay outside a zone of `zone_width` centred on the line of
// contact, that is at least zone_width / 2 from the line on either side (Minsk II: "a security
// zone at least 50 km wide" for artillery of 100 mm and above).
struct WithdrawalRule {
  WeaponClass weapon_class = WeaponClass::kUnknown;
  Distance zone_width;
  Distance MinDistanceFromLine() const { return Distance::Meters(zone_width.meters() / 2); }
};

// An area from which all forces and weapons are withdrawn.
struct DisengagementArea {
  std::string id;
  std::string name;
  MultiPolygon area;
};

// A named sector of the theatre (a region, an oblast, a sector of a joint commission), by which
// reports count what they count. Sectors judge nothing: no rule refers to them.
struct AgreementSector {
  std::string id;
  std::string name;
  MultiPolygon area;
};

// A site that must not be targeted, with a protective radius around it.
struct ProtectedSite {
  std::string id;
  std::string name;
  LatLng position;
  Distance radius;
};

// Where a prohibition applies. Persisted: do not renumber.
enum class PlaceScope {
  kAnywhere = 0,           // everywhere once the agreement is in effect
  kSecurityZone = 1,       // within the security zone on either side of the line
  kDisengagementArea = 2,  // inside any disengagement area
  kProtectedSite = 3,      // within the radius of any protected site
  kWithdrawalZone = 4,     // within the widest withdrawal distance of the line, either side
};

std::string_view ToString(PlaceScope s);

// Activity of the listed kinds is a violation where the scope applies.
struct Prohibition {
  std::string id;
  std::string description;
  std::vector<ObservationKind> kinds;
  PlaceScope where = PlaceScope::kAnywhere;
};

struct Agreement {
  std::string id;
  std::string name;
  Timestamp effective;  // its UTC offset is the agreement's local time for daily counts
  std::vector<Polyline> line_of_contact;  // one or more parts
  std::vector<ControlArea> control_areas;
  Distance security_zone_each_side;
  std::vector<WithdrawalRule> withdrawal;
  std::vector<DisengagementArea> disengagement_areas;
  std::vector<AgreementSector> sectors;  // in the file's order; may overlap
  std::vector<ProtectedSite> protected_sites;
  std::vector<Prohibition> prohibitions;
};

// Force generation (docs/force.md). Regions are where requirements are to be met: places in
// Ukraine (with their distance from the line of contact), neighbouring territory, or sea areas.
enum class RegionKind { kUkraine = 0, kNeighbouring = 1, kMaritime = 2 };

struct Region {
  std::string id;
  std::string name;
  RegionKind kind = RegionKind::kUkraine;
  Distance distance_from_line;  // the region's nearest approach to the line of contact
};

enum class PledgeStatus { kPledged = 0, kAllocated = 1, kDelivered = 2 };
enum class ApprovalStatus { kNotRequired = 0, kPending = 1, kApproved = 2, kRejected = 3 };

std::string_view ToString(PledgeStatus s);
std::string_view ToString(ApprovalStatus s);

// The conditions a delegation attaches to a contribution.
struct Caveats {
  std::vector<std::string> regions;  // allowed region ids; empty: any region
  Distance min_distance_from_line;   // 0: no minimum
  bool neighbouring_territory_only = false;
  bool requires_us_backstop = false;
  ApprovalStatus parliamentary_approval = ApprovalStatus::kNotRequired;
};

struct Contribution {
  std::string id;
  std::string party;
  Capability capability = Capability::kLandBrigade;
  double quantity = 0;
  int readiness_days = 0;   // days from D to deploy
  int duration_months = 0;  // 0: open-ended
  Caveats caveats;
  PledgeStatus status = PledgeStatus::kPledged;
  Classification classification = Classification::kCoalition;
};

// Where a record was read, for diagnostics found after loading.
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Requirement {
  std::string id;
  SourcePosition where;
  Capability capability = Capability::kLandBrigade;
  double quantity = 0;
  std::string region;     // a Region id
  int needed_by_day = 0;  // D + N
  int priority = 1;       // 1 (highest) to 5
};

// Planning assumptions that what-if analysis varies.
struct PlanningAssumptions {
  bool us_backstop = true;  // the United States provides the backstop some pledges require
};

// When a trigger fires (docs/guarantees.md). Persisted: do not renumber.
enum class TriggerKind {
  kNone = 0,                 // described only: never fires by itself
  kArmedAttack = 1,          // enough severe verified violations by a party, close in time
  kProtectedSiteStrike = 2,  // a verified violation within a protected site's radius
  kTalksRefused = 3,         // a party refuses talks, or has not started them by a deadline
  kAtTime = 4,               // a date (a review, the end of a period)
  kGroundIncursion = 5,      // a party's ground forces verified beyond the line, deep enough
  kRemedyIgnored = 6,        // a remedy the Special Commission decided, still awaited past its day
};

// What restoring the ceasefire requires once a trigger fires: `quantity` of `capability` within
// `within_hours`; the activation plan sets its obligations against it.
struct RestorationNeed {
  Capability capability = Capability::kLandBrigade;
  double quantity = 0;
  int within_hours = 72;
};

struct Trigger {
  std::string id;
  std::string description;
  TriggerKind kind = TriggerKind::kNone;
  std::string party;        // the party whose conduct fires it (attack, strike, talks)
  int min_violations = 1;   // armed_attack: verified violations attributed to `party`...
  int min_severity = 1;     // ...each at least this severe...
  int within_hours = 24;    // ...within this many hours...
  double min_front_km = 0;  // ...at least this far apart along the front
  std::string site;         // protected_site_strike: a site id, or empty for any
  Timestamp at;             // talks_refused: the deadline; at_time: the time
  double min_depth_km = 0;  // ground_incursion: how far beyond the line, at least
  int grace_hours = 0;      // remedy_ignored: how long after the remedy's day it may still come
  std::vector<RestorationNeed> restoration;
};

struct Commitment {
  std::string id;
  std::string party;
  std::string trigger;  // a Trigger id
  std::string response;
  std::optional<Capability> capability;  // what it provides, when it is a capability
  double quantity = 0;                   // of `capability`
  int deadline_hours = 72;               // after the trigger fires
  bool legally_binding = false;
  Classification classification = Classification::kCoalition;
};

// A fact of diplomacy that triggers can depend on (docs/guarantees.md).
struct DiplomaticEvent {
  Timestamp time;
  std::string party;
  std::string kind;  // "talks_started" or "talks_refused"
  std::string note;
};

// A party's negotiating constraint on the force, checked against the force plan
// (docs/guarantees.md). Persisted: do not renumber.
enum class ConstraintKind {
  kNone = 0,                 // stated only
  kMaxForeignTroops = 1,     // `value`: troops of contributing states on Ukrainian territory
  kMinDistanceFromLine = 2,  // `value` km: no foreign forces closer to the line
  kExcludedNations = 3,      // `nations` may not contribute forces
  kRequiresUsBackstop = 4,   // the plan must rest on a US backstop
};

struct PositionConstraint {
  std::string id;
  std::string party;
  std::string description;
  ConstraintKind kind = ConstraintKind::kNone;
  double value = 0;
  std::vector<std::string> nations;
};

// Long-term support to the Armed Forces of Ukraine: one donor's package for one year, in
// millions of euros, in the Kiel tracker's terms (pledged, allocated, delivered).
enum class SupportKind { kFinancing = 0, kEquipment = 1, kTraining = 2 };

struct SupportPackage {
  std::string id;
  std::string donor;
  int year = 0;
  SupportKind kind = SupportKind::kFinancing;
  double pledged = 0;
  double allocated = 0;
  double delivered = 0;
};

std::string_view ToString(SupportKind k);

// How the monitoring mission turns reports into verified, attributed incidents and cases.
// Every field has a default; see docs/scenario-format.md, section "monitoring".
struct MonitoringRules {
  double gate_sigmas = 3.0;         // fusion gate, in combined standard deviations
  int64_t lateness_seconds = 3600;  // how late a report may arrive and still join
  int min_independent_sources = 2;  // to verify an incident
  std::vector<SourceType> single_source_types = {SourceType::kUav, SourceType::kCamera};
  double single_source_min_confidence = 0.9;
  double attribution_min_confidence = 0.7;  // to name a responsible party
  int case_min_severity = 3;                // a verified violation this severe opens a case
};

struct Scenario {
  std::string id;
  std::string name;
  std::string description;
  std::vector<Party> parties;
  Agreement agreement;
  std::vector<Region> regions;
  PlanningAssumptions planning;
  std::vector<Contribution> contributions;
  std::vector<Requirement> requirements;
  std::vector<Trigger> triggers;
  std::vector<Commitment> commitments;
  std::vector<DiplomaticEvent> diplomatic_events;
  std::vector<PositionConstraint> positions;
  std::vector<SupportPackage> support;
  MonitoringRules monitoring;

  // nullptr when no party has this id.
  const Party* FindParty(std::string_view id) const;
  // nullptr when no region has this id.
  const Region* FindRegion(std::string_view id) const;
};

}  // namespace guarantor

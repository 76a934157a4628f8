// AgreementMap: the geography of an agreement, indexed: for any point, its geodesic distance to
// the line of contact, whose control area holds it, and which zones, disengagement areas and
// protected sites it lies in.
//
//   Result<AgreementMap> map = AgreementMap::Build(scenario.agreement);
//   Location where = map->Locate(LatLng{47.6, 35.4});
//   where.distance_to_line.km(); where.control_party; where.zone;
//
// Thread safety: immutable after Build(); Locate() is safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <absl/container/inlined_vector.h>

#include "base/status.h"
#include "geo/indexed_area.h"
#include "geo/line_of_contact.h"
#include "scenario/scenario.h"

namespace guarantor {

struct Location {
  Distance distance_to_line;
  int line_part = 0;  // which part of a multi-part line is nearest
  // The party whose control area holds the point; empty when none does. When the point lies on
  // the boundary of several control areas, the first in scenario order and on_boundary = true.
  std::string control_party;
  bool on_boundary = false;
  bool in_security_zone = false;
  // Weapon classes whose withdrawal zone holds the point (distance < zone width / 2).
  // Held inline: a Locate allocates nothing for it (there are 12 classes).
  absl::InlinedVector<WeaponClass, 12> inside_withdrawal_of;
  std::string disengagement_area;  // id, or empty
  std::string protected_site;      // id of the nearest site whose radius holds the point, or empty
  Distance protected_site_distance;
  // The innermost zone, for reports: "disengagement:<id>", "protected_site:<id>",
  // "security_zone", "withdrawal_zone", or "outside_zones".
  std::string zone;
};

class AgreementMap {
 public:
  // InvalidArgument if the line or an area cannot be indexed (the loader validates first).
  static Result<AgreementMap> Build(const Agreement& agreement);

  // With kExact, distances are exact geodesics (Karney). With kFast, the distance to the line
  // comes from the tangent-plane measure (within LineOfContact::FastToleranceMeters of exact),
  // except where it lies within that tolerance of a zone threshold, where the exact distance is
  // computed: zone decisions are the same in both modes.
  Location Locate(LatLng p, geo::LineOfContact::Precision precision =
                                geo::LineOfContact::Precision::kExact) const;
  const geo::LineOfContact& line() const { return line_; }

  // The index in agreement.sectors of the first sector, in scenario order, whose area holds `p`
  // (boundary included); nullopt when none does. Not part of Locate: only reports count by
  // sector.
  std::optional<size_t> SectorAt(LatLng p) const;

 private:
  struct Area {
    std::string id;
    geo::IndexedArea area;
  };
  AgreementMap(const Agreement& agreement, geo::LineOfContact line);

  const Agreement* agreement_;
  geo::LineOfContact line_;
  std::vector<Area> control_;
  std::vector<Area> disengagement_;
  std::vector<Area> sectors_;  // in the order of agreement_->sectors
  Distance widest_withdrawal_;
  std::vector<double> thresholds_m_;  // every distance from the line at which a zone changes
};

}  // namespace guarantor

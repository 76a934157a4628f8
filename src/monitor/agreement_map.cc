#include "monitor/agreement_map.h"

#include "geo/geodesy.h"

#include <algorithm>
#include <cmath>

namespace guarantor {

AgreementMap::AgreementMap(const Agreement& agreement, geo::LineOfContact line)
    : agreement_(&agreement), line_(std::move(line)) {}

Result<AgreementMap> AgreementMap::Build(const Agreement& agreement) {
  ASSIGN_OR_RETURN(geo::LineOfContact line, geo::LineOfContact::Build(agreement.line_of_contact));
  AgreementMap map(agreement, std::move(line));
  for (const ControlArea& ca : agreement.control_areas) {
    Result<geo::IndexedArea> area = geo::IndexedArea::Build(ca.area);
    if (!area.ok()) {
      return Status::InvalidArgument("control area of " + ca.party + ": " +
                                     area.status().message());
    }
    map.control_.push_back({ca.party, std::move(*area)});
  }
  auto index = [](std::string_view what, const std::string& id, const MultiPolygon& polygons,
                  std::vector<Area>* out) -> Status {
    Result<geo::IndexedArea> area = geo::IndexedArea::Build(polygons);
    if (!area.ok()) {
      return Status::InvalidArgument(std::string(what) + " " + id + ": " + area.status().message());
    }
    out->push_back({id, std::move(*area)});
    return Status::Ok();
  };
  for (const DisengagementArea& da : agreement.disengagement_areas) {
    RETURN_IF_ERROR(index("disengagement area", da.id, da.area, &map.disengagement_));
  }
  for (const AgreementSector& sector : agreement.sectors) {
    RETURN_IF_ERROR(index("sector", sector.id, sector.area, &map.sectors_));
  }
  map.thresholds_m_.push_back(agreement.security_zone_each_side.meters());
  for (const WithdrawalRule& w : agreement.withdrawal) {
    map.widest_withdrawal_ = std::max(map.widest_withdrawal_, w.MinDistanceFromLine());
    map.thresholds_m_.push_back(w.MinDistanceFromLine().meters());
  }
  return map;
}

Location AgreementMap::Locate(LatLng p, geo::LineOfContact::Precision precision) const {
  Location loc;
  geo::LineOfContact::Nearest nearest = line_.FindNearest(p, precision);
  if (precision == geo::LineOfContact::Precision::kFast) {
    const double d = nearest.distance.meters();
    const double tolerance = geo::LineOfContact::FastToleranceMeters(d);
    for (double t : thresholds_m_) {
      if (std::abs(d - t) <= tolerance) {
        nearest = line_.FindNearest(p, geo::LineOfContact::Precision::kExact);
        break;
      }
    }
  }
  loc.distance_to_line = nearest.distance;
  loc.line_part = nearest.part;
  for (const Area& a : control_) {
    if (!a.area.Contains(p)) continue;
    if (loc.control_party.empty()) {
      loc.control_party = a.id;
    } else {
      loc.on_boundary = true;
    }
  }
  loc.in_security_zone = loc.distance_to_line <= agreement_->security_zone_each_side;
  for (const WithdrawalRule& w : agreement_->withdrawal) {
    if (loc.distance_to_line < w.MinDistanceFromLine()) {
      loc.inside_withdrawal_of.push_back(w.weapon_class);
    }
  }
  for (const Area& a : disengagement_) {
    if (a.area.Contains(p)) {
      loc.disengagement_area = a.id;
      break;
    }
  }
  for (const ProtectedSite& site : agreement_->protected_sites) {
    // Sites clearly out of reach need no geodesic. A degree of latitude is at least 110.5 km; a
    // degree of longitude at least 111.3 km x cos(latitude) along the poleward of the two
    // parallels, less 2% for the geodesic's bowing towards the pole (under 0.01% at 1 degree).
    if (std::abs(p.lat_deg - site.position.lat_deg) * 110500.0 > site.radius.meters()) continue;
    const double dlon = std::abs(p.lon_deg - site.position.lon_deg);
    const double poleward = std::max(std::abs(p.lat_deg), std::abs(site.position.lat_deg));
    if (dlon < 10 &&
        dlon * 111319.0 * std::cos(poleward * M_PI / 180.0) * 0.98 > site.radius.meters()) {
      continue;
    }
    const Distance d = geo::GeodesicDistance(p, site.position);
    if (d <= site.radius && (loc.protected_site.empty() || d < loc.protected_site_distance)) {
      loc.protected_site = site.id;
      loc.protected_site_distance = d;
    }
  }
  if (!loc.disengagement_area.empty()) {
    loc.zone = "disengagement:" + loc.disengagement_area;
  } else if (!loc.protected_site.empty()) {
    loc.zone = "protected_site:" + loc.protected_site;
  } else if (loc.in_security_zone) {
    loc.zone = "security_zone";
  } else if (!loc.inside_withdrawal_of.empty()) {
    loc.zone = "withdrawal_zone";
  } else {
    loc.zone = "outside_zones";
  }
  return loc;
}

std::optional<size_t> AgreementMap::SectorAt(LatLng p) const {
  for (size_t i = 0; i < sectors_.size(); ++i) {
    if (sectors_[i].area.Contains(p)) return i;
  }
  return std::nullopt;
}

}  // namespace guarantor

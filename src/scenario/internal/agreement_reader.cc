#include "scenario/internal/agreement_reader.h"

#include <map>
#include <optional>
#include <string_view>

#include "scenario/internal/geojson.h"

namespace guarantor::scenario_internal {
namespace {

constexpr double kMaxDistanceKm = 1000;

std::optional<PlaceScope> ParsePlaceScope(std::string_view s) {
  for (PlaceScope p :
       {PlaceScope::kAnywhere, PlaceScope::kSecurityZone, PlaceScope::kDisengagementArea,
        PlaceScope::kProtectedSite, PlaceScope::kWithdrawalZone}) {
    if (ToString(p) == s) return p;
  }
  return std::nullopt;
}

// The optional GeoJSON file of named areas under `field`, each id used once in it. `Area` is
// {id, name, area}.
template <typename Area>
void ReadNamedAreas(ScenarioReading& reading, MapReader& r, const char* field,
                    std::string_view what, std::vector<Area>* out) {
  if (!r.Has(field)) {
    r.Get(field, Presence::kOptional);
    return;
  }
  auto file = reading.GeoJsonFile(r, field);
  if (!file) return;
  std::map<std::string, int> ids;
  for (auto& named : ReadGeoJsonNamedAreas(*file->first, file->second)) {
    if (auto [it, inserted] = ids.emplace(named.id, named.line); !inserted) {
      file->first->Error(named.line, named.column, named.path + ".properties.id",
                         "expected " + std::string(what) + " id not used before; found \"" +
                             named.id + "\", already used at line " + std::to_string(it->second));
      continue;
    }
    out->push_back({named.id, named.name, std::move(named.area)});
  }
}

void ReadWithdrawal(FileContext& c, const YAML::Node& n, const std::string& path, Agreement* a) {
  std::map<WeaponClass, int> seen;
  ForEach(c, n, path, [&](const YAML::Node& wn, const std::string& wp) {
    MapReader wr(c, wn, wp);
    if (!wr.valid()) return;
    auto wc = wr.Enum<WeaponClass>("weapon_class", Presence::kRequired, ParseWeaponClass,
                                   WeaponClassChoices());
    auto width = wr.Number("zone_width_km", Presence::kRequired, 0.001, kMaxDistanceKm);
    if (!wc || !width) return;
    const YAML::Node& wmap = wn;
    const YAML::Node where = wmap["weapon_class"];
    if (auto [it, inserted] = seen.emplace(*wc, where.Mark().line + 1); !inserted) {
      c.Error(where, wr.FieldPath("weapon_class"),
              "expected each weapon class once; found \"" + std::string(ToString(*wc)) +
                  "\" again (first at line " + std::to_string(it->second) + ")");
      return;
    }
    a->withdrawal.push_back({*wc, Distance::Kilometers(*width)});
  });
}

void ReadProhibition(ScenarioReading& reading, FileContext& c, const YAML::Node& n,
                     const std::string& path, Agreement* a) {
  MapReader r(c, n, path);
  if (!r.valid()) return;
  Prohibition p;
  p.id = reading.UniqueId(c, r, "prohibition");
  p.description = r.String("description", Presence::kRequired).value_or("");
  YAML::Node kinds = r.Get("kinds", Presence::kRequired);
  if (kinds.IsDefined()) {
    ForEach(c, kinds, r.FieldPath("kinds"), [&](const YAML::Node& kn, const std::string& kp) {
      if (auto k =
              AsEnum<ObservationKind>(c, kn, kp, ParseObservationKind, ObservationKindChoices())) {
        p.kinds.push_back(*k);
      }
    });
    if (kinds.IsSequence() && kinds.size() == 0) {
      c.Error(kinds, r.FieldPath("kinds"),
              "expected at least one activity kind; found an empty list");
    }
  }
  const std::string scopes =
      "one of: anywhere, security_zone, withdrawal_zone, disengagement_area, protected_site";
  p.where = r.Enum<PlaceScope>("where", Presence::kRequired, ParsePlaceScope, scopes)
                .value_or(PlaceScope::kAnywhere);
  a->prohibitions.push_back(std::move(p));
}

}  // namespace

void ReadAgreement(ScenarioReading& reading, FileContext& c, const YAML::Node& n,
                   const std::string& path, Agreement* a) {
  MapReader r(c, n, path);
  if (!r.valid()) return;
  a->id = r.String("id", Presence::kRequired).value_or("");
  a->name = r.String("name", Presence::kRequired).value_or("");
  a->effective = r.Time("effective", Presence::kRequired).value_or(Timestamp());
  if (auto file = reading.GeoJsonFile(r, "line_of_contact")) {
    const size_t errors_before = reading.error_count();
    a->line_of_contact = ReadGeoJsonLines(*file->first, file->second);
    if (a->line_of_contact.empty() && reading.error_count() == errors_before) {
      file->first->Error(file->second, "", "expected at least one LineString; found none");
    }
  }
  YAML::Node areas = r.Get("control_areas", Presence::kRequired);
  if (areas.IsDefined()) {
    ForEach(c, areas, r.FieldPath("control_areas"),
            [&](const YAML::Node& an, const std::string& ap) {
              MapReader ar(c, an, ap);
              if (!ar.valid()) return;
              ControlArea ca;
              ca.party = reading.PartyRef(c, ar, "party", PartyRole::kMonitoredParty);
              if (auto file = reading.GeoJsonFile(ar, "area")) {
                ca.area = ReadGeoJsonArea(*file->first, file->second);
              }
              a->control_areas.push_back(std::move(ca));
            });
  }
  YAML::Node zone = r.Get("security_zone", Presence::kRequired);
  if (zone.IsDefined()) {
    MapReader zr(c, zone, r.FieldPath("security_zone"));
    a->security_zone_each_side = Distance::Kilometers(
        zr.Number("width_each_side_km", Presence::kRequired, 0, kMaxDistanceKm).value_or(0));
  }
  YAML::Node withdrawal = r.Get("withdrawal", Presence::kOptional);
  if (withdrawal.IsDefined()) ReadWithdrawal(c, withdrawal, r.FieldPath("withdrawal"), a);
  ReadNamedAreas(reading, r, "disengagement_areas", "a disengagement area",
                 &a->disengagement_areas);
  ReadNamedAreas(reading, r, "sectors", "a sector", &a->sectors);
  YAML::Node sites = r.Get("protected_sites", Presence::kOptional);
  if (sites.IsDefined()) {
    ForEach(c, sites, r.FieldPath("protected_sites"),
            [&](const YAML::Node& sn, const std::string& sp) {
              MapReader sr(c, sn, sp);
              if (!sr.valid()) return;
              ProtectedSite site;
              site.id = reading.UniqueId(c, sr, "protected site");
              site.name = sr.String("name", Presence::kRequired).value_or("");
              site.position = sr.Point("position", Presence::kRequired).value_or(LatLng{});
              site.radius = Distance::Kilometers(
                  sr.Number("radius_km", Presence::kRequired, 0, kMaxDistanceKm).value_or(0));
              a->protected_sites.push_back(site);
            });
  }
  YAML::Node prohibitions = r.Get("prohibitions", Presence::kRequired);
  if (prohibitions.IsDefined()) {
    ForEach(c, prohibitions, r.FieldPath("prohibitions"),
            [&](const YAML::Node& pn, const std::string& pp) {
              ReadProhibition(reading, c, pn, pp, a);
            });
  }
}

void ReadMonitoring(FileContext& c, const YAML::Node& n, MonitoringRules* rules) {
  MapReader r(c, n, "monitoring");
  if (!r.valid()) return;
  rules->gate_sigmas =
      r.Number("gate_sigmas", Presence::kOptional, 0.5, 10).value_or(rules->gate_sigmas);
  rules->lateness_seconds =
      r.Integer("lateness_seconds", Presence::kOptional, 0, int64_t{7} * 86400)
          .value_or(rules->lateness_seconds);
  rules->min_independent_sources =
      static_cast<int>(r.Integer("min_independent_sources", Presence::kOptional, 1, 10)
                           .value_or(rules->min_independent_sources));
  if (r.Has("single_source_types")) {
    rules->single_source_types.clear();
    YAML::Node types = r.Get("single_source_types", Presence::kOptional);
    ForEach(c, types, r.FieldPath("single_source_types"),
            [&](const YAML::Node& tn, const std::string& tp) {
              if (auto t = AsEnum<SourceType>(c, tn, tp, ParseSourceType, SourceTypeChoices())) {
                rules->single_source_types.push_back(*t);
              }
            });
  } else {
    r.Get("single_source_types", Presence::kOptional);
  }
  rules->single_source_min_confidence =
      r.Number("single_source_min_confidence", Presence::kOptional, 0, 1)
          .value_or(rules->single_source_min_confidence);
  rules->attribution_min_confidence =
      r.Number("attribution_min_confidence", Presence::kOptional, 0.5, 1)
          .value_or(rules->attribution_min_confidence);
  rules->case_min_severity = static_cast<int>(
      r.Integer("case_min_severity", Presence::kOptional, 1, 5).value_or(rules->case_min_severity));
}

}  // namespace guarantor::scenario_internal

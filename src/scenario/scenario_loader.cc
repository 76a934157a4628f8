#include "scenario/scenario_loader.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "scenario/internal/geojson.h"
#include "scenario/internal/yaml_fields.h"

namespace guarantor {
namespace {

using scenario_internal::FileContext;
using scenario_internal::ForEach;
using scenario_internal::MapReader;
using scenario_internal::Presence;

constexpr std::string_view kFormat = "guarantor-scenario/1";
constexpr double kMaxDistanceKm = 1000;

std::optional<PlaceScope> ParsePlaceScope(std::string_view s) {
  for (PlaceScope p :
       {PlaceScope::kAnywhere, PlaceScope::kSecurityZone, PlaceScope::kDisengagementArea,
        PlaceScope::kProtectedSite, PlaceScope::kWithdrawalZone}) {
    if (ToString(p) == s) return p;
  }
  return std::nullopt;
}

std::optional<PledgeStatus> ParsePledgeStatus(std::string_view s) {
  if (s == "pledged") return PledgeStatus::kPledged;
  if (s == "allocated") return PledgeStatus::kAllocated;
  if (s == "delivered") return PledgeStatus::kDelivered;
  return std::nullopt;
}

std::optional<RegionKind> ParseRegionKind(std::string_view s) {
  if (s == "ukraine") return RegionKind::kUkraine;
  if (s == "neighbouring") return RegionKind::kNeighbouring;
  if (s == "maritime") return RegionKind::kMaritime;
  return std::nullopt;
}

std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view s) {
  if (s == "not_required") return ApprovalStatus::kNotRequired;
  if (s == "pending") return ApprovalStatus::kPending;
  if (s == "approved") return ApprovalStatus::kApproved;
  if (s == "rejected") return ApprovalStatus::kRejected;
  return std::nullopt;
}

std::optional<TriggerKind> ParseTriggerKind(std::string_view s) {
  if (s == "armed_attack") return TriggerKind::kArmedAttack;
  if (s == "protected_site_strike") return TriggerKind::kProtectedSiteStrike;
  if (s == "talks_refused") return TriggerKind::kTalksRefused;
  if (s == "at_time") return TriggerKind::kAtTime;
  if (s == "ground_incursion") return TriggerKind::kGroundIncursion;
  return std::nullopt;
}

std::optional<std::string> ParseDiplomaticKind(std::string_view s) {
  if (s == "talks_started" || s == "talks_refused") return std::string(s);
  return std::nullopt;
}

std::optional<ConstraintKind> ParseConstraintKind(std::string_view s) {
  if (s == "max_foreign_troops") return ConstraintKind::kMaxForeignTroops;
  if (s == "min_distance_from_line_km") return ConstraintKind::kMinDistanceFromLine;
  if (s == "excluded_nations") return ConstraintKind::kExcludedNations;
  if (s == "requires_us_backstop") return ConstraintKind::kRequiresUsBackstop;
  return std::nullopt;
}

std::optional<SupportKind> ParseSupportKind(std::string_view s) {
  if (s == "financing") return SupportKind::kFinancing;
  if (s == "equipment") return SupportKind::kEquipment;
  if (s == "training") return SupportKind::kTraining;
  return std::nullopt;
}

std::optional<bool> ParseNature(std::string_view s) {
  if (s == "legal") return true;
  if (s == "political") return false;
  return std::nullopt;
}

std::string JoinPath(const std::string& dir, const std::string& file) {
  if (dir.empty() || dir == ".") return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

// Reads one scenario; owns the per-file diagnostic contexts.
class ScenarioReader {
 public:
  ScenarioReader(std::string dir, std::vector<Diagnostic>* errors)
      : dir_(std::move(dir)), errors_(errors) {}

  void Read(FileContext& main, const YAML::Node& root, Scenario* s) {
    MapReader m(main, root, "");
    if (!m.valid()) return;
    if (std::optional<std::string> format = m.String("format", Presence::kRequired)) {
      if (*format != kFormat) {
        main.Error(m.Get("format", Presence::kOptional), "format",
                   "expected \"" + std::string(kFormat) + "\"; found \"" + *format + "\"");
      }
    }
    s->id = m.String("id", Presence::kRequired).value_or("");
    s->name = m.String("name", Presence::kRequired).value_or("");
    s->description = m.String("description", Presence::kOptional).value_or("");
    WithList(
        m, "parties", Presence::kRequired,
        [&](FileContext& c, const YAML::Node& n, const std::string& p) { ReadParty(c, n, p, s); });
    YAML::Node agreement = m.Get("agreement", Presence::kRequired);
    if (agreement.IsDefined()) ReadAgreement(main, agreement, "agreement", &s->agreement);
    WithList(
        m, "regions", Presence::kOptional,
        [&](FileContext& c, const YAML::Node& n, const std::string& p) { ReadRegion(c, n, p, s); });
    YAML::Node planning = m.Get("planning", Presence::kOptional);
    if (planning.IsDefined()) {
      MapReader pr(main, planning, "planning");
      s->planning.us_backstop = pr.Bool("us_backstop", Presence::kOptional).value_or(true);
    }
    WithList(m, "contributions", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadContribution(c, n, p, s);
             });
    WithList(m, "requirements", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadRequirement(c, n, p, s);
             });
    WithList(m, "triggers", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadTrigger(c, n, p, s);
             });
    WithList(m, "commitments", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadCommitment(c, n, p, s);
             });
    WithList(m, "positions", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadPosition(c, n, p, s);
             });
    WithList(m, "support", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadSupport(c, n, p, s);
             });
    WithList(m, "diplomatic_events", Presence::kOptional,
             [&](FileContext& c, const YAML::Node& n, const std::string& p) {
               ReadDiplomaticEvent(c, n, p, s);
             });
    YAML::Node monitoring = m.Get("monitoring", Presence::kOptional);
    if (monitoring.IsDefined()) ReadMonitoring(main, monitoring, &s->monitoring);
    m.Finish();
    ResolveReferences(s);
  }

  enum class Item { kContribution, kCommitment };

  // Reads one item on its own into `out`, its references resolved against `against`.
  void ReadItem(FileContext& c, const YAML::Node& n, Item item, const Scenario& against,
                Scenario* out) {
    for (const Trigger& t : against.triggers) trigger_ids_.emplace(t.id, "");
    if (item == Item::kContribution) {
      ReadContribution(c, n, "", out);
    } else {
      ReadCommitment(c, n, "", out);
    }
    ResolveReferences(&against);
  }

 private:
  struct PendingRef {
    FileContext* ctx;
    int line, column;
    std::string field, value;
    std::string kind;  // "party", "trigger" or "region"
    std::optional<PartyRole> role;
  };

  FileContext& NewContext(const std::string& file) { return contexts_.emplace_back(file, errors_); }

  // A list given inline, or as the name of a YAML file holding the list.
  template <typename Fn>
  void WithList(MapReader& m, const std::string& key, Presence presence, Fn each) {
    YAML::Node n = m.Get(key, presence);
    if (!n.IsDefined()) return;
    FileContext* ctx = &m.ctx();
    std::string path = m.FieldPath(key);
    if (n.IsScalar()) {
      const std::string file = JoinPath(dir_, n.Scalar());
      ctx = &NewContext(file);
      std::optional<YAML::Node> loaded = scenario_internal::LoadYamlFile(*ctx, file);
      if (!loaded) return;
      n = *loaded;
      path = key;
    }
    ForEach(*ctx, n, path,
            [&](const YAML::Node& item, const std::string& p) { each(*ctx, item, p); });
  }

  // Loads a GeoJSON file named by `key`; returns its root and context.
  std::optional<std::pair<FileContext*, YAML::Node>> GeoJsonFile(MapReader& m,
                                                                 const std::string& key) {
    std::optional<std::string> name = m.String(key, Presence::kRequired);
    if (!name) return std::nullopt;
    const std::string file = JoinPath(dir_, *name);
    FileContext& ctx = NewContext(file);
    std::optional<YAML::Node> root = scenario_internal::LoadYamlFile(ctx, file);
    if (!root) return std::nullopt;
    return std::make_pair(&ctx, *root);
  }

  std::string Unique(FileContext& c, MapReader& r, const std::string& what,
                     std::map<std::string, std::string>* seen) {
    YAML::Node n = r.Get("id", Presence::kRequired);
    if (!n.IsDefined()) return "";
    std::optional<std::string> id = scenario_internal::AsString(c, n, r.FieldPath("id"));
    if (!id) return "";
    std::string here = c.file() + ":" + std::to_string(n.Mark().line + 1);
    auto [it, inserted] = seen->emplace(*id, here);
    if (!inserted) {
      c.Error(n, r.FieldPath("id"),
              "expected a " + what + " id not used before; found \"" + *id +
                  "\", already defined at " + it->second);
    }
    return *id;
  }

  // Reads a party id now, checks that the party exists once all parties are read.
  std::string PartyRef(FileContext& c, MapReader& r, const std::string& key,
                       std::optional<PartyRole> role = std::nullopt) {
    YAML::Node n = r.Get(key, Presence::kRequired);
    if (!n.IsDefined()) return "";
    std::optional<std::string> v = scenario_internal::AsString(c, n, r.FieldPath(key));
    if (!v) return "";
    pending_.push_back(PendingRef{&c, n.Mark().line + 1, n.Mark().column + 1, r.FieldPath(key), *v,
                                  "party", role});
    return *v;
  }

  void ReadParty(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Party p;
    p.id = Unique(c, r, "party", &party_ids_);
    p.name = r.String("name", Presence::kRequired).value_or("");
    p.kind = r.Enum<PartyKind>("kind", Presence::kRequired, ParsePartyKind, PartyKindChoices())
                 .value_or(PartyKind::kState);
    YAML::Node roles = r.Get("roles", Presence::kRequired);
    if (roles.IsDefined()) {
      ForEach(c, roles, r.FieldPath("roles"), [&](const YAML::Node& rn, const std::string& rp) {
        if (auto role = scenario_internal::AsEnum<PartyRole>(c, rn, rp, ParsePartyRole,
                                                             PartyRoleChoices())) {
          p.roles.push_back(*role);
        }
      });
      if (roles.IsSequence() && roles.size() == 0) {
        c.Error(roles, r.FieldPath("roles"),
                "expected at least one role (" + PartyRoleChoices() + "); found an empty list");
      }
    }
    p.illustrative = r.Bool("illustrative", Presence::kOptional).value_or(false);
    p.note = r.String("note", Presence::kOptional).value_or("");
    s->parties.push_back(std::move(p));
  }

  void ReadAgreement(FileContext& c, const YAML::Node& n, const std::string& path, Agreement* a) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    a->id = r.String("id", Presence::kRequired).value_or("");
    a->name = r.String("name", Presence::kRequired).value_or("");
    a->effective = r.Time("effective", Presence::kRequired).value_or(Timestamp());
    if (auto file = GeoJsonFile(r, "line_of_contact")) {
      const size_t errors_before = errors_->size();
      a->line_of_contact = scenario_internal::ReadGeoJsonLines(*file->first, file->second);
      if (a->line_of_contact.empty() && errors_->size() == errors_before) {
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
                ca.party = PartyRef(c, ar, "party", PartyRole::kMonitoredParty);
                if (auto file = GeoJsonFile(ar, "area")) {
                  ca.area = scenario_internal::ReadGeoJsonArea(*file->first, file->second);
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
    if (r.Has("disengagement_areas")) {
      if (auto file = GeoJsonFile(r, "disengagement_areas")) {
        std::map<std::string, int> ids;
        for (auto& named : scenario_internal::ReadGeoJsonNamedAreas(*file->first, file->second)) {
          if (auto [it, inserted] = ids.emplace(named.id, named.line); !inserted) {
            file->first->Error(named.line, named.column, "properties.id",
                               "expected a disengagement area id not used before; found \"" +
                                   named.id + "\", already used at line " +
                                   std::to_string(it->second));
            continue;
          }
          a->disengagement_areas.push_back({named.id, named.name, std::move(named.area)});
        }
      }
    } else {
      r.Get("disengagement_areas", Presence::kOptional);
    }
    YAML::Node sites = r.Get("protected_sites", Presence::kOptional);
    if (sites.IsDefined()) {
      std::map<std::string, std::string> ids;
      ForEach(c, sites, r.FieldPath("protected_sites"),
              [&](const YAML::Node& sn, const std::string& sp) {
                MapReader sr(c, sn, sp);
                if (!sr.valid()) return;
                ProtectedSite site;
                site.id = Unique(c, sr, "protected site", &ids);
                site.name = sr.String("name", Presence::kRequired).value_or("");
                site.position = sr.Point("position", Presence::kRequired).value_or(LatLng{});
                site.radius = Distance::Kilometers(
                    sr.Number("radius_km", Presence::kRequired, 0, kMaxDistanceKm).value_or(0));
                a->protected_sites.push_back(site);
              });
    }
    YAML::Node prohibitions = r.Get("prohibitions", Presence::kRequired);
    if (prohibitions.IsDefined()) {
      std::map<std::string, std::string> ids;
      ForEach(c, prohibitions, r.FieldPath("prohibitions"),
              [&](const YAML::Node& pn, const std::string& pp) {
                ReadProhibition(c, pn, pp, &ids, a);
              });
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

  void ReadProhibition(FileContext& c, const YAML::Node& n, const std::string& path,
                       std::map<std::string, std::string>* ids, Agreement* a) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Prohibition p;
    p.id = Unique(c, r, "prohibition", ids);
    p.description = r.String("description", Presence::kRequired).value_or("");
    YAML::Node kinds = r.Get("kinds", Presence::kRequired);
    if (kinds.IsDefined()) {
      ForEach(c, kinds, r.FieldPath("kinds"), [&](const YAML::Node& kn, const std::string& kp) {
        if (auto k = scenario_internal::AsEnum<ObservationKind>(c, kn, kp, ParseObservationKind,
                                                                ObservationKindChoices())) {
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

  void ReadMonitoring(FileContext& c, const YAML::Node& n, MonitoringRules* rules) {
    MapReader r(c, n, "monitoring");
    if (!r.valid()) return;
    rules->gate_sigmas =
        r.Number("gate_sigmas", Presence::kOptional, 0.5, 10).value_or(rules->gate_sigmas);
    rules->lateness_seconds = r.Integer("lateness_seconds", Presence::kOptional, 0, 7 * 86400)
                                  .value_or(rules->lateness_seconds);
    rules->min_independent_sources =
        static_cast<int>(r.Integer("min_independent_sources", Presence::kOptional, 1, 10)
                             .value_or(rules->min_independent_sources));
    if (r.Has("single_source_types")) {
      rules->single_source_types.clear();
      YAML::Node types = r.Get("single_source_types", Presence::kOptional);
      ForEach(c, types, r.FieldPath("single_source_types"),
              [&](const YAML::Node& tn, const std::string& tp) {
                if (auto t = scenario_internal::AsEnum<SourceType>(c, tn, tp, ParseSourceType,
                                                                   SourceTypeChoices())) {
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
    rules->case_min_severity =
        static_cast<int>(r.Integer("case_min_severity", Presence::kOptional, 1, 5)
                             .value_or(rules->case_min_severity));
  }

  void ReadRegion(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Region region;
    region.id = Unique(c, r, "region", &region_ids_);
    region.name = r.String("name", Presence::kRequired).value_or("");
    region.kind = r.Enum<RegionKind>("kind", Presence::kRequired, ParseRegionKind,
                                     "one of: ukraine, neighbouring, maritime")
                      .value_or(RegionKind::kUkraine);
    region.distance_from_line = Distance::Kilometers(
        r.Number("distance_from_line_km", Presence::kRequired, 0, 5000).value_or(0));
    s->regions.push_back(std::move(region));
  }

  // Reads a region id now; checks that the region exists once all regions are read.
  std::string RegionRef(FileContext& c, const YAML::Node& n, const std::string& field) {
    std::optional<std::string> v = scenario_internal::AsString(c, n, field);
    if (!v) return "";
    pending_.push_back(
        PendingRef{&c, n.Mark().line + 1, n.Mark().column + 1, field, *v, "region", std::nullopt});
    return *v;
  }

  Caveats ReadCaveats(FileContext& c, const YAML::Node& n, const std::string& path) {
    Caveats k;
    MapReader r(c, n, path);
    if (!r.valid()) return k;
    YAML::Node regions = r.Get("regions", Presence::kOptional);
    if (regions.IsDefined()) {
      ForEach(c, regions, r.FieldPath("regions"), [&](const YAML::Node& rn, const std::string& rp) {
        k.regions.push_back(RegionRef(c, rn, rp));
      });
    }
    k.min_distance_from_line = Distance::Kilometers(
        r.Number("min_distance_from_line_km", Presence::kOptional, 0, 5000).value_or(0));
    k.neighbouring_territory_only =
        r.Bool("neighbouring_territory_only", Presence::kOptional).value_or(false);
    k.requires_us_backstop = r.Bool("requires_us_backstop", Presence::kOptional).value_or(false);
    k.parliamentary_approval =
        r.Enum<ApprovalStatus>("parliamentary_approval", Presence::kOptional, ParseApprovalStatus,
                               "one of: not_required, pending, approved, rejected")
            .value_or(ApprovalStatus::kNotRequired);
    return k;
  }

  void ReadContribution(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Contribution k;
    k.id = Unique(c, r, "contribution", &contribution_ids_);
    k.party = PartyRef(c, r, "party", PartyRole::kContributor);
    k.capability =
        r.Enum<Capability>("capability", Presence::kRequired, ParseCapability, CapabilityChoices())
            .value_or(Capability::kLandBrigade);
    k.quantity = r.Number("quantity", Presence::kRequired, 0.001, 1e9).value_or(0);
    k.readiness_days =
        static_cast<int>(r.Integer("readiness_days", Presence::kOptional, 0, 3650).value_or(0));
    k.duration_months =
        static_cast<int>(r.Integer("duration_months", Presence::kOptional, 0, 1200).value_or(0));
    YAML::Node caveats = r.Get("caveats", Presence::kOptional);
    if (caveats.IsDefined()) k.caveats = ReadCaveats(c, caveats, r.FieldPath("caveats"));
    k.status = r.Enum<PledgeStatus>("status", Presence::kOptional, ParsePledgeStatus,
                                    "one of: pledged, allocated, delivered")
                   .value_or(PledgeStatus::kPledged);
    k.classification =
        r.Enum<Classification>("classification", Presence::kOptional, ParseClassification,
                               "one of: public, coalition, restricted, national")
            .value_or(Classification::kCoalition);
    s->contributions.push_back(std::move(k));
  }

  void ReadRequirement(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Requirement q;
    q.where = SourcePosition{c.file(), n.Mark().line + 1, n.Mark().column + 1};
    q.id = Unique(c, r, "requirement", &requirement_ids_);
    q.capability =
        r.Enum<Capability>("capability", Presence::kRequired, ParseCapability, CapabilityChoices())
            .value_or(Capability::kLandBrigade);
    q.quantity = r.Number("quantity", Presence::kRequired, 0.001, 1e9).value_or(0);
    YAML::Node region = r.Get("region", Presence::kRequired);
    if (region.IsDefined()) q.region = RegionRef(c, region, r.FieldPath("region"));
    q.needed_by_day =
        static_cast<int>(r.Integer("needed_by_day", Presence::kRequired, 0, 3650).value_or(0));
    q.priority = static_cast<int>(r.Integer("priority", Presence::kOptional, 1, 5).value_or(1));
    s->requirements.push_back(std::move(q));
  }

  void ReadTrigger(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Trigger t;
    t.id = Unique(c, r, "trigger", &trigger_ids_);
    t.description = r.String("description", Presence::kRequired).value_or("");
    YAML::Node when = r.Get("when", Presence::kOptional);
    if (when.IsDefined()) {
      MapReader w(c, when, r.FieldPath("when"));
      if (w.valid()) {
        t.kind = w.Enum<TriggerKind>("kind", Presence::kRequired, ParseTriggerKind,
                                     "one of: armed_attack, protected_site_strike, "
                                     "talks_refused, at_time, ground_incursion")
                     .value_or(TriggerKind::kNone);
        const bool needs_party = t.kind == TriggerKind::kArmedAttack ||
                                 t.kind == TriggerKind::kTalksRefused ||
                                 t.kind == TriggerKind::kGroundIncursion;
        if (needs_party || w.Has("party")) {
          t.party = PartyRef(c, w, "party", PartyRole::kMonitoredParty);
        } else {
          w.Get("party", Presence::kOptional);
        }
        t.min_violations = static_cast<int>(
            w.Integer("min_violations", Presence::kOptional, 1, 100000).value_or(1));
        t.min_severity =
            static_cast<int>(w.Integer("min_severity", Presence::kOptional, 1, 5).value_or(1));
        t.within_hours = static_cast<int>(
            w.Integer("within_hours", Presence::kOptional, 1, 24 * 365).value_or(24));
        t.min_front_km = w.Number("min_front_km", Presence::kOptional, 0, 5000).value_or(0);
        t.site = w.String("site", Presence::kOptional).value_or("");
        const bool needs_time =
            t.kind == TriggerKind::kTalksRefused || t.kind == TriggerKind::kAtTime;
        t.at = w.Time("at", needs_time ? Presence::kRequired : Presence::kOptional)
                   .value_or(Timestamp());
        t.min_depth_km = w.Number("min_depth_km", Presence::kOptional, 0, 1000).value_or(0);
      }
    }
    YAML::Node restoration = r.Get("restoration", Presence::kOptional);
    if (restoration.IsDefined()) {
      ForEach(c, restoration, r.FieldPath("restoration"),
              [&](const YAML::Node& item, const std::string& item_path) {
                MapReader need(c, item, item_path);
                if (!need.valid()) return;
                RestorationNeed rn;
                rn.capability = need.Enum<Capability>("capability", Presence::kRequired,
                                                      ParseCapability, CapabilityChoices())
                                    .value_or(Capability::kLandBrigade);
                rn.quantity = need.Number("quantity", Presence::kRequired, 0.001, 1e9).value_or(0);
                rn.within_hours = static_cast<int>(
                    need.Integer("within_hours", Presence::kRequired, 1, 24 * 365).value_or(72));
                t.restoration.push_back(rn);
              });
    }
    s->triggers.push_back(t);
  }

  void ReadPosition(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    PositionConstraint pc;
    pc.id = Unique(c, r, "position", &position_ids_);
    pc.party = PartyRef(c, r, "party");
    pc.description = r.String("description", Presence::kRequired).value_or("");
    YAML::Node constraint = r.Get("constraint", Presence::kOptional);
    if (constraint.IsDefined()) {
      MapReader k(c, constraint, r.FieldPath("constraint"));
      if (k.valid()) {
        pc.kind = k.Enum<ConstraintKind>("kind", Presence::kRequired, ParseConstraintKind,
                                         "one of: max_foreign_troops, min_distance_from_line_km, "
                                         "excluded_nations, requires_us_backstop")
                      .value_or(ConstraintKind::kNone);
        const bool needs_value = pc.kind == ConstraintKind::kMaxForeignTroops ||
                                 pc.kind == ConstraintKind::kMinDistanceFromLine;
        pc.value =
            k.Number("value", needs_value ? Presence::kRequired : Presence::kOptional, 0, 1e7)
                .value_or(0);
        YAML::Node nations =
            k.Get("nations", pc.kind == ConstraintKind::kExcludedNations ? Presence::kRequired
                                                                         : Presence::kOptional);
        if (nations.IsDefined()) {
          ForEach(c, nations, k.FieldPath("nations"),
                  [&](const YAML::Node& nn, const std::string& np) {
                    if (auto v = scenario_internal::AsString(c, nn, np)) {
                      pc.nations.push_back(*v);
                      pending_.push_back(PendingRef{&c, nn.Mark().line + 1, nn.Mark().column + 1,
                                                    np, *v, "party", std::nullopt});
                    }
                  });
        }
      }
    }
    s->positions.push_back(std::move(pc));
  }

  void ReadSupport(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    SupportPackage p;
    p.id = Unique(c, r, "support package", &support_ids_);
    p.donor = PartyRef(c, r, "donor");
    p.year = static_cast<int>(r.Integer("year", Presence::kRequired, 2014, 2100).value_or(0));
    p.kind = r.Enum<SupportKind>("kind", Presence::kRequired, ParseSupportKind,
                                 "one of: financing, equipment, training")
                 .value_or(SupportKind::kFinancing);
    const YAML::Node& map = n;
    p.pledged = r.Number("pledged_eur_million", Presence::kRequired, 0, 1e7).value_or(0);
    p.allocated = r.Number("allocated_eur_million", Presence::kOptional, 0, 1e7).value_or(0);
    p.delivered = r.Number("delivered_eur_million", Presence::kOptional, 0, 1e7).value_or(0);
    if (p.allocated > p.pledged || p.delivered > p.allocated) {
      char found[128];
      std::snprintf(found, sizeof found, "delivered %g, allocated %g, pledged %g", p.delivered,
                    p.allocated, p.pledged);
      c.Error(map, path, "expected delivered <= allocated <= pledged; found " + std::string(found));
    }
    s->support.push_back(std::move(p));
  }

  void ReadDiplomaticEvent(FileContext& c, const YAML::Node& n, const std::string& path,
                           Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    DiplomaticEvent e;
    e.time = r.Time("time", Presence::kRequired).value_or(Timestamp());
    e.party = PartyRef(c, r, "party");
    e.kind = r.Enum<std::string>("kind", Presence::kRequired, ParseDiplomaticKind,
                                 "one of: talks_started, talks_refused")
                 .value_or("");
    e.note = r.String("note", Presence::kOptional).value_or("");
    s->diplomatic_events.push_back(std::move(e));
  }

  void ReadCommitment(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Commitment k;
    k.id = Unique(c, r, "commitment", &commitment_ids_);
    k.party = PartyRef(c, r, "party");
    YAML::Node t = r.Get("trigger", Presence::kRequired);
    if (t.IsDefined()) {
      if (auto v = scenario_internal::AsString(c, t, r.FieldPath("trigger"))) {
        k.trigger = *v;
        pending_.push_back(PendingRef{&c, t.Mark().line + 1, t.Mark().column + 1,
                                      r.FieldPath("trigger"), *v, "trigger", std::nullopt});
      }
    }
    k.response = r.String("response", Presence::kRequired).value_or("");
    k.capability =
        r.Enum<Capability>("capability", Presence::kOptional, ParseCapability, CapabilityChoices());
    k.quantity = r.Number("quantity", Presence::kOptional, 0, 1e9).value_or(0);
    k.deadline_hours = static_cast<int>(
        r.Integer("deadline_hours", Presence::kOptional, 0, 24 * 3650).value_or(72));
    k.legally_binding =
        r.Enum<bool>("nature", Presence::kRequired, ParseNature, "one of: legal, political")
            .value_or(false);
    k.classification =
        r.Enum<Classification>("classification", Presence::kOptional, ParseClassification,
                               "one of: public, coalition, restricted, national")
            .value_or(Classification::kCoalition);
    s->commitments.push_back(std::move(k));
  }

  void ResolveReferences(const Scenario* s) {
    for (const PendingRef& ref : pending_) {
      if (ref.kind == "region") {
        if (s->FindRegion(ref.value) == nullptr) {
          ref.ctx->Error(
              ref.line, ref.column, ref.field,
              "expected the id of a region defined under \"regions\"; found \"" + ref.value + "\"");
        }
        continue;
      }
      if (ref.kind == "trigger") {
        if (trigger_ids_.count(ref.value) == 0) {
          ref.ctx->Error(ref.line, ref.column, ref.field,
                         "expected the id of a trigger defined under \"triggers\"; found \"" +
                             ref.value + "\"");
        }
        continue;
      }
      const Party* p = s->FindParty(ref.value);
      if (p == nullptr) {
        ref.ctx->Error(
            ref.line, ref.column, ref.field,
            "expected the id of a party defined under \"parties\"; found \"" + ref.value + "\"");
      } else if (ref.role && !p->HasRole(*ref.role)) {
        ref.ctx->Error(ref.line, ref.column, ref.field,
                       "expected a party with role " + std::string(ToString(*ref.role)) +
                           "; found \"" + ref.value + "\", which does not have it");
      }
    }
  }

  std::string dir_;
  std::vector<Diagnostic>* errors_;
  std::deque<FileContext> contexts_;
  std::vector<PendingRef> pending_;
  std::map<std::string, std::string> party_ids_, region_ids_, contribution_ids_, requirement_ids_,
      trigger_ids_, commitment_ids_, position_ids_, support_ids_;
};

}  // namespace

ScenarioLoad LoadScenarioFromText(const std::string& text, const std::string& label,
                                  const std::string& dir) {
  ScenarioLoad load;
  FileContext main(label, &load.errors);
  std::optional<YAML::Node> root = scenario_internal::LoadYamlText(main, text);
  if (!root) return load;
  Scenario scenario;
  try {
    ScenarioReader reader(dir, &load.errors);
    reader.Read(main, *root, &scenario);
  } catch (const YAML::Exception& e) {
    main.Error(e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, "",
               "expected well-formed YAML; found: " + e.msg);
  }
  // Report file by file (in the order first met), then by position.
  std::map<std::string, size_t> file_rank;
  for (const Diagnostic& d : load.errors) file_rank.emplace(d.file, file_rank.size());
  std::stable_sort(load.errors.begin(), load.errors.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(file_rank[a.file], a.line, a.column) <
                            std::tuple(file_rank[b.file], b.line, b.column);
                   });
  if (load.errors.empty()) load.scenario = std::move(scenario);
  return load;
}

namespace {

// Reads one contribution or commitment into `out`; errors go to `errors`.
void LoadItem(const std::string& text, const std::string& label, const Scenario& scenario,
              ScenarioReader::Item item, Scenario* out, std::vector<Diagnostic>* errors) {
  FileContext ctx(label, errors);
  std::optional<YAML::Node> root = scenario_internal::LoadYamlText(ctx, text);
  if (!root) return;
  try {
    ScenarioReader reader("", errors);
    reader.ReadItem(ctx, *root, item, scenario, out);
  } catch (const YAML::Exception& e) {
    ctx.Error(e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, "",
              "expected well-formed YAML; found: " + e.msg);
  }
  std::stable_sort(errors->begin(), errors->end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(a.line, a.column) < std::tuple(b.line, b.column);
  });
}

}  // namespace

ItemLoad<Contribution> LoadContribution(const std::string& text, const std::string& label,
                                        const Scenario& scenario) {
  ItemLoad<Contribution> load;
  Scenario read;
  LoadItem(text, label, scenario, ScenarioReader::Item::kContribution, &read, &load.errors);
  if (load.errors.empty() && read.contributions.size() == 1) {
    load.item = std::move(read.contributions.front());
  }
  return load;
}

ItemLoad<Commitment> LoadCommitment(const std::string& text, const std::string& label,
                                    const Scenario& scenario) {
  ItemLoad<Commitment> load;
  Scenario read;
  LoadItem(text, label, scenario, ScenarioReader::Item::kCommitment, &read, &load.errors);
  if (load.errors.empty() && read.commitments.size() == 1) {
    load.item = std::move(read.commitments.front());
  }
  return load;
}

ScenarioLoad LoadScenario(const std::string& dir) {
  const std::string file = JoinPath(dir, "scenario.yaml");
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ScenarioLoad load;
    load.errors.push_back(
        Diagnostic{file, 0, 0, "", "expected a readable scenario file; found none"});
    return load;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return LoadScenarioFromText(buffer.str(), file, dir);
}

}  // namespace guarantor

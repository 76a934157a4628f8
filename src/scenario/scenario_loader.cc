#include "scenario/scenario_loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "scenario/internal/agreement_reader.h"
#include "scenario/internal/scenario_reading.h"
#include "scenario/internal/yaml_fields.h"

namespace guarantor {
namespace {

using scenario_internal::FileContext;
using scenario_internal::ForEach;
using scenario_internal::MapReader;
using scenario_internal::Presence;

constexpr std::string_view kFormat = "guarantor-scenario/1";

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
  if (s == "remedy_ignored") return TriggerKind::kRemedyIgnored;
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

// Reads one scenario: its parties, the agreement (scenario_internal::ReadAgreement), and the
// coalition's plan around it.
class ScenarioReader {
 public:
  ScenarioReader(std::string dir, std::vector<Diagnostic>* errors)
      : reading_(std::move(dir), errors) {}

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
    // Every item of the list under `key`, read into the scenario by `read`.
    auto list = [&](const std::string& key, Presence presence, ItemReader read) {
      reading_.WithList(m, key, presence,
                        [&](FileContext& c, const YAML::Node& n, const std::string& p) {
                          (this->*read)(c, n, p, s);
                        });
    };
    list("parties", Presence::kRequired, &ScenarioReader::ReadParty);
    YAML::Node agreement = m.Get("agreement", Presence::kRequired);
    if (agreement.IsDefined()) {
      scenario_internal::ReadAgreement(reading_, main, agreement, "agreement", &s->agreement);
    }
    list("regions", Presence::kOptional, &ScenarioReader::ReadRegion);
    YAML::Node planning = m.Get("planning", Presence::kOptional);
    if (planning.IsDefined()) {
      MapReader pr(main, planning, "planning");
      s->planning.us_backstop = pr.Bool("us_backstop", Presence::kOptional).value_or(true);
    }
    const std::pair<const char*, ItemReader> plan[] = {
        {"contributions", &ScenarioReader::ReadContribution},
        {"requirements", &ScenarioReader::ReadRequirement},
        {"triggers", &ScenarioReader::ReadTrigger},
        {"commitments", &ScenarioReader::ReadCommitment},
        {"positions", &ScenarioReader::ReadPosition},
        {"support", &ScenarioReader::ReadSupport},
        {"diplomatic_events", &ScenarioReader::ReadDiplomaticEvent}};
    for (const auto& [key, read] : plan) list(key, Presence::kOptional, read);
    YAML::Node monitoring = m.Get("monitoring", Presence::kOptional);
    if (monitoring.IsDefined()) {
      scenario_internal::ReadMonitoring(main, monitoring, &s->monitoring);
    }
    m.Finish();
    reading_.Resolve(*s);
  }

  enum class Item { kContribution, kCommitment };

  // Reads one item on its own into `out`, its references resolved against `against`.
  void ReadItem(FileContext& c, const YAML::Node& n, Item item, const Scenario& against,
                Scenario* out) {
    for (const Trigger& t : against.triggers) reading_.DeclareId("trigger", t.id);
    if (item == Item::kContribution) {
      ReadContribution(c, n, "", out);
    } else {
      ReadCommitment(c, n, "", out);
    }
    reading_.Resolve(against);
  }

 private:
  using ItemReader = void (ScenarioReader::*)(FileContext&, const YAML::Node&, const std::string&,
                                              Scenario*);

  void ReadParty(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Party p;
    p.id = reading_.UniqueId(c, r, "party");
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

  void ReadRegion(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Region region;
    region.id = reading_.UniqueId(c, r, "region");
    region.name = r.String("name", Presence::kRequired).value_or("");
    region.kind = r.Enum<RegionKind>("kind", Presence::kRequired, ParseRegionKind,
                                     "one of: ukraine, neighbouring, maritime")
                      .value_or(RegionKind::kUkraine);
    region.distance_from_line = Distance::Kilometers(
        r.Number("distance_from_line_km", Presence::kRequired, 0, 5000).value_or(0));
    s->regions.push_back(std::move(region));
  }

  Caveats ReadCaveats(FileContext& c, const YAML::Node& n, const std::string& path) {
    Caveats k;
    MapReader r(c, n, path);
    if (!r.valid()) return k;
    YAML::Node regions = r.Get("regions", Presence::kOptional);
    if (regions.IsDefined()) {
      ForEach(c, regions, r.FieldPath("regions"), [&](const YAML::Node& rn, const std::string& rp) {
        k.regions.push_back(reading_.Reference(c, rn, rp, "region").value_or(""));
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
    k.id = reading_.UniqueId(c, r, "contribution");
    k.party = reading_.PartyRef(c, r, "party", PartyRole::kContributor);
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
    q.id = reading_.UniqueId(c, r, "requirement");
    q.capability =
        r.Enum<Capability>("capability", Presence::kRequired, ParseCapability, CapabilityChoices())
            .value_or(Capability::kLandBrigade);
    q.quantity = r.Number("quantity", Presence::kRequired, 0.001, 1e9).value_or(0);
    YAML::Node region = r.Get("region", Presence::kRequired);
    if (region.IsDefined()) {
      q.region = reading_.Reference(c, region, r.FieldPath("region"), "region").value_or("");
    }
    q.needed_by_day =
        static_cast<int>(r.Integer("needed_by_day", Presence::kRequired, 0, 3650).value_or(0));
    q.priority = static_cast<int>(r.Integer("priority", Presence::kOptional, 1, 5).value_or(1));
    s->requirements.push_back(std::move(q));
  }

  void ReadTrigger(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    Trigger t;
    t.id = reading_.UniqueId(c, r, "trigger");
    t.description = r.String("description", Presence::kRequired).value_or("");
    YAML::Node when = r.Get("when", Presence::kOptional);
    if (when.IsDefined()) {
      MapReader w(c, when, r.FieldPath("when"));
      if (w.valid()) {
        t.kind = w.Enum<TriggerKind>("kind", Presence::kRequired, ParseTriggerKind,
                                     "one of: armed_attack, protected_site_strike, "
                                     "talks_refused, at_time, ground_incursion, "
                                     "remedy_ignored")
                     .value_or(TriggerKind::kNone);
        const bool needs_party =
            t.kind == TriggerKind::kArmedAttack || t.kind == TriggerKind::kTalksRefused ||
            t.kind == TriggerKind::kGroundIncursion || t.kind == TriggerKind::kRemedyIgnored;
        if (needs_party || w.Has("party")) {
          t.party = reading_.PartyRef(c, w, "party", PartyRole::kMonitoredParty);
        } else {
          w.Get("party", Presence::kOptional);
        }
        t.min_violations = static_cast<int>(
            w.Integer("min_violations", Presence::kOptional, 1, 100000).value_or(1));
        t.min_severity =
            static_cast<int>(w.Integer("min_severity", Presence::kOptional, 1, 5).value_or(1));
        t.within_hours = static_cast<int>(
            w.Integer("within_hours", Presence::kOptional, 1, int64_t{24} * 365).value_or(24));
        t.min_front_km = w.Number("min_front_km", Presence::kOptional, 0, 5000).value_or(0);
        t.site = w.String("site", Presence::kOptional).value_or("");
        const bool needs_time =
            t.kind == TriggerKind::kTalksRefused || t.kind == TriggerKind::kAtTime;
        t.at = w.Time("at", needs_time ? Presence::kRequired : Presence::kOptional)
                   .value_or(Timestamp());
        t.min_depth_km = w.Number("min_depth_km", Presence::kOptional, 0, 1000).value_or(0);
        t.grace_hours = static_cast<int>(
            w.Integer("grace_hours", Presence::kOptional, 0, int64_t{24} * 365).value_or(0));
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
                    need.Integer("within_hours", Presence::kRequired, 1, int64_t{24} * 365)
                        .value_or(72));
                t.restoration.push_back(rn);
              });
    }
    s->triggers.push_back(t);
  }

  void ReadPosition(FileContext& c, const YAML::Node& n, const std::string& path, Scenario* s) {
    MapReader r(c, n, path);
    if (!r.valid()) return;
    PositionConstraint pc;
    pc.id = reading_.UniqueId(c, r, "position");
    pc.party = reading_.PartyRef(c, r, "party");
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
                    if (auto v = reading_.Reference(c, nn, np, "party")) pc.nations.push_back(*v);
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
    p.id = reading_.UniqueId(c, r, "support package");
    p.donor = reading_.PartyRef(c, r, "donor");
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
    e.party = reading_.PartyRef(c, r, "party");
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
    k.id = reading_.UniqueId(c, r, "commitment");
    k.party = reading_.PartyRef(c, r, "party");
    YAML::Node t = r.Get("trigger", Presence::kRequired);
    if (t.IsDefined()) {
      if (auto v = reading_.Reference(c, t, r.FieldPath("trigger"), "trigger")) k.trigger = *v;
    }
    k.response = r.String("response", Presence::kRequired).value_or("");
    k.capability =
        r.Enum<Capability>("capability", Presence::kOptional, ParseCapability, CapabilityChoices());
    k.quantity = r.Number("quantity", Presence::kOptional, 0, 1e9).value_or(0);
    k.deadline_hours = static_cast<int>(
        r.Integer("deadline_hours", Presence::kOptional, 0, int64_t{24} * 3650).value_or(72));
    k.legally_binding =
        r.Enum<bool>("nature", Presence::kRequired, ParseNature, "one of: legal, political")
            .value_or(false);
    k.classification =
        r.Enum<Classification>("classification", Presence::kOptional, ParseClassification,
                               "one of: public, coalition, restricted, national")
            .value_or(Classification::kCoalition);
    s->commitments.push_back(std::move(k));
  }

  scenario_internal::ScenarioReading reading_;
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
  const std::string file = scenario_internal::JoinPath(dir, "scenario.yaml");
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

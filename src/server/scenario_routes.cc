// The scenario's geography, its triggers and the long-term support summary: read-only views of
// the scenario the dashboard draws (docs/service.md §3).
//
//   GET /v1/scenario/geometry  GeoJSON FeatureCollection, each feature with a `layer` property:
//                              line_of_contact, zone (the line with the zone's half width),
//                              control_area, disengagement_area, protected_site (a point with its
//                              radius); the agreement and the parties as foreign members
//   GET /v1/triggers           the triggers of the binding commitments
//   GET /v1/support            long-term support by donor, year and kind, and the force pledges the
//                              caller may read (the ledger's included) counted by party and status
//
// The agreement's geography is what every party signed and what the public daily report is drawn
// on: it is read as monitoring is. Support packages carry no classification of their own and are
// read as coalition records; pledges are filtered as /v1/pledges filters them, so an aggregate
// holds nothing the caller could not read item by item.
#include <map>

#include "force/support_summary.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

json Position(const LatLng& p) { return json::array({p.lon_deg, p.lat_deg}); }

json LineCoordinates(const std::vector<Polyline>& parts) {
  json lines = json::array();
  for (const Polyline& part : parts) {
    json line = json::array();
    for (const LatLng& p : part) line.push_back(Position(p));
    lines.push_back(std::move(line));
  }
  return lines;
}

// RFC 7946 rings repeat their first position at the end; ours do not (model/geometry.h).
json RingCoordinates(const Ring& ring) {
  json out = json::array();
  for (const LatLng& p : ring) out.push_back(Position(p));
  if (!ring.empty()) out.push_back(Position(ring.front()));
  return out;
}

json MultiPolygonGeometry(const MultiPolygon& area) {
  json polygons = json::array();
  for (const Polygon& polygon : area) {
    json rings = json::array({RingCoordinates(polygon.outer)});
    for (const Ring& hole : polygon.holes) rings.push_back(RingCoordinates(hole));
    polygons.push_back(std::move(rings));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

json Feature(json geometry, json properties) {
  return {{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", properties}};
}

std::string_view TriggerKindName(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kNone:
      return "none";
    case TriggerKind::kArmedAttack:
      return "armed_attack";
    case TriggerKind::kProtectedSiteStrike:
      return "protected_site_strike";
    case TriggerKind::kTalksRefused:
      return "talks_refused";
    case TriggerKind::kAtTime:
      return "at_time";
    case TriggerKind::kGroundIncursion:
      return "ground_incursion";
    case TriggerKind::kRemedyIgnored:
      return "remedy_ignored";
  }
  return "none";
}

json Totals(const SupportTotals& t) {
  return {{"pledged", t.pledged},
          {"allocated", t.allocated},
          {"delivered", t.delivered},
          {"shortfall", t.shortfall()},
          {"delivery_rate", t.delivery_rate()}};
}

}  // namespace

void HttpService::Impl::AddScenarioRoutes() {
  Route("GET", "/v1/scenario/geometry", Action::kReadMonitoring, [this](Call& c) {
    if (!c.req.params.empty()) {
      return ReplyError(c.res, 400,
                        "query parameter " + c.req.params.begin()->first +
                            ": not taken by this endpoint; expected none");
    }
    const Agreement& a = scenario.agreement;
    const json line = {{"type", "MultiLineString"},
                       {"coordinates", LineCoordinates(a.line_of_contact)}};
    json features = json::array();
    features.push_back(Feature(line, {{"layer", "line_of_contact"}}));
    features.push_back(Feature(line, {{"layer", "zone"},
                                      {"zone", "security_zone"},
                                      {"half_width_km", a.security_zone_each_side.km()}}));
    for (const WithdrawalRule& w : a.withdrawal) {
      features.push_back(Feature(line, {{"layer", "zone"},
                                        {"zone", "withdrawal_zone"},
                                        {"weapon_class", ToString(w.weapon_class)},
                                        {"half_width_km", w.MinDistanceFromLine().km()}}));
    }
    for (const ControlArea& area : a.control_areas) {
      features.push_back(Feature(MultiPolygonGeometry(area.area),
                                 {{"layer", "control_area"}, {"party", area.party}}));
    }
    for (const DisengagementArea& d : a.disengagement_areas) {
      features.push_back(
          Feature(MultiPolygonGeometry(d.area),
                  {{"layer", "disengagement_area"}, {"id", d.id}, {"name", d.name}}));
    }
    for (const AgreementSector& s : a.sectors) {  // in scenario order: the first holding a point
      features.push_back(Feature(MultiPolygonGeometry(s.area),
                                 {{"layer", "sector"}, {"id", s.id}, {"name", s.name}}));
    }
    for (const ProtectedSite& p : a.protected_sites) {
      features.push_back(Feature({{"type", "Point"}, {"coordinates", Position(p.position)}},
                                 {{"layer", "protected_site"},
                                  {"id", p.id},
                                  {"name", p.name},
                                  {"radius_km", p.radius.km()}}));
    }
    json parties = json::array();
    for (const Party& p : scenario.parties) parties.push_back({{"id", p.id}, {"name", p.name}});
    ReplyJson(c.res, {{"type", "FeatureCollection"},
                      {"agreement",
                       {{"id", a.id}, {"name", a.name}, {"effective", a.effective.ToRfc3339()}}},
                      {"parties", std::move(parties)},
                      {"features", std::move(features)}});
  });

  Route("GET", "/v1/triggers", Action::kReadPlans, [this](Call& c) {
    json items = json::array();
    for (const Trigger& t : scenario.triggers) {
      json j = {{"id", t.id}, {"description", t.description}, {"kind", TriggerKindName(t.kind)}};
      if (!t.party.empty()) j["party"] = t.party;
      if (!t.site.empty()) j["site"] = t.site;
      items.push_back(std::move(j));
    }
    ReplyJson(c.res, {{"items", items}, {"total", items.size()}});
  });

  Route("GET", "/v1/support", Action::kReadPlans, [this](Call& c) {
    Scenario readable;
    for (const SupportPackage& p : scenario.support) {
      if (store::CanRead(c.scope, Classification::kCoalition, p.donor)) {
        readable.support.push_back(p);
      }
    }
    const SupportSummary summary = SummariseSupport(readable);
    json by_donor = json::array(), by_year = json::array(), by_kind = json::array();
    for (const auto& [donor, t] : summary.by_donor) {
      json j = Totals(t);
      j["donor"] = donor;
      by_donor.push_back(std::move(j));
    }
    for (const auto& [year, t] : summary.by_year) {
      json j = Totals(t);
      j["year"] = year;
      by_year.push_back(std::move(j));
    }
    for (const auto& [kind, t] : summary.by_kind) {
      json j = Totals(t);
      j["kind"] = kind;
      by_kind.push_back(std::move(j));
    }
    // Units of capability pledged by each party, by how far each pledge has come: the plans as
    // /v1/pledges serves them (the ledger's entries folded in), withdrawn pledges left out.
    Result<std::shared_ptr<const PlanSnapshot>> now = CurrentPlan();
    if (!now.ok()) return ReplyStatus(c.res, now.status());
    std::map<std::string, std::map<std::string, double>> units;
    for (const PlannedContribution& pc : (*now)->contributions) {
      const Contribution& p = pc.contribution;
      if (pc.withdrawn_in || !store::CanRead(c.scope, p.classification, p.party)) continue;
      units[p.party][std::string(ToString(p.status))] += p.quantity;
    }
    json pledges = json::array();
    for (const auto& [party, by_status] : units) {
      json j = {{"party", party}};
      for (const char* status : {"pledged", "allocated", "delivered"}) {
        auto it = by_status.find(status);
        j[status] = it == by_status.end() ? 0.0 : it->second;
      }
      pledges.push_back(std::move(j));
    }
    ReplyJson(c.res, {{"unit", "EUR million"},
                      {"by_donor", by_donor},
                      {"by_year", by_year},
                      {"by_kind", by_kind},
                      {"total", Totals(summary.total)},
                      {"force_pledges_by_party", pledges}});
  });
}

}  // namespace guarantor::server

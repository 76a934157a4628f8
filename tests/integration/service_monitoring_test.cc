// Monitoring through the HTTP API: the engine's state rebuilt from the store, pagination and
// time windows, case triage and its decisions on the ledger, monitoring gaps, the live feed.
#include "service_test_fixture.h"

#include "base/rounding.h"
#include "engine/daily_report.h"
#include "engine/incident_output.h"
#include "engine/replay_engine.h"
#include "ledger/digest.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "monitor/observation_parser.h"

namespace guarantor::server::service_test {
namespace {

TEST_F(ServiceTest, RestartRebuildsTheSameIncidentsFromTheStore) {
  LoadNationalScenario();
  const std::string before = Get("fr", "/v1/incidents?limit=10000")->body;
  const std::string cases_before = Get("commission", "/v1/cases?limit=10000")->body;
  const std::string activations_before = Get("hq", "/v1/activations")->body;
  Restart();
  EXPECT_EQ(Get("fr", "/v1/incidents?limit=10000")->body, before);
  EXPECT_EQ(Get("commission", "/v1/cases?limit=10000")->body, cases_before);
  EXPECT_EQ(Get("hq", "/v1/activations")->body, activations_before);
  EXPECT_GT(json::parse(before)["total"].get<int>(), 100);
}

TEST_F(ServiceTest, PaginationVisitsEveryRowOnce) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  for (const std::string path : {"/v1/observations", "/v1/incidents"}) {
    std::set<std::string> seen;
    int64_t after = 0, total = -1;
    for (int page = 0; page < 1000; ++page) {
      const json j = GetJson("de", path + "?limit=37&after=" + std::to_string(after));
      if (page == 0) total = j["total"];
      for (const json& item : j["items"]) {
        const std::string id = item.contains("record") ? item["record"]["id"] : item["incident"];
        EXPECT_TRUE(seen.insert(id).second) << id;
      }
      if (!j.contains("next_after")) break;
      after = j["next_after"];
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), total) << path;
  }
}

// Time-window queries go through the incidents' time index: they must select exactly the
// incidents that overlap the window, as a filter over every incident does, in the same order.
TEST_F(ServiceTest, TimeWindowsSelectExactlyTheOverlappingIncidents) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const json all = GetJson("hq", "/v1/incidents?limit=10000")["items"];
  ASSERT_GT(all.size(), 20u);
  const auto micros = [](const json& t) {
    return Timestamp::Parse(t.get<std::string>())->utc_micros();
  };
  int64_t earliest = INT64_MAX, latest = INT64_MIN;
  for (const json& i : all) {
    earliest = std::min(earliest, micros(i["first_seen"]));
    latest = std::max(latest, micros(i["last_seen"]));
  }
  const int64_t span = latest - earliest;
  // The longest incident: a window opening in its middle must still find it.
  const json* longest = &all[0];
  for (const json& i : all) {
    if (micros(i["last_seen"]) - micros(i["first_seen"]) >
        micros((*longest)["last_seen"]) - micros((*longest)["first_seen"])) {
      longest = &i;
    }
  }
  const int64_t middle = (micros((*longest)["first_seen"]) + micros((*longest)["last_seen"])) / 2;
  ASSERT_GT(micros((*longest)["last_seen"]), micros((*longest)["first_seen"]) + 2);
  // Narrow windows (indexed), wide ones (scanned), and one before everything.
  const std::vector<std::pair<int64_t, int64_t>> windows = {
      {middle, middle + 1},
      {earliest + span / 3, earliest + span / 3 + 3'600'000'000},
      {earliest + span / 2, earliest + span / 2 + 600'000'000},
      {earliest, earliest + span / 50},
      {earliest + span / 10, latest},
      {earliest - 7'200'000'000, earliest - 3'600'000'000}};
  for (const auto& [from, to] : windows) {
    std::vector<std::string> expected;
    for (const json& i : all) {
      if (micros(i["last_seen"]) >= from && micros(i["first_seen"]) < to)
        expected.push_back(i["incident"]);
    }
    const std::string query = "/v1/incidents?limit=10000&from=" + Timestamp(from, 0).ToRfc3339() +
                              "&to=" + Timestamp(to, 0).ToRfc3339();
    const json got = GetJson("hq", query);
    std::vector<std::string> ids;
    for (const json& i : got["items"]) ids.push_back(i["incident"]);
    EXPECT_EQ(ids, expected) << query;
    EXPECT_EQ(got["total"], expected.size()) << query;
  }
}

TEST_F(ServiceTest, CaseTriageClaimsAndDecisions) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-1";
  EXPECT_EQ(
      Post("commission", c + "/decisions", R"({"decision":"attributed","rationale":"r"})")->status,
      409);  // claim it first
  EXPECT_EQ(Post("commission", c + "/claim", "")->status, 200);
  httplib::Result taken = Post("commission2", c + "/claim", "");
  EXPECT_EQ(taken->status, 409);
  EXPECT_THAT(taken->body, HasSubstr("claimed by commission"));
  EXPECT_EQ(Post("commission", c + "/decisions", R"({"decision":"attributed"})")->status, 400);
  EXPECT_EQ(
      Post("commission", c + "/decisions", R"({"decision":"closed","rationale":"x"})")->status,
      409);  // under_review -> closed is not a transition
  httplib::Result decided =
      Post("commission", c + "/decisions",
           R"({"decision":"attributed","rationale":"impact analysis and two UAV reports"})");
  ASSERT_EQ(decided->status, 200) << decided->body;
  // The decision is on the ledger, signed by the Commission, where every delegation reads it.
  const uint64_t entry = json::parse(decided->body)["ledger_sequence"].get<uint64_t>();
  const json on_ledger = GetJson("de", "/v1/ledger/entries/" + std::to_string(entry));
  EXPECT_EQ(on_ledger["kind"], "commission_decision");
  EXPECT_EQ(on_ledger["author"], "commission");
  const json payload = json::parse(on_ledger["payload"].get<std::string>());
  EXPECT_EQ(payload["case_id"], "case-inc-obs-1");
  EXPECT_EQ(payload["decision"], "attributed");
  EXPECT_EQ(payload["member"], "commission");
  EXPECT_EQ(payload["rationale"], "impact analysis and two UAV reports");
  const json got = GetJson("de", c);
  EXPECT_EQ(got["state"], "attributed");
  EXPECT_EQ(got["claimed_by"], "commission");
  EXPECT_EQ(got["decisions"][0]["rationale"], "impact analysis and two UAV reports");
  EXPECT_EQ(GetJson("de", "/v1/cases?state=attributed")["total"], 1);
  EXPECT_EQ(Post("commission", "/v1/cases/case-none/claim", "")->status, 404);
  // The daily report of the decision's day (the example's agreement keeps UTC+2) carries it, for
  // a reader cleared for cases; a monitor is told that it may not read them.
  const std::string at = json::parse(decided->body)["at"];
  const std::string day = Timestamp::Parse(at)->LocalDate(120);
  const json report = GetJson("de", "/v1/reports/daily?day=" + day + "&format=json");
  ASSERT_EQ(report["decisions"].size(), 1u) << report.dump();
  EXPECT_EQ(report["decisions"][0]["case"], "case-inc-obs-1");
  EXPECT_EQ(report["decisions"][0]["to"], "attributed");
  EXPECT_EQ(report["decisions"][0]["by"], "commission");
  EXPECT_EQ(report["cases_closed"], json::array());
  EXPECT_THAT(Get("de", "/v1/reports/daily?day=" + day)->body,
              HasSubstr("| case-inc-obs-1 | attributed | commission | impact analysis and two UAV "
                        "reports |"));
  const std::string monitors = Get("monitor", "/v1/reports/daily?day=" + day)->body;
  EXPECT_THAT(monitors, HasSubstr("may not read Special Commission cases"));
  EXPECT_EQ(monitors.find("case-inc-obs-1"), std::string::npos);
  EXPECT_FALSE(
      GetJson("monitor", "/v1/reports/daily?day=2026-02-01&format=json").contains("cases_opened"));
  // Deciding a remedy means stating it: refused without one (or with only blanks), and nothing is
  // recorded; with one, it is kept with the decision and on the ledger.
  for (const char* body :
       {R"({"decision":"remedy_decided","rationale":"repeated"})",
        R"({"decision":"remedy_decided","rationale":"repeated","remedy":" "})"}) {
    httplib::Result refused = Post("commission", c + "/decisions", body);
    EXPECT_EQ(refused->status, 400) << body;
    EXPECT_THAT(refused->body,
                HasSubstr("remedy: a remedy_decided decision must state the remedy"));
  }
  // A deadline is a day, no earlier than the decision's (today's, on the server's clock).
  const std::string remedy = R"({"decision":"remedy_decided","rationale":"repeated",)"
                             R"("remedy":"withdraw the battery","remedy_due":)";
  for (const auto& [due, expected] : std::vector<std::pair<std::string, std::string>>{
           {R"("2020-01-01")", "remedy_due: expected a day no earlier than the decision's"},
           {R"("in a week")", "remedy_due: expected a day YYYY-MM-DD"},
           {"7", "remedy_due: expected a string"}}) {
    httplib::Result refused = Post("commission", c + "/decisions", remedy + due + "}");
    EXPECT_EQ(refused->status, 400) << due;
    EXPECT_THAT(refused->body, HasSubstr(expected));
  }
  EXPECT_EQ(GetJson("de", c)["state"], "attributed");
  httplib::Result remedied = Post("commission", c + "/decisions", remedy + R"("2099-12-31"})");
  ASSERT_EQ(remedied->status, 200) << remedied->body;
  const json after = GetJson("de", c);
  EXPECT_EQ(after["state"], "remedy_decided");
  EXPECT_EQ(after["decisions"][1]["remedy"], "withdraw the battery");
  EXPECT_EQ(after["decisions"][1]["remedy_due"], "2099-12-31");
  EXPECT_FALSE(after["decisions"][0].contains("remedy_due"));  // set by none before
  const uint64_t remedy_entry = json::parse(remedied->body)["ledger_sequence"].get<uint64_t>();
  const json remedy_payload =
      json::parse(GetJson("de", "/v1/ledger/entries/" + std::to_string(remedy_entry))["payload"]
                      .get<std::string>());
  EXPECT_EQ(remedy_payload["remedy"], "withdraw the battery");
  EXPECT_EQ(remedy_payload["remedy_due"], "2099-12-31");
  // The Commission's queue of remedies due by a day: this one from its deadline on.
  const json due = GetJson("de", "/v1/cases?remedy_due_by=2099-12-31");
  ASSERT_EQ(due["items"].size(), 1u) << due;
  EXPECT_EQ(due["items"][0]["case"], "case-inc-obs-1");
  EXPECT_EQ(due["total"], 1);
  EXPECT_EQ(GetJson("de", "/v1/cases?remedy_due_by=2099-12-30")["total"], 0);
  httplib::Result bad_day = Get("de", "/v1/cases?remedy_due_by=2099-12-32");
  EXPECT_EQ(bad_day->status, 400);
  EXPECT_THAT(bad_day->body, HasSubstr("remedy_due_by: expected a day YYYY-MM-DD"));
  // Once a decision moves the case on, its remedy is no longer due.
  ASSERT_EQ(
      Post("commission", c + "/decisions", R"({"decision":"closed","rationale":"carried out"})")
          ->status,
      200);
  EXPECT_EQ(GetJson("de", "/v1/cases?remedy_due_by=2099-12-31")["total"], 0);
}

// The Commission attributes responsibility: an attributed decision may name the party it holds
// responsible, a monitored party, and must when the engine left the case undetermined; no other
// decision names one. The party is kept with the decision, on the ledger, in the dossier and in
// the day's report.
TEST_F(ServiceTest, TheCommissionNamesThePartyItHoldsResponsible) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-142";  // severity 5, left undetermined
  ASSERT_EQ(GetJson("hq", c)["attributed_party"], "undetermined");
  ASSERT_EQ(Post("commission", c + "/claim", "")->status, 200);
  const std::vector<std::pair<const char*, const char*>> bad = {
      {R"({"decision":"attributed","rationale":"r"})",
       "party: the engine left this case undetermined: an attributed decision must name"},
      {R"({"decision":"attributed","rationale":"r","party":"FR"})", "party: expected one of: "},
      {R"({"decision":"unverifiable","rationale":"r","party":"RU"})",
       "party: only an attributed decision names the party responsible"},
      {R"({"decision":"attributed","rationale":"r","party":7})", "party: expected a string"}};
  for (const auto& [body, message] : bad) {
    httplib::Result r = Post("commission", c + "/decisions", body);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_THAT(r->body, HasSubstr(message)) << body;
  }
  EXPECT_EQ(GetJson("hq", c)["state"], "under_review");  // nothing recorded
  httplib::Result attributed =
      Post("commission", c + "/decisions",
           R"({"decision":"attributed","rationale":"crater analysis on site","party":"RU"})");
  ASSERT_EQ(attributed->status, 200) << attributed->body;
  const json after = GetJson("de", c);
  EXPECT_EQ(after["state"], "attributed");
  EXPECT_EQ(after["attributed_party"], "undetermined");  // the engine's, as opened
  EXPECT_EQ(after["decisions"][0]["party"], "RU");
  const uint64_t entry = json::parse(attributed->body)["ledger_sequence"].get<uint64_t>();
  const json payload = json::parse(
      GetJson("de", "/v1/ledger/entries/" + std::to_string(entry))["payload"].get<std::string>());
  EXPECT_EQ(payload["party"], "RU");
  EXPECT_THAT(Get("hq", c + "/dossier")->body, HasSubstr("| attributed (RU) | commission |"));
  const std::string day = clock_.Now().LocalDate(scenario_->agreement.effective.offset_minutes());
  const json report = GetJson("hq", "/v1/reports/daily?day=" + day + "&format=json");
  ASSERT_FALSE(report["decisions"].empty()) << report;
  EXPECT_EQ(report["decisions"][0]["party"], "RU");
}

// A member away (or whose token was revoked) must not leave a case stuck: another member takes
// it over, saying why; the take-over is shown with the case and in its dossier, and from then on
// only the new holder decides.
TEST_F(ServiceTest, AnotherMemberTakesOverAClaimedCaseSayingWhy) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-1";
  ASSERT_EQ(Post("commission", c + "/claim", "")->status, 200);
  httplib::Result refused = Post("commission2", c + "/claim", "");
  EXPECT_EQ(refused->status, 409);
  EXPECT_THAT(refused->body, HasSubstr("another member may take it over"));
  const std::vector<std::pair<const char*, const char*>> bad = {
      {R"({"take_over":true})", "reason: required to take over a case"},
      {R"({"take_over":true,"reason":"  "})", "reason: required to take over a case"},
      {R"({"take_over":"yes","reason":"r"})", "take_over: expected true or false"},
      {R"({"reason":"r"})", "reason: only taken with"},
      {R"({"take_over":true,"reason":"r","by":"x"})", "unknown field by"},
      {"take over", "request body: expected nothing, or a JSON object"}};
  for (const auto& [body, message] : bad) {
    httplib::Result r = Post("commission2", c + "/claim", body);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_THAT(r->body, HasSubstr(message)) << body;
  }
  EXPECT_EQ(GetJson("hq", c)["claimed_by"], "commission");
  httplib::Result taken = Post("commission2", c + "/claim",
                               R"({"take_over":true,"reason":"commission is away until May"})");
  ASSERT_EQ(taken->status, 200) << taken->body;
  EXPECT_EQ(json::parse(taken->body)["taken_from"], "commission");
  const json got = GetJson("hq", c);
  EXPECT_EQ(got["claimed_by"], "commission2");
  ASSERT_EQ(got["takeovers"].size(), 1u) << got.dump();
  EXPECT_EQ(got["takeovers"][0]["by"], "commission2");
  EXPECT_EQ(got["takeovers"][0]["from"], "commission");
  EXPECT_EQ(got["takeovers"][0]["reason"], "commission is away until May");
  EXPECT_EQ(
      Post("commission", c + "/decisions", R"({"decision":"attributed","rationale":"r"})")->status,
      409);  // held by commission2 now
  EXPECT_EQ(
      Post("commission2", c + "/decisions", R"({"decision":"attributed","rationale":"r"})")->status,
      200);
  EXPECT_THAT(Get("hq", c + "/dossier")->body,
              HasSubstr("Claims taken over:\n\n| at | by | from | reason |\n|---|---|---|---|\n| " +
                        got["takeovers"][0]["at"].get<std::string>() +
                        " | commission2 | commission | commission is away until May |\n"));
}

// "unverifiable" gives the case up, and the case file then allows one step, to closed: a member
// claims it again to take it. A closed case is claimed by nobody.
TEST_F(ServiceTest, AnUnverifiableCaseIsClaimedAgainToBeClosed) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-1";
  ASSERT_EQ(Post("commission", c + "/claim", "")->status, 200);
  ASSERT_EQ(Post("commission", c + "/decisions",
                 R"({"decision":"unverifiable","rationale":"access denied"})")
                ->status,
            200);
  EXPECT_EQ(GetJson("hq", c)["claimed_by"], "");
  EXPECT_EQ(
      Post("commission2", c + "/decisions", R"({"decision":"closed","rationale":"filed"})")->status,
      409);  // claim it first
  ASSERT_EQ(Post("commission2", c + "/claim", "")->status, 200);
  EXPECT_EQ(GetJson("hq", c)["state"], "unverifiable");
  EXPECT_EQ(
      Post("commission2", c + "/decisions", R"({"decision":"attributed","rationale":"r"})")->status,
      409);  // not a step from unverifiable
  ASSERT_EQ(
      Post("commission2", c + "/decisions", R"({"decision":"closed","rationale":"filed"})")->status,
      200);
  EXPECT_EQ(GetJson("hq", c)["state"], "closed");
  httplib::Result closed = Post("commission", c + "/claim", "");
  EXPECT_EQ(closed->status, 409);
  EXPECT_THAT(closed->body, HasSubstr("case case-inc-obs-1: closed"));
}

// A period's report is the sum of its days' reports, as the caller may see them; the Commission's
// part only for a reader cleared for cases; parameters are checked.
TEST_F(ServiceTest, APeriodReportSumsItsDaysReports) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  int64_t violations = 0, opened = 0, features = 0;
  for (const char* day : {"2026-02-01", "2026-02-02", "2026-02-03"}) {
    const json d = GetJson("de", std::string("/v1/reports/daily?format=json&day=") + day);
    violations += d["verified_violations"].get<int64_t>();
    opened += static_cast<int64_t>(d["cases_opened"].size());
    features += static_cast<int64_t>(
        json::parse(
            Get("de", std::string("/v1/reports/daily?format=geojson&day=") + day)->body)["features"]
            .size());
  }
  ASSERT_GT(violations, 0);
  const std::string period = "/v1/reports/period?from=2026-02-01&to=2026-02-03";
  const json p = GetJson("de", period + "&format=json");
  EXPECT_EQ(p["days"].size(), 3u);
  EXPECT_EQ(p["totals"]["verified_violations"], violations);
  EXPECT_EQ(p["totals"]["cases_opened"], opened);
  EXPECT_EQ(json::parse(Get("de", period + "&format=geojson")->body)["features"].size(), features);
  EXPECT_THAT(Get("de", period)->body,
              HasSubstr("# Monitoring report, 2026-02-01 to 2026-02-03: "));
  EXPECT_FALSE(GetJson("monitor", period + "&format=json")["totals"].contains("cases_opened"));
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"?from=2026-02-01", "query parameter to: expected a date"},
      {"?from=2026-02-03&to=2026-02-01", "query parameter to: expected a day from 2026-02-03"},
      {"?from=2026-01-01&to=2026-06-01", "to 91 days after it"},
      {"?from=2026-02-01&to=2026-02-02&day=2026-02-01", "query parameter day: not taken"},
      {"?from=2026-02-01&to=2026-02-02&format=csv", "query parameter format"}};
  for (const auto& [query, message] : bad) {
    httplib::Result r = Get("de", "/v1/reports/period" + query);
    EXPECT_EQ(r->status, 400) << query;
    EXPECT_THAT(r->body, HasSubstr(message)) << query;
  }
}

// A member's own queue: the cases a member holds, with their total, which follows claims,
// releases and take-overs.
TEST_F(ServiceTest, TheCaseQueueFiltersByWhoHoldsACase) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const json two = GetJson("hq", "/v1/cases?limit=2");
  ASSERT_EQ(two["items"].size(), 2u);
  const std::string a = two["items"][0]["case"], b = two["items"][1]["case"];
  auto held_by = [&](const std::string& user) {
    const json got = GetJson("hq", "/v1/cases?claimed_by=" + user);
    std::vector<std::string> ids;
    for (const json& item : got["items"]) ids.push_back(item["case"]);
    EXPECT_EQ(got["total"], ids.size()) << user;
    return ids;
  };
  EXPECT_TRUE(held_by("commission").empty());
  ASSERT_EQ(Post("commission", "/v1/cases/" + a + "/claim", "")->status, 200);
  ASSERT_EQ(Post("commission2", "/v1/cases/" + b + "/claim", "")->status, 200);
  EXPECT_EQ(held_by("commission"), std::vector<std::string>{a});
  EXPECT_EQ(held_by("commission2"), std::vector<std::string>{b});
  ASSERT_EQ(Post("commission2", "/v1/cases/" + a + "/claim",
                 R"({"take_over":true,"reason":"covering for commission"})")
                ->status,
            200);
  EXPECT_TRUE(held_by("commission").empty());
  EXPECT_EQ(held_by("commission2"), (std::vector<std::string>{a, b}));
  ASSERT_EQ(Post("commission2", "/v1/cases/" + b + "/release", "")->status, 200);
  EXPECT_EQ(held_by("commission2"), std::vector<std::string>{a});
  EXPECT_EQ(GetJson("hq", "/v1/cases?claimed_by=commission2&state=open")["total"], 0);
  EXPECT_EQ(GetJson("hq", "/v1/cases?claimed_by=commission2&state=under_review")["total"], 1);
}

TEST_F(ServiceTest, CaseDossierGoesDownToTheRawReportsAndCarriesTheDecisions) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-1";
  ASSERT_EQ(Post("commission", c + "/claim", "")->status, 200);
  ASSERT_EQ(Post("commission", c + "/decisions",
                 R"({"decision":"attributed","rationale":"origin | bearings agree"})")
                ->status,
            200);
  httplib::Result r = Get("de", c + "/dossier");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("text/markdown"));
  EXPECT_THAT(r->body, HasSubstr("# Case case-inc-obs-1: attributed\n"));
  // Every member's raw report, as stored, a row each.
  const json members = GetJson("de", c)["observations"];
  ASSERT_GT(members.size(), 1u);
  EXPECT_THAT(r->body, HasSubstr("## Evidence: " + std::to_string(members.size()) + " report(s)"));
  for (const json& id : members) {
    EXPECT_THAT(r->body, HasSubstr("\n| " + id.get<std::string>() + " | 2026-")) << id;
  }
  EXPECT_EQ(r->body.find("Not shown"), std::string::npos);
  EXPECT_THAT(r->body, HasSubstr("| attributed | commission | origin \\| bearings agree |"));
  // The same as the JSON document it is rendered from: every member's raw report.
  const json doc = GetJson("de", c + "/dossier?format=json");
  EXPECT_EQ(doc["state"], "attributed");
  EXPECT_EQ(doc["incident_record"]["incident"], "inc-obs-1");
  std::set<std::string> raw_ids, member_ids;
  for (const json& o : doc["raw_observations"]) raw_ids.insert(o["id"].get<std::string>());
  for (const json& id : members) member_ids.insert(id.get<std::string>());
  EXPECT_EQ(raw_ids, member_ids);
  EXPECT_EQ(doc["raw_observations"].size(), members.size());
  EXPECT_EQ(Get("de", c + "/dossier?format=pdf")->status, 400);
  EXPECT_EQ(Get("de", c + "/dossier?limit=5")->status, 400);
  EXPECT_EQ(Get("public", c + "/dossier")->status, 403);
  EXPECT_EQ(Get("de", "/v1/cases/case-none/dossier")->status, 404);
}

// A crash between the store's commit of a decision and the ledger's leaves the decision without
// its entry: the next start appends it, once.
TEST_F(ServiceTest, StartAppendsStoredDecisionsTheLedgerLacks) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  ASSERT_EQ(Post("commission", "/v1/cases/case-inc-obs-1/claim", "")->status, 200);
  Stop();
  {
    Result<std::unique_ptr<store::Store>> st = store::OpenStore(location_);
    ASSERT_TRUE(st.ok());
    store::CaseEvent e;
    e.case_id = "case-inc-obs-1";
    e.kind = store::CaseEventKind::kDecision;
    e.user = "commission";
    e.at = "2026-02-06T09:00:00Z";
    e.decision = "unverifiable";
    e.rationale = "no second source in the jammed sector";
    ASSERT_TRUE((*st)->AppendCaseEvent(e, [](const auto&) { return Status::Ok(); }).ok());
  }
  Start();
  // The example's activations are on the ledger as well: count the decisions alone.
  std::vector<json> decisions = LedgerEntriesOfKind("commission_decision");
  ASSERT_EQ(decisions.size(), 1u);
  const json payload = json::parse(decisions[0]["payload"].get<std::string>());
  EXPECT_EQ(payload["decision"], "unverifiable");
  EXPECT_EQ(payload["case_id"], "case-inc-obs-1");
  Restart();
  EXPECT_EQ(LedgerEntriesOfKind("commission_decision").size(), 1u);  // not twice
}

// A case's digest as the API documents it: the SHA-256 of its opening record (the served case
// without its triage, in state "open") printed with sorted keys and no spaces.
std::string OpeningDigest(const json& served) {
  nlohmann::json opening = nlohmann::json::parse(served.dump());
  opening["state"] = "open";
  opening.erase("claimed_by");
  opening.erase("decisions");
  opening.erase("other_case_events");
  return ledger::ToHex(ledger::Sha256(opening.dump()));
}

// Case ids come from report ids: a scenario changed between starts can open another case under a
// decided case's id. Events name the case they were recorded on, and apply only to it.
TEST_F(ServiceTest, CaseEventsApplyOnlyToTheCaseTheyWereRecordedOn) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const json listed = GetJson("hq", "/v1/cases?limit=2");
  ASSERT_EQ(listed["items"].size(), 2u) << listed.dump();
  const std::string decided = listed["items"][0]["case"], other = listed["items"][1]["case"];
  ASSERT_EQ(Post("commission", "/v1/cases/" + decided + "/claim", "")->status, 200);
  httplib::Result r = Post("commission", "/v1/cases/" + decided + "/decisions",
                           R"({"decision":"attributed","rationale":"two UAV reports"})");
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string digest = OpeningDigest(GetJson("hq", "/v1/cases/" + decided));
  const json entry =
      GetJson("de", "/v1/ledger/entries/" + json::parse(r->body)["ledger_sequence"].dump());
  EXPECT_EQ(json::parse(entry["payload"].get<std::string>())["case_sha256"], digest);
  Stop();
  {
    Result<std::unique_ptr<store::Store>> st = store::OpenStore(location_);
    ASSERT_TRUE(st.ok());
    Result<std::vector<store::CaseEvent>> stored = (*st)->CaseEvents(decided);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 2u);
    EXPECT_EQ((*stored)[0].case_sha256, digest);
    EXPECT_EQ((*stored)[1].case_sha256, digest);
    // Events recorded on other cases of these ids: a decision closing the decided one, and a
    // claim of the other.
    const std::string elsewhere(64, 'b');
    store::CaseEvent close;
    close.case_id = decided;
    close.kind = store::CaseEventKind::kDecision;
    close.user = "commission2";
    close.at = "2026-02-06T09:00:00Z";
    close.decision = "closed";
    close.rationale = "remedy carried out";
    close.case_sha256 = elsewhere;
    auto any = [](const auto&) { return Status::Ok(); };
    ASSERT_TRUE((*st)->AppendCaseEvent(close, any).ok());
    store::CaseEvent claim = close;
    claim.case_id = other;
    claim.kind = store::CaseEventKind::kClaim;
    claim.decision = claim.rationale = "";
    ASSERT_TRUE((*st)->AppendCaseEvent(claim, any).ok());
  }
  Start();
  // The decision recorded on this case still applies after the restart rebuilt it; the one
  // recorded on another case of its id is shown apart and changes nothing.
  const json got = GetJson("de", "/v1/cases/" + decided);
  EXPECT_EQ(got["state"], "attributed");
  EXPECT_EQ(got["claimed_by"], "commission");
  ASSERT_EQ(got["decisions"].size(), 1u);
  ASSERT_EQ(got["other_case_events"].size(), 1u) << got.dump();
  EXPECT_EQ(got["other_case_events"][0]["decision"], "closed");
  EXPECT_EQ(got["other_case_events"][0]["by"], "commission2");
  EXPECT_EQ(got["other_case_events"][0]["case_sha256"], std::string(64, 'b'));
  EXPECT_EQ(GetJson("de", "/v1/cases?state=closed")["total"], 0);
  EXPECT_EQ(GetJson("de", "/v1/cases?state=attributed")["total"], 1);
  EXPECT_THAT(Get("de", "/v1/cases/" + decided + "/dossier")->body,
              HasSubstr("not applied to this one:\n\n| at | event | decision | by | rationale | "
                        "case recorded on (SHA-256) |\n|---|---|---|---|---|---|\n"
                        "| 2026-02-06T09:00:00Z | decision | closed | commission2 | remedy carried "
                        "out | " +
                        std::string(64, 'b') + " |\n"));
  // The other case is open and unclaimed: its member may claim it.
  const json open = GetJson("de", "/v1/cases/" + other);
  EXPECT_EQ(open["state"], "open");
  EXPECT_EQ(open["claimed_by"], "");
  EXPECT_EQ(open["other_case_events"][0]["kind"], "claim");
  EXPECT_EQ(Post("commission", "/v1/cases/" + other + "/claim", "")->status, 200);
  EXPECT_EQ(GetJson("de", "/v1/cases/" + other)["claimed_by"], "commission");
  // The daily report lists the decisions of each case's own events only.
  const std::string day =
      Timestamp::Parse(got["decisions"][0]["at"].get<std::string>())->LocalDate(120);
  const json report = GetJson("de", "/v1/reports/daily?day=" + day + "&format=json");
  ASSERT_EQ(report["decisions"].size(), 1u) << report.dump();
  EXPECT_EQ(report["decisions"][0]["to"], "attributed");
}

// The non-empty lines of one of the example's files.
std::vector<std::string> ExampleFileLines(const std::string& name) {
  std::ifstream in(SourceDir() + "/examples/paris-2026/" + name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> ExampleGapLines() { return ExampleFileLines("gaps.jsonl"); }
std::vector<std::string> ExampleAssetLines() { return ExampleFileLines("assets.jsonl"); }

TEST_F(ServiceTest, GapsAreStoredOnceQueriedWithinClearanceAndReported) {
  const std::vector<std::string> lines = ExampleGapLines();
  ASSERT_GE(lines.size(), 3u);
  const auto post = [&](const std::string& user, const std::string& body,
                        const std::string& classification = "coalition") {
    return Post(user, "/v1/gaps?classification=" + classification, body, "application/x-ndjson");
  };
  httplib::Result first = post("monitor", Join(lines));
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(json::parse(first->body)["stored"], lines.size());
  httplib::Result again = post("monitor", Join(lines));  // the same file twice: nothing new
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(json::parse(again->body)["stored"], 0);
  EXPECT_EQ(json::parse(again->body)["unchanged"], lines.size());
  // One bad line refuses the batch, naming the line and the field.
  json bad = json::parse(lines[0]);
  bad["id"] = "gap-new";
  bad.erase("radius_km");
  httplib::Result refused = post("monitor", R"({"id":"gap-ok"})"
                                            "\n" +
                                                bad.dump() + "\n");
  ASSERT_EQ(refused->status, 422);
  const json records = json::parse(refused->body)["error"]["records"];
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1]["line"], 2);
  EXPECT_THAT(records[1]["error"].get<std::string>(), HasSubstr("radius_km"));
  EXPECT_EQ(GetJson("de", "/v1/gaps?limit=1000")["items"].size(), lines.size());
  // Coalition gaps are not the public's; a public one is, with its centre rounded.
  EXPECT_EQ(GetJson("public", "/v1/gaps")["items"].size(), 0u);
  json open_gap = json::parse(lines[0]);
  open_gap["id"] = "gap-public";
  open_gap["center"]["lat"] = 47.123456;
  ASSERT_EQ(post("monitor", open_gap.dump(), "public")->status, 200);
  const json seen = GetJson("public", "/v1/gaps");
  ASSERT_EQ(seen["items"].size(), 1u);
  EXPECT_DOUBLE_EQ(seen["items"][0]["center"]["lat"].get<double>(), 47.12);
  EXPECT_EQ(GetJson("hq", "/v1/gaps?format=geojson&limit=1000")["features"].size(),
            lines.size() + 1);
  // The daily report counts the day's gaps: every gap that starts that day is listed.
  const std::string day = json::parse(lines[0])["start"].get<std::string>().substr(0, 10);
  const json report = GetJson("de", "/v1/reports/daily?day=" + day + "&format=json");
  std::set<std::string> listed;
  for (const json& id : report["gaps"]) listed.insert(id.get<std::string>());
  for (const std::string& line : lines) {
    const json g = json::parse(line);
    if (g["start"].get<std::string>().substr(0, 10) == day) {
      EXPECT_TRUE(listed.count(g["id"].get<std::string>())) << g["id"];
    }
  }
  EXPECT_FALSE(listed.empty());
}

TEST_F(ServiceTest, AssetPlacementsAreStoredOnceShownWithinClearanceAndWatchedInTheReport) {
  const std::vector<std::string> lines = ExampleAssetLines();
  ASSERT_GE(lines.size(), 100u);
  const std::string day = json::parse(lines[0])["from"].get<std::string>().substr(0, 10);
  // Until the store holds a placement, where the assets stood is not known: no such section.
  EXPECT_FALSE(GetJson("de", "/v1/reports/daily?day=" + day + "&format=json").contains("watched"));
  const auto post = [&](const std::string& user, const std::string& body,
                        const std::string& classification = "coalition") {
    return Post(user, "/v1/assets?classification=" + classification, body, "application/x-ndjson");
  };
  httplib::Result first = post("monitor", Join(lines));
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(json::parse(first->body)["stored"], lines.size());
  httplib::Result again = post("monitor", Join(lines));  // the same file twice: nothing new
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(json::parse(again->body)["unchanged"], lines.size());
  // A placement moved after the fact is refused, naming the asset and its start.
  json moved = json::parse(lines[0]);
  moved["range_km"] = 9.0;
  httplib::Result changed = post("monitor", moved.dump());
  ASSERT_EQ(changed->status, 400) << changed->body;
  EXPECT_THAT(changed->body, HasSubstr("placement 0 (id \\\"camera-01\\\""));
  // One bad line refuses the batch, naming the line and the field.
  json bad = json::parse(lines[0]);
  bad["id"] = "camera-new";
  bad["range_km"] = -1;
  httplib::Result refused = post("monitor", lines[1] + "\n" + bad.dump() + "\n");
  ASSERT_EQ(refused->status, 422);
  const json records = json::parse(refused->body)["error"]["records"];
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["line"], 2);
  EXPECT_THAT(records[0]["error"].get<std::string>(), HasSubstr("range_km"));

  // hq sees each position as submitted; a delegation to 0.1 degree; the monitors their own.
  const json exact = json::parse(lines[0]);
  const json by_hq = GetJson("hq", "/v1/assets?limit=10000")["items"];
  ASSERT_EQ(by_hq.size(), lines.size());
  EXPECT_EQ(by_hq[0], exact);
  const json by_de = GetJson("de", "/v1/assets?limit=1")["items"][0];
  EXPECT_EQ(by_de["id"], exact["id"]);
  EXPECT_DOUBLE_EQ(by_de["position"]["lat"].get<double>(),
                   RoundTo(exact["position"]["lat"].get<double>(), 1));
  EXPECT_NE(by_de["position"]["lat"], exact["position"]["lat"]);
  EXPECT_EQ(GetJson("monitor", "/v1/assets?limit=1")["items"][0], exact);
  // Within a time window and a box, as gaps are.
  const json window =
      GetJson("hq", "/v1/assets?limit=10000&from=" + day + "T06:00:00%2B02:00&to=" + day +
                        "T07:00:00%2B02:00&bbox=" + exact["position"]["lon"].dump() + "," +
                        exact["position"]["lat"].dump() + "," + exact["position"]["lon"].dump() +
                        "," + exact["position"]["lat"].dump());
  ASSERT_EQ(window["items"].size(), 1u) << window.dump();
  EXPECT_EQ(window["items"][0]["id"], "camera-01");

  // Coalition placements are not the public's; a public one is, without the asset's id.
  EXPECT_EQ(GetJson("public", "/v1/assets")["items"].size(), 0u);
  json open_camera = exact;
  open_camera["id"] = "camera-public";
  ASSERT_EQ(post("monitor", open_camera.dump(), "public")->status, 200);
  const json seen = GetJson("public", "/v1/assets")["items"];
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0].contains("id"));
  EXPECT_DOUBLE_EQ(seen[0]["position"]["lon"].get<double>(),
                   RoundTo(exact["position"]["lon"].get<double>(), 1));
  const json features = GetJson("hq", "/v1/assets?format=geojson&limit=10000")["features"];
  ASSERT_EQ(features.size(), lines.size() + 1);
  EXPECT_EQ(features[0]["geometry"]["coordinates"][1], exact["position"]["lat"]);
  EXPECT_EQ(features[0]["properties"]["type"], "camera");
  // The daily report now says how much of each sector was watched, by every type the day had.
  const json report = GetJson("de", "/v1/reports/daily?day=" + day + "&format=json");
  ASSERT_TRUE(report.contains("watched")) << report.dump();
  ASSERT_FALSE(report["watched"].empty());
  bool watched_somewhere = false;
  for (const auto& [sector, shares] : report["watched"].items()) {
    EXPECT_GE(shares["any"].get<double>(), shares["camera"].get<double>()) << sector;
    watched_somewhere |= shares["any"].get<double>() > 0;
  }
  EXPECT_TRUE(watched_somewhere);
  EXPECT_THAT(Get("de", "/v1/reports/daily?day=" + day)->body,
              HasSubstr("## Watched by the mission's assets"));
  // A period of one day: its mean share is that day's.
  const json period =
      GetJson("de", "/v1/reports/period?from=" + day + "&to=" + day + "&format=json");
  ASSERT_TRUE(period["totals"].contains("watched")) << period["totals"].dump();
  EXPECT_EQ(period["totals"]["watched"], report["watched"]);
}

// The server draws a daily report from the day's records it holds (and every record's reports by
// source type, which weigh coverage), not from all of them: that report is the one drawn from
// every record the reader may read, as `guarantor report` reads a replay's files, for every day,
// for a reader of everything and one of less, with gaps lowering coverage, the assets' watch and
// a decision taken.
TEST_F(ServiceTest, DailyReportOfTheDaysRecordsIsTheReportOfEveryRecord) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  ASSERT_EQ(Post("monitor", "/v1/gaps?classification=coalition", Join(ExampleGapLines()),
                 "application/x-ndjson")
                ->status,
            200);
  ASSERT_EQ(Post("monitor", "/v1/assets?classification=coalition", Join(ExampleAssetLines()),
                 "application/x-ndjson")
                ->status,
            200);
  // Every placement is readable by both readers; the shares watched are of their exact places.
  std::stringstream asset_lines(Join(ExampleAssetLines()));
  std::vector<Diagnostic> asset_rejections;
  const std::vector<MonitoringAsset> assets =
      ReadMonitoringAssets(asset_lines, "assets", &asset_rejections);
  ASSERT_TRUE(asset_rejections.empty());
  WaitFolded();
  const std::string c = "/v1/cases/case-inc-obs-1";
  ASSERT_EQ(Post("commission", c + "/claim", "")->status, 200);
  ASSERT_EQ(
      Post("commission", c + "/decisions", R"({"decision":"attributed","rationale":"r"})")->status,
      200);
  const fs::path files = dir_ / "every-record";
  for (const std::string user : {"hq", "de"}) {
    fs::create_directories(files);
    std::set<std::string> days;
    {
      std::ofstream incidents(files / "incidents.jsonl");
      const json every_incident = GetJson(user, "/v1/incidents?limit=10000");
      for (const json& item : every_incident["items"]) {
        incidents << item.dump() << "\n";
        days.insert(item["day"].get<std::string>());
      }
      std::ofstream cases(files / "cases.jsonl"), decisions(files / "decisions.jsonl");
      const json every_case = GetJson(user, "/v1/cases?limit=10000");
      for (const json& item : every_case["items"]) {
        cases << item.dump() << "\n";
        for (const json& d : item["decisions"]) {
          json decision{
              {"case", item["case"]}, {"to", d["decision"]},      {"by", d["by"]},
              {"at", d["at"]},        {"reason", d["rationale"]}, {"remedy", d["remedy"]}};
          if (d.contains("remedy_due")) decision["remedy_due"] = d["remedy_due"];
          decisions << decision.dump() << "\n";
          days.insert(Timestamp::Parse(d["at"].get<std::string>())->LocalDate(120));
        }
      }
    }
    std::stringstream gap_lines;
    const json every_gap = GetJson(user, "/v1/gaps?limit=1000");
    for (const json& g : every_gap["items"]) gap_lines << g.dump() << "\n";
    std::vector<Diagnostic> rejected;
    const std::vector<MonitoringGap> gaps = ReadMonitoringGaps(gap_lines, "gaps", &rejected);
    ASSERT_TRUE(rejected.empty()) << rejected[0].ToString();
    ASSERT_GE(days.size(), 3u) << user;
    bool coverage_lowered = false;
    for (const std::string& day : days) {
      Result<DailyReport> expected = BuildDailyReport({.scenario = scenario_,
                                                       .map = map_,
                                                       .records = ResultDirRecords(files.string()),
                                                       .reports_by_type = std::nullopt,
                                                       .gaps = gaps,
                                                       .assets = &assets,
                                                       .day = day,
                                                       .cases_withheld = ""});
      ASSERT_TRUE(expected.ok()) << expected.status().message();
      const std::string query = "/v1/reports/daily?day=" + day;
      EXPECT_EQ(Get(user, query + "&format=json")->body, expected->json) << user << " " << day;
      EXPECT_EQ(Get(user, query)->body, expected->markdown) << user << " " << day;
      EXPECT_EQ(Get(user, query + "&format=geojson")->body, expected->geojson)
          << user << " " << day;
      coverage_lowered |= !json::parse(expected->json)["coverage"].empty();
    }
    EXPECT_TRUE(coverage_lowered) << user << ": no day's gaps lowered coverage";
    fs::remove_all(files);
  }
}

// The public reads its incidents coarsened, and so does its daily report, which the server
// reads back from its spool one record at a time: the report equals the one drawn from the
// public's own incident list, and on every day with incidents differs from the HQ's.
TEST_F(ServiceTest, PublicDailyReportIsOfItsCoarsenedIncidents) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()), "public")->status, 200);
  WaitFolded();
  const fs::path files = dir_ / "public-records";
  fs::create_directories(files);
  std::set<std::string> days;
  {
    std::ofstream incidents(files / "incidents.jsonl");
    const json every_incident = GetJson("public", "/v1/incidents?limit=10000");
    for (const json& item : every_incident["items"]) {
      incidents << item.dump() << "\n";
      days.insert(item["day"].get<std::string>());
    }
  }
  ASSERT_GE(days.size(), 3u);
  for (const std::string& day : days) {
    Result<DailyReport> expected = BuildDailyReport(
        {.scenario = scenario_,
         .map = map_,
         .records = ResultDirRecords(files.string()),
         .reports_by_type = std::nullopt,
         .gaps = {},
         .day = day,
         .cases_withheld = "Not shown: your role may not read Special Commission cases."});
    ASSERT_TRUE(expected.ok()) << expected.status().message();
    const std::string query = "/v1/reports/daily?day=" + day;
    EXPECT_EQ(Get("public", query + "&format=json")->body, expected->json) << day;
    EXPECT_EQ(Get("public", query + "&format=geojson")->body, expected->geojson) << day;
    EXPECT_NE(Get("hq", query + "&format=geojson")->body, expected->geojson) << day;
  }
}

// Reads a live feed until `stop`, keeping what arrived.
class FeedReader {
 public:
  FeedReader(int port, const std::string& token, const std::string& query) {
    thread_ = std::thread([this, port, token, query] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      client.Get(("/v1/feed" + query).c_str(), {{"Authorization", "Bearer " + token}},
                 [this](const char* data, size_t n) {
                   std::lock_guard<std::mutex> lock(mu_);
                   text_.append(data, n);
                   return !stop_;
                 });
    });
  }
  ~FeedReader() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::string text() {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }
  bool WaitFor(const std::string& needle) {
    for (int i = 0; i < 500; ++i) {
      if (text().find(needle) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  std::atomic<bool> stop_{false};

 private:
  std::mutex mu_;
  std::string text_;
  std::thread thread_;
};

TEST_F(ServiceTest, LiveFeedShowsEachReaderOnlyWhatItMayReadWhereItAsked) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  {
    FeedReader fr(service_->port(), tokens_["fr"], "?types=violation");
    FeedReader de(service_->port(), tokens_["de"], "?types=violation");
    FeedReader far_away(service_->port(), tokens_["de"], "?types=violation&bbox=20,50,21,51");
    ASSERT_TRUE(fr.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(de.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(far_away.WaitFor(": guarantor live feed"));
    ASSERT_EQ(
        Ingest("fr", UavReport("fr-9", "2026-02-04T06:00:00+02:00") + "\n", "national")->status,
        200);
    ASSERT_EQ(Ingest("monitor", UavReport("mon-9", "2026-02-04T09:00:00+02:00") + "\n" +
                                    Tick("tick-9", "2026-02-04T09:00:01+02:00") + "\n")
                  ->status,
              200);
    EXPECT_TRUE(fr.WaitFor("inc-fr-9"));
    EXPECT_TRUE(fr.WaitFor("inc-mon-9"));
    EXPECT_TRUE(de.WaitFor("inc-mon-9"));
    EXPECT_EQ(de.text().find("fr-9"), std::string::npos);
    EXPECT_EQ(far_away.text().find("event: violation"), std::string::npos);
    fr.stop_ = de.stop_ = far_away.stop_ = true;
    // Readers notice on their next write: a new event wakes them.
    (void)Ingest("monitor", UavReport("mon-10", "2026-02-04T09:30:00+02:00") + "\n");
    Stop();
  }
}

// The service with a remedy watch that looks every 20 ms (config_: start it again with the same).
// DecideRemedyDueToday restarts it so, loads the example's reports, and has the Commission claim
// `case_path`, confirm its attribution and decide a remedy, "withdraw the battery", due today by
// the service's clock; it returns today, YYYY-MM-DD in the agreement's local time.
class RemedyWatchTest : public ServiceTest {
 protected:
  std::string DecideRemedyDueToday(const std::string& case_path, const std::string& rationale) {
    Stop();
    config_.remedy_check_seconds = 0.02;
    Start(config_);
    EXPECT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
    WaitFolded();
    EXPECT_EQ(Post("commission", case_path + "/claim", "")->status, 200);
    EXPECT_EQ(
        Post("commission", case_path + "/decisions", R"({"decision":"attributed","rationale":"r"})")
            ->status,
        200);
    const std::string today =
        clock_.Now().LocalDate(scenario_->agreement.effective.offset_minutes());
    EXPECT_EQ(Post("commission", case_path + "/decisions",
                   R"({"decision":"remedy_decided","rationale":")" + rationale +
                       R"(","remedy":"withdraw the battery","remedy_due":")" + today + R"("})")
                  ->status,
              200);
    return today;
  }
  ServiceConfig config_;
};

// A remedy decided with a deadline is announced on the feed once the deadline has passed (by the
// service's clock, in the agreement's local time) with the case still awaiting it: once, and to
// the roles that read cases.
TEST_F(RemedyWatchTest, ARemedyPastItsDeadlineIsAnnouncedOnTheFeedOnce) {
  const std::string today = DecideRemedyDueToday("/v1/cases/case-inc-obs-1", "repeated fire");
  ASSERT_FALSE(HasFailure());
  {
    FeedReader commission(service_->port(), tokens_["commission"], "");
    FeedReader de(service_->port(), tokens_["de"], "?types=remedy_overdue");
    FeedReader open(service_->port(), tokens_["public"], "");
    ASSERT_TRUE(commission.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(de.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(open.WaitFor(": guarantor live feed"));
    // Due today: not yet overdue, however many times the watch looks.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(commission.text().find("remedy_overdue"), std::string::npos);
    clock_.AdvanceDays(1);
    ASSERT_TRUE(commission.WaitFor("event: remedy_overdue"));
    ASSERT_TRUE(de.WaitFor("event: remedy_overdue"));
    const std::string seen = commission.text();
    const size_t data = seen.find("data: ", seen.find("event: remedy_overdue"));
    const json alert = json::parse(seen.substr(data + 6, seen.find('\n', data) - data - 6));
    EXPECT_EQ(alert["case"], "case-inc-obs-1");
    EXPECT_EQ(alert["incident"], "inc-obs-1");
    EXPECT_EQ(alert["remedy"], "withdraw the battery");
    EXPECT_EQ(alert["due"], today);
    EXPECT_THAT(alert["summary"].get<std::string>(), HasSubstr("still awaits it"));
    // The watch looks many times more; the remedy is announced once.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const std::string later = commission.text();
    EXPECT_EQ(later.find("event: remedy_overdue"), later.rfind("event: remedy_overdue"));
    EXPECT_EQ(open.text().find("remedy_overdue"), std::string::npos);
    commission.stop_ = de.stop_ = open.stop_ = true;
    (void)Ingest("monitor", UavReport("mon-12", "2026-02-04T09:30:00+02:00") + "\n", "public");
    Stop();
  }
}

// The example's remedy_ignored trigger (RU, 24 h of grace) fires once the remedy's day and the
// grace have passed with the case still awaiting it: kept with the activations, appended to the
// ledger signed by the Commission, announced on the feed; a restart adds no second entry.
TEST_F(RemedyWatchTest, ARemedyIgnoredFiresItsTriggerOnceOnTheLedgerAndTheFeed) {
  const std::string c = "/v1/cases/case-inc-obs-1";  // the strike near the plant: RU's
  const std::string today = DecideRemedyDueToday(c, "strike near the plant");
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(GetJson("hq", c)["attributed_party"], "RU");
  const int offset = scenario_->agreement.effective.offset_minutes();
  auto remedy_activations = [&] {
    std::vector<json> out;
    const json served = GetJson("hq", "/v1/activations");
    for (const json& a : served["items"]) {
      if (a["trigger"] == "remedy-ignored") out.push_back(a);
    }
    return out;
  };
  auto entries_of_remedies = [&] {
    int n = 0;
    for (const json& e : LedgerEntriesOfKind("activation")) {
      const json payload = json::parse(e["payload"].get<std::string>());
      n += payload["trigger"] == "remedy-ignored";
    }
    return n;
  };
  std::string fired_at;
  {
    FeedReader hq(service_->port(), tokens_["hq"], "");
    ASSERT_TRUE(hq.WaitFor(": guarantor live feed"));
    // Overdue from tomorrow, but within the day of grace: nothing fires.
    clock_.AdvanceDays(1);
    ASSERT_TRUE(hq.WaitFor("event: remedy_overdue"));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(remedy_activations().empty());
    EXPECT_EQ(hq.text().find("remedy-ignored"), std::string::npos);
    clock_.AdvanceDays(1);
    ASSERT_TRUE(hq.WaitFor("\"trigger\":\"remedy-ignored\""));
    const std::vector<json> fired = remedy_activations();
    ASSERT_EQ(fired.size(), 1u);
    // At midnight (local) after the due day, plus the 24 h of grace.
    const Timestamp due_end = *Timestamp::Parse(today + "T00:00:00Z");
    const Timestamp expected(
        due_end.utc_micros() - int64_t{offset} * 60'000'000 + 2 * int64_t{86'400'000'000}, offset);
    fired_at = fired[0]["fired_at"];
    EXPECT_EQ(fired_at, expected.ToRfc3339());
    EXPECT_EQ(fired[0]["facts"], json::array({"case-inc-obs-1"}));
    EXPECT_THAT(fired[0]["reason"].get<std::string>(), HasSubstr("withdraw the battery"));
    std::set<std::string> commitments;
    for (const json& o : fired[0]["obligations"]) commitments.insert(o["commitment"]);
    EXPECT_EQ(commitments,
              (std::set<std::string>{"coalition-remedy-consultations", "eu-sanctions-remedy"}));
    ASSERT_TRUE(fired[0]["ledger_sequence"].is_number());
    EXPECT_EQ(entries_of_remedies(), 1);
    hq.stop_ = true;
    Stop();  // which ends the feed's stream
  }
  Start(config_);
  WaitFolded();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::vector<json> again = remedy_activations();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0]["fired_at"], fired_at);
  EXPECT_EQ(entries_of_remedies(), 1);
}

// The feed carries to each role only the types of record its role may read through the API:
// the monitors and the public get violations, never cases or activations, even of public records
// (GET /v1/cases and /v1/activations refuse them); asking for those types is refused.
TEST_F(ServiceTest, LiveFeedCarriesCasesOnlyToRolesThatMayReadCases) {
  // A feed that streamed instead would end in the read timeout, an error with no status.
  httplib::Client refused("127.0.0.1", service_->port());
  refused.set_read_timeout(5, 0);
  httplib::Result cases = refused.Get("/v1/feed?types=case", As("public"));
  ASSERT_TRUE(cases);
  EXPECT_EQ(cases->status, 403);
  EXPECT_THAT(cases->body, HasSubstr("may not read case events"));
  httplib::Result activations = refused.Get("/v1/feed?types=violation,activation", As("monitor"));
  ASSERT_TRUE(activations);
  EXPECT_EQ(activations->status, 403);
  {
    FeedReader hq(service_->port(), tokens_["hq"], "");
    FeedReader open(service_->port(), tokens_["public"], "");
    FeedReader monitor(service_->port(), tokens_["monitor"], "");
    ASSERT_TRUE(hq.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(open.WaitFor(": guarantor live feed"));
    ASSERT_TRUE(monitor.WaitFor(": guarantor live feed"));
    ASSERT_EQ(Ingest("monitor", Join(ExampleLines()), "public")->status, 200);
    WaitFolded();
    // The first violation after the first case: once the others have it, they had their chance
    // at that case.
    ASSERT_TRUE(hq.WaitFor("event: case"));
    const std::string seen = hq.text();
    const size_t after_case = seen.find("event: violation", seen.find("event: case"));
    ASSERT_NE(after_case, std::string::npos);
    const size_t id_at = seen.find("\"incident\":\"", after_case);
    ASSERT_NE(id_at, std::string::npos);
    const std::string incident = seen.substr(id_at, seen.find('"', id_at + 12) + 1 - id_at);
    EXPECT_TRUE(open.WaitFor(incident)) << incident;
    EXPECT_TRUE(monitor.WaitFor(incident)) << incident;
    EXPECT_EQ(open.text().find("event: case"), std::string::npos);
    EXPECT_EQ(monitor.text().find("event: case"), std::string::npos);
    EXPECT_EQ(open.text().find("event: activation"), std::string::npos);
    hq.stop_ = open.stop_ = monitor.stop_ = true;
    (void)Ingest("monitor", UavReport("mon-11", "2026-02-04T09:30:00+02:00") + "\n", "public");
    Stop();
  }
}

}  // namespace
}  // namespace guarantor::server::service_test

namespace guarantor::server::service_test {
namespace {

// Totals are kept between queries and brought up to date with the incidents closed since
// (live_monitor.h): they must equal what the pages hold, for every reader, before and after
// more incidents arrive.
TEST_F(ServiceTest, TotalsStayExactAsIncidentsArrive) {
  const std::vector<std::string> lines = ExampleLines();
  const std::vector<std::string> first(lines.begin(), lines.begin() + lines.size() / 2);
  const std::vector<std::string> rest(lines.begin() + lines.size() / 2, lines.end());
  const std::vector<std::string> queries = {
      "/v1/violations?bbox=30,45,40,50", "/v1/violations?bbox=35,47,38,48.5",
      "/v1/incidents?kind=artillery_fire",
      "/v1/incidents?from=2026-02-02T00:00:00Z&to=2026-02-03T00:00:00Z",
      "/v1/incidents?min_severity=3"};
  const std::vector<std::string> readers = {"hq", "fr", "public"};
  std::map<std::string, size_t> before;
  auto check_all = [&](bool record) {
    for (const std::string& user : readers) {
      for (const std::string& q : queries) {
        const size_t total = PageThrough(user, q, 7).size();  // totals checked page by page
        if (record) before[user + q] = total;
      }
    }
  };
  ASSERT_EQ(Ingest("monitor", Join(first))->status, 200);
  WaitFolded();
  check_all(true);
  check_all(false);  // counted before: from the kept totals
  ASSERT_EQ(Ingest("monitor", Join(rest))->status, 200);
  IngestFrNationalViolation();
  check_all(false);
  // More incidents now, and the kept totals grew with them.
  const size_t hq_total = PageThrough("hq", queries[0], 7).size();
  EXPECT_GT(hq_total, before["hq" + queries[0]]);
  // And against a filter of every incident, by the client.
  const json all = GetJson("hq", "/v1/incidents?limit=10000")["items"];
  size_t violations = 0;
  for (const json& i : all) {
    const double lat = i["position"]["lat"], lon = i["position"]["lon"];
    if (i["violation"].get<bool>() && lat >= 45 && lat <= 50 && lon >= 30 && lon <= 40) {
      ++violations;
    }
  }
  EXPECT_EQ(hq_total, violations);
  EXPECT_GT(PageThrough("fr", queries[0], 7).size(), PageThrough("public", queries[0], 7).size())
      << "FR's national violation is FR's to count alone";
}

}  // namespace
}  // namespace guarantor::server::service_test

namespace guarantor::server::service_test {
namespace {

// Case totals are kept between queries too: brought up to date with the cases opened since, and
// recounted when a state filter meets a triage event.
TEST_F(ServiceTest, CaseTotalsFollowNewCasesAndTriage) {
  // The case ids of every page (five a time), each page's total checked by PageThrough.
  const auto all_pages = [this](const std::string& user, const std::string& query) {
    std::vector<std::string> ids;
    for (const json& c : PageThrough(user, query, 5)) ids.push_back(c["case"]);
    return ids;
  };
  const std::vector<std::string> lines = ExampleLines();
  ASSERT_EQ(Ingest("monitor", Join({lines.begin(), lines.begin() + lines.size() / 2}))->status,
            200);
  WaitFolded();
  const std::vector<std::string> queries = {"/v1/cases?party=RU", "/v1/cases?state=open",
                                            "/v1/cases?state=under_review"};
  std::map<std::string, size_t> first;
  for (const std::string& q : queries) first[q] = all_pages("de", q).size();
  ASSERT_GT(first["/v1/cases?state=open"], 2u);
  EXPECT_EQ(first["/v1/cases?state=under_review"], 0u);
  // Two claims move two cases from open to under review.
  const std::vector<std::string> open = all_pages("de", "/v1/cases?state=open");
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(Post("commission", "/v1/cases/" + open[i] + "/claim", "")->status, 200);
  }
  EXPECT_EQ(all_pages("de", "/v1/cases?state=open").size(), first["/v1/cases?state=open"] - 2);
  EXPECT_EQ(all_pages("de", "/v1/cases?state=under_review").size(), 2u);
  // More cases open: every total grows with them.
  ASSERT_EQ(Ingest("monitor", Join({lines.begin() + lines.size() / 2, lines.end()}))->status, 200);
  WaitFolded();
  const std::vector<std::string> every = all_pages("de", "/v1/cases");
  size_t ru = 0;
  for (const std::string& id : every) {
    ru += GetJson("de", "/v1/cases/" + id)["attributed_party"] == "RU" ? 1 : 0;
  }
  EXPECT_EQ(all_pages("de", "/v1/cases?party=RU").size(), ru);
  EXPECT_GT(ru, first["/v1/cases?party=RU"]);
  EXPECT_EQ(all_pages("de", "/v1/cases?state=under_review").size(), 2u);
}

}  // namespace
}  // namespace guarantor::server::service_test

namespace guarantor::server::service_test {
namespace {

// Operators see how many queries wait at the handler gate (internal/handler_gate.h): none on an
// idle server.
TEST_F(ServiceTest, MetricsTellHowManyQueriesWaitTheirTurn) {
  httplib::Result m = Get("hq", "/metrics");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->status, 200);
  EXPECT_THAT(m->body, HasSubstr("# TYPE guarantor_http_reads_waiting gauge\n"
                                 "guarantor_http_reads_waiting 0\n"));
}

}  // namespace
}  // namespace guarantor::server::service_test

namespace guarantor::server::service_test {
namespace {

// The service keeps its incidents' and cases' text in a file of its data directory, not in
// memory; what it serves is still byte for byte what the batch replay writes for the same reports.
TEST_F(ServiceTest, RecordsWaitOnDiskAndAreServedAsTheReplayWritesThem) {
  LoadNationalScenario();
  std::vector<std::string> lines = ExampleLines();
  lines.push_back(UavReport("fr-1", "2026-02-04T06:00:00+02:00"));
  lines.push_back(UavReport("fr-2", "2026-02-04T06:00:10+02:00"));
  lines.push_back(Tick("tick-1", "2026-02-04T20:00:00+02:00"));
  lines.push_back(Tick("tick-2", "2026-02-04T20:00:01+02:00"));
  std::vector<std::string> incidents;
  int64_t text_bytes = 0;
  ReplaySink sink;
  sink.on_incident = [&](const IncidentRecord& r) {
    incidents.push_back(IncidentJsonLine(r, scenario_->agreement.effective.offset_minutes()));
    text_bytes += static_cast<int64_t>(incidents.back().size());
  };
  sink.on_case = [&](const Case& c) { text_bytes += static_cast<int64_t>(CaseJsonLine(c).size()); };
  {
    ReplayEngine engine(*scenario_, *map_, std::move(sink));
    ObservationParser parser;
    for (const std::string& line : lines) {
      Observation obs;
      ASSERT_TRUE(parser.Parse(line, &obs).ok()) << line;
      engine.Add(obs);
    }
  }  // not finished: the service has closed only what the reports' own times closed
  ASSERT_GT(text_bytes, 64 << 10);  // several times the spool's buffer

  // FR reads every record here: the example's and its own national ones.
  std::string expected = "{\"items\":[";
  for (size_t i = 0; i < incidents.size(); ++i) expected += (i > 0 ? "," : "") + incidents[i];
  expected += "],\"total\":" + std::to_string(incidents.size()) + "}";
  EXPECT_EQ(Get("fr", "/v1/incidents?limit=10000")->body, expected);
  const std::string last = json::parse(incidents.back())["incident"];
  EXPECT_EQ(GetJson("fr", "/v1/incidents/" + last), json::parse(incidents.back()));

  // Every byte of that text is counted, and memory holds less than the spool's 16 KiB buffer.
  const std::string metrics = Get("hq", "/metrics")->body;
  auto gauge = [&](const std::string& name) {
    const size_t at = metrics.find("\n" + name + " ");
    EXPECT_NE(at, std::string::npos) << name;
    return at == std::string::npos ? -1 : std::stoll(metrics.substr(at + name.size() + 2));
  };
  EXPECT_EQ(gauge("guarantor_record_text_bytes"), text_bytes);
  EXPECT_LT(gauge("guarantor_record_text_memory_bytes"), 16 << 10);
  EXPECT_GE(gauge("guarantor_record_text_memory_bytes"), 0);
}

}  // namespace
}  // namespace guarantor::server::service_test

// Who reads what through the HTTP API: the access matrix (every endpoint with every role),
// need-to-know (nothing of a national record reaches another delegation, counts, exports and
// aggregates included), coarsening for the public, revoked tokens, and the errors and limits
// every caller meets.
#include "service_test_fixture.h"

namespace guarantor::server::service_test {
namespace {

// Every endpoint with every role: the statuses below are the access rules of docs/service.md
// §4, written out by hand.
TEST_F(ServiceTest, AccessMatrixEveryEndpointEveryRole) {
  LoadNationalScenario();
  struct Endpoint {
    std::string method, path, body, type;
    std::set<std::string> allowed;  // users that pass authorisation
  };
  const std::set<std::string> everyone = {"hq", "commission", "monitor", "fr",
                                          "de", "be",         "public"};
  const std::set<std::string> readers = {"hq", "commission", "fr", "de", "be"};
  const std::vector<Endpoint> endpoints = {
      {"GET", "/v1/whoami", "", "", everyone},
      {"GET", "/v1/observations", "", "", everyone},
      {"GET", "/v1/observations?format=csv", "", "", everyone},
      {"GET", "/v1/incidents", "", "", everyone},
      {"GET", "/v1/violations?format=geojson", "", "", everyone},
      {"GET", "/v1/incidents/inc-obs-1", "", "", everyone},
      {"GET", "/v1/feed?after=999999999", "", "", {}},  // streamed: checked separately
      {"POST",
       "/v1/observations",
       "",
       "application/x-ndjson",
       {"hq", "commission", "monitor", "fr", "de", "be"}},
      {"GET", "/v1/reports/daily?day=2026-02-02", "", "", everyone},
      {"GET", "/v1/reports/period?from=2026-02-01&to=2026-02-03", "", "", everyone},
      {"GET", "/v1/gaps", "", "", everyone},
      {"POST",
       "/v1/gaps",
       "",
       "application/x-ndjson",
       {"hq", "commission", "monitor", "fr", "de", "be"}},
      {"GET", "/v1/assets", "", "", everyone},
      {"POST",
       "/v1/assets",
       "",
       "application/x-ndjson",
       {"hq", "commission", "monitor", "fr", "de", "be"}},
      {"GET", "/v1/cases", "", "", readers},
      {"GET", "/v1/cases/case-inc-obs-1", "", "", readers},
      {"POST", "/v1/cases/case-inc-obs-1/claim", "", "", {"commission"}},
      {"GET", "/v1/pledges", "", "", readers},
      {"GET", "/v1/commitments", "", "", readers},
      {"GET", "/v1/force/coverage", "", "", readers},
      {"POST", "/v1/force/whatif", "{}", "application/json", readers},
      {"GET", "/v1/activations", "", "", readers},
      {"GET", "/v1/scenario/geometry", "", "", everyone},
      {"GET", "/v1/triggers", "", "", readers},
      {"GET", "/v1/support", "", "", readers},
      {"GET", "/v1/ledger/head", "", "", readers},
      {"GET", "/v1/ledger/entries", "", "", readers},
      {"GET", "/v1/ledger/next", "", "", readers},
      {"GET", "/v1/ledger/proofs/consistency?first=0", "", "", readers},
      {"GET", "/metrics", "", "", {"hq"}},
  };
  for (const Endpoint& e : endpoints) {
    if (e.path.rfind("/v1/feed", 0) == 0) continue;
    for (const std::string& user : everyone) {
      httplib::Result r =
          e.method == "GET" ? Get(user, e.path) : Post(user, e.path, e.body, e.type);
      ASSERT_TRUE(r) << e.path;
      const bool passed = r->status != 401 && r->status != 403;
      EXPECT_EQ(passed, e.allowed.count(user) > 0)
          << e.method << " " << e.path << " as " << user << ": " << r->status << " " << r->body;
      if (!passed) {
        EXPECT_THAT(r->body, HasSubstr("\"error\""));
        EXPECT_THAT(r->body, HasSubstr("may not"));
      }
    }
    // Without a token: 401 for every endpoint.
    httplib::Result anonymous =
        e.method == "GET"
            ? client_->Get(e.path.c_str())
            : client_->Post(e.path.c_str(), e.body, e.type.empty() ? "text/plain" : e.type.c_str());
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401) << e.path;
  }
}

TEST_F(ServiceTest, NationalReportsReachNoOtherDelegationCountsAndExportsIncluded) {
  LoadNationalScenario();
  const int64_t example = static_cast<int64_t>(ExampleLines().size());
  // FR sees its own reports; every other reader sees none of them, in rows or in totals.
  EXPECT_EQ(GetJson("fr", "/v1/observations?owner=FR")["total"], 2);
  for (const std::string user : {"de", "be", "hq", "commission", "monitor"}) {
    SCOPED_TRACE(user);
    EXPECT_EQ(GetJson(user, "/v1/observations?owner=FR")["total"], 0);
    EXPECT_EQ(GetJson(user, "/v1/observations?limit=1")["total"], example + 2);
    EXPECT_EQ(GetJson(user, "/v1/incidents/inc-fr-1", 404)["error"]["status"], 404);
    const std::string csv = Get(user, "/v1/observations?format=csv&limit=10000")->body;
    EXPECT_EQ(csv.find("fr-1"), std::string::npos);
    const std::string incidents = Get(user, "/v1/incidents?limit=10000&format=csv")->body;
    EXPECT_EQ(incidents.find("inc-fr-1"), std::string::npos);
  }
  // Asked for by id (the incident detail's evidence), a report comes only to a reader cleared
  // for it; an id repeats as a parameter, an unknown one matches nothing.
  const std::string example_id = json::parse(ExampleLines()[0])["id"];
  const std::string by_id = "/v1/observations?id=fr-1&id=" + example_id + "&id=no-such-report";
  const json fr_by_id = GetJson("fr", by_id);
  ASSERT_EQ(fr_by_id["total"], 2);
  std::set<std::string> fr_ids;
  for (const json& item : fr_by_id["items"]) fr_ids.insert(item["record"]["id"]);
  EXPECT_EQ(fr_ids, (std::set<std::string>{"fr-1", example_id}));
  const json de_by_id = GetJson("de", by_id);
  ASSERT_EQ(de_by_id["total"], 1);
  EXPECT_EQ(de_by_id["items"][0]["record"]["id"], example_id);
  // FR's violation is FR's: its incident and the violation count differ by exactly that.
  const json fr = GetJson("fr", "/v1/violations?limit=10000");
  const json de = GetJson("de", "/v1/violations?limit=10000");
  EXPECT_EQ(fr["total"].get<int>(), de["total"].get<int>() + 1);
  EXPECT_EQ(GetJson("fr", "/v1/incidents/inc-fr-1")["status"], "verified");
  // Exports hold exactly the rows of the same query.
  const json page = GetJson("de", "/v1/violations?limit=50&zone=security_zone");
  const json geo = GetJson("de", "/v1/violations?limit=50&zone=security_zone&format=geojson");
  ASSERT_EQ(page["items"].size(), geo["features"].size());
  for (size_t i = 0; i < page["items"].size(); ++i) {
    EXPECT_EQ(page["items"][i]["incident"], geo["features"][i]["properties"]["incident"]);
  }
  const std::string csv = Get("de", "/v1/violations?limit=50&zone=security_zone&format=csv")->body;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + static_cast<int>(page["items"].size()));
}

TEST_F(ServiceTest, PublicSeesOnlyPublicRecordsCoarsened) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  ASSERT_EQ(
      Ingest("monitor", UavReport("pub-1", "2026-02-04T06:00:00+02:00") + "\n", "public")->status,
      200);
  WaitFolded();
  const json pub = GetJson("public", "/v1/observations");
  ASSERT_EQ(pub["total"], 1);
  const json record = pub["items"][0]["record"];
  EXPECT_FALSE(record["source"].contains("id"));
  const double lat = record["position"]["lat"].get<double>();
  EXPECT_NEAR(lat * 100, std::round(lat * 100), 1e-6);
  EXPECT_GE(record["position"]["uncertainty_m"].get<double>(), 550.0);
  // The full record, for a reader cleared for it.
  const json full = GetJson("hq", "/v1/observations?source=uav-05&limit=1000");
  bool found = false;
  for (const json& item : full["items"]) {
    if (item["record"]["id"] == "pub-1") {
      found = true;
      EXPECT_EQ(item["record"]["source"]["id"], "uav-05");
    }
  }
  EXPECT_TRUE(found);
  // The public's counts and aggregates are over public records only: its daily report of the
  // busiest day is empty where the HQ's is not.
  EXPECT_EQ(GetJson("public", "/v1/incidents?limit=1")["total"], 0);
  const json hq_day = GetJson("hq", "/v1/reports/daily?day=2026-02-02&format=json");
  const json public_day = GetJson("public", "/v1/reports/daily?day=2026-02-02&format=json");
  EXPECT_NE(hq_day, public_day);
  EXPECT_EQ(Get("hq", "/v1/reports/daily?day=2026-02-31")->status, 400);
  // So are a period's: the public's total is its own days', not the HQ's.
  const std::string period = "/v1/reports/period?from=2026-02-02&to=2026-02-02&format=json";
  EXPECT_EQ(GetJson("public", period)["totals"]["verified_violations"],
            public_day["verified_violations"]);
  EXPECT_EQ(GetJson("hq", period)["totals"]["verified_violations"], hq_day["verified_violations"]);
}

TEST_F(ServiceTest, NationalPledgesStayOutOfOtherDelegationsPlansAndAggregates) {
  auto ids = [&](const std::string& user) {
    std::set<std::string> out;
    const json pledges = GetJson(user, "/v1/pledges");
    for (const json& p : pledges["items"]) {
      out.insert(p["id"].get<std::string>());
    }
    return out;
  };
  EXPECT_TRUE(ids("be").count("be-land"));
  EXPECT_FALSE(ids("de").count("be-land"));
  EXPECT_FALSE(ids("hq").count("be-land"));
  EXPECT_TRUE(ids("hq").count("nl-isr"));  // restricted: HQ and the Commission
  EXPECT_FALSE(ids("de").count("nl-isr"));
  const json be = GetJson("be", "/v1/force/coverage");
  const json de = GetJson("de", "/v1/force/coverage");
  EXPECT_GT(be["covered_units"].get<double>(), de["covered_units"].get<double>());
  for (const json& r : de["requirements"]) {
    for (const json& n : r["nations"]) EXPECT_NE(n, "BE");
  }
  // The support summary counts pledged units over the pledges each reader may read, item by item.
  for (const std::string user : {"be", "de", "fr", "hq", "commission"}) {
    SCOPED_TRACE(user);
    std::map<std::string, double> expected;
    const json pledges = GetJson(user, "/v1/pledges");
    for (const json& p : pledges["items"]) {
      if (p["withdrawn"].get<bool>()) continue;
      expected[p["party"].get<std::string>()] += p["quantity"].get<double>();
    }
    std::map<std::string, double> counted;
    const json support = GetJson(user, "/v1/support");
    for (const json& row : support["force_pledges_by_party"]) {
      counted[row["party"].get<std::string>()] = row["pledged"].get<double>() +
                                                 row["allocated"].get<double>() +
                                                 row["delivered"].get<double>();
    }
    EXPECT_EQ(counted, expected);
    EXPECT_EQ(counted.count("BE"), user == "be" ? 1u : 0u);
    EXPECT_EQ(support["total"]["pledged"], 116800);  // the example's packages, all coalition
  }
}

// The agreement's layers for the map, and the dashboard's static files served beside the API
// under a policy that lets a page load nothing from elsewhere.
TEST_F(ServiceTest, ScenarioGeometryAndDashboardFiles) {
  const json geometry = GetJson("public", "/v1/scenario/geometry");
  std::multiset<std::string> layers;
  for (const json& f : geometry["features"]) layers.insert(f["properties"]["layer"]);
  EXPECT_EQ(layers.count("line_of_contact"), 1u);
  EXPECT_EQ(layers.count("control_area"), 2u);
  EXPECT_EQ(layers.count("disengagement_area"), 3u);
  EXPECT_EQ(layers.count("sector"), 5u);
  std::vector<std::string> sector_ids;  // in the scenario's order: the map and charts rely on it
  for (const json& f : geometry["features"]) {
    if (f["properties"]["layer"] == "sector") sector_ids.push_back(f["properties"]["id"]);
  }
  EXPECT_EQ(sector_ids, (std::vector<std::string>{"sumy-border", "kharkiv", "donetsk",
                                                  "zaporizhzhia", "kherson"}));
  EXPECT_EQ(layers.count("protected_site"), 1u);
  EXPECT_EQ(layers.count("zone"), 7u);  // the security zone and six withdrawal zones
  EXPECT_EQ(geometry["agreement"]["effective"], "2026-02-01T00:00:00+02:00");
  EXPECT_EQ(Get("hq", "/v1/scenario/geometry?bbox=1,2,3,4")->status, 400);
  EXPECT_EQ(Get("hq", "/index.html")->status, 404);  // no --web: no files

  Stop();
  fs::create_directories(dir_ / "web");
  std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>guarantor</title>";
  ServiceConfig config;
  config.web_root = (dir_ / "web").string();
  Start(config);
  httplib::Result page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("<title>guarantor</title>"));
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_EQ(client_->Get("/v1/whoami")->status, 401);  // the API still needs a token
  EXPECT_EQ(GetJson("hq", "/v1/whoami")["role"], "hq");
  // Compressed as gzip when a browser also offers brotli (cpp-httplib's brotli takes ~0.5 s).
  httplib::Headers headers = As("hq");
  headers.emplace("Accept-Encoding", "gzip, deflate, br, zstd");
  httplib::Result page_of_incidents = client_->Get("/v1/incidents?limit=10000", headers);
  ASSERT_TRUE(page_of_incidents);
  EXPECT_EQ(page_of_incidents->status, 200);
  EXPECT_NE(page_of_incidents->get_header_value("Content-Encoding"), "br");
}

TEST_F(ServiceTest, BadRequestsGetJsonErrorsNamingTheProblem) {
  // A record with a bad field: 422 naming the line and the field; nothing stored.
  std::vector<std::string> lines = ExampleLines();
  lines.resize(5);
  lines[3] = R"({"id":"x","time":"2026-02-01T00:00:00Z"})";
  httplib::Result r = Ingest("monitor", Join(lines));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  const json err = json::parse(r->body);
  EXPECT_EQ(err["error"]["records"][0]["line"], 4);
  EXPECT_THAT(err["error"]["records"][0]["error"].get<std::string>(), HasSubstr("source"));
  EXPECT_EQ(GetJson("hq", "/v1/observations")["total"], 0);
  // Bad parameters, unknown parameters, unknown endpoints, wrong content type.
  EXPECT_THAT(Get("hq", "/v1/incidents?bbox=1,2,3")->body, HasSubstr("query parameter bbox"));
  EXPECT_EQ(Get("hq", "/v1/incidents?limt=3")->status, 400);
  EXPECT_THAT(Get("hq", "/v1/incidents?limt=3")->body, HasSubstr("limt"));
  EXPECT_THAT(Get("hq", "/v1/observations?from=yesterday")->body, HasSubstr("RFC 3339"));
  std::string many_ids = "/v1/observations?id=o0";
  for (int i = 1; i <= 200; ++i) many_ids += "&id=o" + std::to_string(i);
  EXPECT_EQ(Get("hq", many_ids)->status, 400);
  EXPECT_THAT(Get("hq", many_ids)->body, HasSubstr("at most 200 ids"));
  EXPECT_THAT(Get("hq", "/v1/observations?id=")->body, HasSubstr("query parameter id"));
  EXPECT_THAT(Get("hq", "/v1/incidents?id=obs-1")->body, HasSubstr("not taken by this endpoint"));
  EXPECT_EQ(Get("hq", "/v1/nothing")->status, 404);
  EXPECT_THAT(Get("hq", "/v1/nothing")->body, HasSubstr("\"error\""));
  EXPECT_EQ(Post("monitor", "/v1/observations", "a=b", "application/x-www-form-urlencoded")->status,
            415);
  EXPECT_EQ(Ingest("monitor", Join(ExampleLines()), "secret")->status, 400);
  EXPECT_EQ(Post("hq", "/v1/force/whatif", "{\"drop\": 3}")->status, 400);
  EXPECT_THAT(Post("hq", "/v1/force/whatif", "[")->body, HasSubstr("request body"));
  // A duplicate id across batches: 400 naming it, and the second batch is not applied.
  ASSERT_EQ(Ingest("monitor", lines[0] + "\n")->status, 200);
  httplib::Result dup = Ingest("monitor", lines[1] + "\n" + lines[0] + "\n");
  EXPECT_EQ(dup->status, 400);
  EXPECT_THAT(dup->body, HasSubstr("obs-1"));
  EXPECT_EQ(GetJson("hq", "/v1/observations")["total"], 1);
}

TEST_F(ServiceTest, BodySizeAndRateLimits) {
  Stop();
  ServiceConfig config;
  config.max_body_bytes = 4096;
  config.requests_per_second = 1;
  config.request_burst = 3;
  Start(config);
  httplib::Result big = Ingest("monitor", Join(ExampleLines()));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_THAT(big->body, HasSubstr("\"error\""));
  int limited = 0;
  for (int i = 0; i < 6; ++i) limited += Get("de", "/v1/whoami")->status == 429;
  EXPECT_GE(limited, 2);
  httplib::Result r = Get("de", "/v1/whoami");
  EXPECT_EQ(r->status, 429);
  EXPECT_TRUE(r->has_header("Retry-After"));
  EXPECT_EQ(Get("fr", "/v1/whoami")->status, 200);  // per token
}

TEST_F(ServiceTest, RetriedBatchWithTheSameKeyIsNotAppliedTwice) {
  httplib::Headers h = As("monitor");
  h.emplace("Idempotency-Key", "batch-7");
  const std::string body = Join(ExampleLines());
  httplib::Result first = client_->Post("/v1/observations", h, body, "application/x-ndjson");
  httplib::Result again = client_->Post("/v1/observations", h, body, "application/x-ndjson");
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(json::parse(again->body)["replayed"], true);
  EXPECT_EQ(json::parse(again->body)["first_sequence"], json::parse(first->body)["first_sequence"]);
  EXPECT_EQ(GetJson("hq", "/v1/observations")["total"], ExampleLines().size());
}

TEST_F(ServiceTest, RevokedTokensAreRefused) {
  Stop();
  ServiceConfig config;
  config.token_recheck_seconds = 0;  // look every token up on every request
  Start(config);
  EXPECT_EQ(Get("fr", "/v1/whoami")->status, 200);
  ASSERT_TRUE(store_->RevokeUser("fr", "2026-02-05T10:00:00Z").ok());
  EXPECT_EQ(Get("fr", "/v1/whoami")->status, 401);
  EXPECT_EQ(Get("de", "/v1/whoami")->status, 200);
}

}  // namespace
}  // namespace guarantor::server::service_test

// The HTTP API in process, over a real socket, on the shipped example: the access matrix (every
// endpoint with every role), need-to-know (nothing of a national record reaches another
// delegation, counts, exports, the live feed and aggregates included), errors, case triage,
// signed ledger entries, and the rebuild of the engine's state from the store.
//
// The store is SQLite in a temporary directory, or PostgreSQL when GUARANTOR_TEST_POSTGRES_URL
// names a database (each test in a schema of its own; integration_store_postgres sets it).
#include <httplib.h>
#include <pqxx/pqxx>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "ledger/clock.h"
#include "ledger/key_store.h"
#include "ledger/ledger.h"
#include "ledger/ledger_entry.h"
#include "model/timestamp.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario_loader.h"
#include "server/http_service.h"
#include "store/store.h"

namespace guarantor::server {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;
namespace fs = std::filesystem;

std::string SourceDir() { return GUARANTOR_SOURCE_DIR; }

std::vector<std::string> ExampleLines() {
  std::ifstream in(SourceDir() + "/examples/paris-2026/observations.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// The first example record (a UAV report of artillery fire in the security zone, which verifies
// alone) with a new id and time.
std::string UavReport(const std::string& id, const std::string& time) {
  json j = json::parse(ExampleLines().front());
  j["id"] = id;
  j["time"] = time;
  return j.dump();
}

// A quiet report that only moves record time on (closing the incidents before it).
std::string Tick(const std::string& id, const std::string& time) {
  json j = json::parse(ExampleLines().front());
  j["id"] = id;
  j["time"] = time;
  j["kind"] = "troop_movement";
  j["weapon_class"] = "unknown";
  j["position"] = {{"lat", 50.45}, {"lon", 30.52}, {"uncertainty_m", 100.0}};
  return j.dump();
}

class ServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScenarioLoad load = LoadScenario(SourceDir() + "/examples/paris-2026");
    ASSERT_TRUE(load.ok());
    scenario_ = new Scenario(*load.scenario);
    Result<AgreementMap> map = AgreementMap::Build(scenario_->agreement);
    ASSERT_TRUE(map.ok());
    map_ = new AgreementMap(*std::move(map));
  }
  static void TearDownTestSuite() {
    delete map_;
    delete scenario_;
  }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("guarantor-server-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    location_ = dir_.string();
    if (const char* url = std::getenv("GUARANTOR_TEST_POSTGRES_URL"); url && *url) {
      postgres_url_ = url;
      schema_ = "server_test_" + std::to_string(::getpid());
      Sql("CREATE EXTENSION IF NOT EXISTS postgis");
      Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      Sql("CREATE SCHEMA " + schema_);
      location_ = postgres_url_ + (postgres_url_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema_ + "%2Cpublic";
    }
    Start();
    AddUser("hq", "hq", "hq");
    AddUser("commission", "commission", "commission");
    AddUser("commission2", "commission", "commission");
    AddUser("monitor", "monitor", "monitors");
    AddUser("fr", "delegation", "FR");
    AddUser("de", "delegation", "DE");
    AddUser("be", "delegation", "BE");
    AddUser("public", "public", "public");
  }

  void TearDown() override {
    Stop();
    if (!schema_.empty()) Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    fs::remove_all(dir_);
  }

  void Sql(const std::string& statement) {
    pqxx::connection c(postgres_url_);
    pqxx::work w(c);
    w.exec0(statement);
    w.commit();
  }

  void Start(ServiceConfig config = {}) {
    Result<std::unique_ptr<store::Store>> st = store::OpenStore(location_);
    ASSERT_TRUE(st.ok()) << st.status().message();
    store_ = *std::move(st);
    keys_ = ledger::NewFileKeyStore(dir_.string());
    if (!keys_->LoadKeyPair("commission").ok()) {
      ASSERT_TRUE(keys_->Create("commission").ok());
    }
    Result<std::unique_ptr<ledger::Ledger>> lg =
        ledger::Ledger::Open(dir_.string(), *keys_, clock_, ledger::LedgerStore::Mode::kCreate);
    ASSERT_TRUE(lg.ok()) << lg.status().message();
    ledger_ = *std::move(lg);
    config.port = 0;
    config.threads = 32;
    service_ = std::make_unique<HttpService>(config, *scenario_, *map_, *store_, *ledger_);
    Status s = service_->Start();
    ASSERT_TRUE(s.ok()) << s.message();
    runner_ = std::thread([this] { (void)service_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
    client_->set_read_timeout(30, 0);
    for (int i = 0; i < 100 && !client_->Get("/healthz"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void Stop() {
    if (service_) service_->Stop();
    if (runner_.joinable()) runner_.join();
    client_.reset();
    service_.reset();
    ledger_.reset();
    store_.reset();
  }

  void Restart() {
    Stop();
    Start();
  }

  void AddUser(const std::string& id, const std::string& role, const std::string& org) {
    const std::string token = "token-of-" + id;
    ASSERT_TRUE(
        store_->AddUser({id, role, org, store::HashToken(token), "2026-01-01T00:00:00Z", ""}).ok());
    tokens_[id] = token;
  }

  httplib::Headers As(const std::string& user) {
    return {{"Authorization", "Bearer " + tokens_.at(user)}};
  }

  httplib::Result Get(const std::string& user, const std::string& path) {
    return client_->Get(path.c_str(), As(user));
  }
  httplib::Result Post(const std::string& user, const std::string& path, const std::string& body,
                       const std::string& type = "application/json") {
    return client_->Post(path.c_str(), As(user), body, type.c_str());
  }
  httplib::Result Ingest(const std::string& user, const std::string& body,
                         const std::string& classification = "coalition") {
    return Post(user, "/v1/observations?classification=" + classification, body,
                "application/x-ndjson");
  }

  json GetJson(const std::string& user, const std::string& path, int expected = 200) {
    httplib::Result r = Get(user, path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expected) << path << " as " << user << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  // Waits until the engine has folded every stored observation.
  void WaitFolded() {
    Result<int64_t> stored = store_->LastSequence();
    ASSERT_TRUE(stored.ok());
    for (int i = 0; i < 500; ++i) {
      httplib::Result m = Get("hq", "/metrics");
      ASSERT_TRUE(m);
      if (m->body.find("guarantor_engine_observations_folded " + std::to_string(*stored) + "\n") !=
              std::string::npos &&
          m->body.find("guarantor_engine_observations_queued 0\n") != std::string::npos) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "the engine did not catch up";
  }

  // The example as the monitors' coalition reports, then FR's national reports of a violation
  // after it, then a tick that closes FR's incident.
  void LoadNationalScenario() {
    ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
    ASSERT_EQ(Ingest("fr",
                     UavReport("fr-1", "2026-02-04T06:00:00+02:00") + "\n" +
                         UavReport("fr-2", "2026-02-04T06:00:10+02:00") + "\n",
                     "national")
                  ->status,
              200);
    // The fuser takes reports of one time together once a later one arrives: two ticks.
    ASSERT_EQ(Ingest("monitor", Tick("tick-1", "2026-02-04T20:00:00+02:00") + "\n" +
                                    Tick("tick-2", "2026-02-04T20:00:01+02:00") + "\n")
                  ->status,
              200);
    WaitFolded();
  }

  // Seals an entry by `party` (whose key is made on first use) against the ledger's end, as a
  // delegation does with its own key, and submits it as `user`.
  httplib::Result Submit(const std::string& user, const std::string& party, ledger::EntryKind kind,
                         const json& payload) {
    if (!keys_->LoadKeyPair(party).ok()) {
      EXPECT_TRUE(keys_->Create(party).ok());
    }
    Result<ledger::KeyPair> key = keys_->LoadKeyPair(party);
    EXPECT_TRUE(key.ok());
    const json next = GetJson(user, "/v1/ledger/next");
    ledger::LedgerEntry e;
    e.sequence = next["sequence"].get<uint64_t>();
    e.kind = kind;
    e.author = party;
    e.recorded_at = "2026-02-05T10:00:00Z";
    e.payload = payload.dump();
    Result<ledger::Digest> previous =
        ledger::DigestFromHex(next["previous_hash"].get<std::string>());
    EXPECT_TRUE(previous.ok());
    ledger::SealEntry(*previous, *key, &e);
    return Post(user, "/v1/ledger/entries", ledger::EntryToJson(e));
  }

  // What a requirement is assigned in a coverage answer.
  static double Assigned(const json& coverage, const std::string& requirement) {
    for (const json& r : coverage["requirements"]) {
      if (r["requirement"] == requirement) return r["assigned"].get<double>();
    }
    ADD_FAILURE() << "no requirement " << requirement;
    return -1;
  }

  // The scenario's quantity of `capability` from contributions a reader with `clearance` (and its
  // own records) may read, leaving out the parties in `dropped`: worked out from the scenario,
  // not from the service.
  static double ScenarioQuantity(Capability capability, const std::string& reader,
                                 Classification clearance,
                                 const std::set<std::string>& dropped = {}) {
    double total = 0;
    for (const Contribution& c : scenario_->contributions) {
      if (c.capability != capability || dropped.count(c.party)) continue;
      if (c.classification <= clearance || c.party == reader) total += c.quantity;
    }
    return total;
  }

  static double RequiredQuantity(const std::string& requirement) {
    for (const Requirement& r : scenario_->requirements) {
      if (r.id == requirement) return r.quantity;
    }
    ADD_FAILURE() << "no requirement " << requirement;
    return -1;
  }

  // The ledger's entries of `kind`, as the HQ reads them.
  std::vector<json> LedgerEntriesOfKind(const std::string& kind) {
    std::vector<json> out;
    const json answer = GetJson("hq", "/v1/ledger/entries?limit=10000");
    for (const json& e : answer["items"]) {
      if (e["kind"] == kind) out.push_back(e);
    }
    return out;
  }

  static Scenario* scenario_;
  static AgreementMap* map_;
  fs::path dir_;
  std::string location_, postgres_url_, schema_;
  ledger::SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ledger::KeyStore> keys_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<HttpService> service_;
  std::thread runner_;
  std::unique_ptr<httplib::Client> client_;
  std::map<std::string, std::string> tokens_;
};

Scenario* ServiceTest::scenario_ = nullptr;
AgreementMap* ServiceTest::map_ = nullptr;

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
      {"GET", "/v1/gaps", "", "", everyone},
      {"POST",
       "/v1/gaps",
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

std::vector<std::string> ExampleGapLines() {
  std::ifstream in(SourceDir() + "/examples/paris-2026/gaps.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

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

TEST_F(ServiceTest, LedgerTakesEntriesSealedByTheirAuthorsOnly) {
  ASSERT_TRUE(keys_->Create("FR").ok());
  Result<ledger::KeyPair> fr = keys_->LoadKeyPair("FR");
  ASSERT_TRUE(fr.ok());
  const json next = GetJson("fr", "/v1/ledger/next");
  ledger::LedgerEntry e;
  e.sequence = next["sequence"].get<uint64_t>();
  e.kind = ledger::EntryKind::kPledge;
  e.author = "FR";
  e.recorded_at = "2026-02-05T10:00:00Z";
  e.payload = R"({"id":"fr-brigade","party":"FR","capability":"land_brigade","quantity":1,)"
              R"("classification":"national"})";
  Result<ledger::Digest> previous = ledger::DigestFromHex(next["previous_hash"].get<std::string>());
  ASSERT_TRUE(previous.ok());
  ledger::SealEntry(*previous, *fr, &e);
  const std::string body = ledger::EntryToJson(e);
  EXPECT_EQ(Post("de", "/v1/ledger/entries", body)->status, 403);  // not DE's entry
  httplib::Result ok = Post("fr", "/v1/ledger/entries", body);
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(Post("fr", "/v1/ledger/entries", body)->status, 409);  // sealed for a taken place
  json tampered = json::parse(body);
  tampered["sequence"] = 1;
  tampered["payload"] =
      R"({"id":"fr-brigade-2","party":"FR","capability":"land_brigade","quantity":1,)"
      R"("classification":"public"})";
  httplib::Result forged = Post("fr", "/v1/ledger/entries", tampered.dump());
  EXPECT_EQ(forged->status, 400);
  EXPECT_THAT(forged->body, HasSubstr("entry_hash"));  // a valid pledge, but not what FR signed
  // The national pledge is FR's to read; its place in the tree is provable to all.
  EXPECT_EQ(GetJson("fr", "/v1/ledger/entries")["items"].size(), 1u);
  EXPECT_EQ(GetJson("de", "/v1/ledger/entries")["items"].size(), 0u);
  EXPECT_EQ(Get("de", "/v1/ledger/entries/0")->status, 403);
  EXPECT_EQ(GetJson("de", "/v1/ledger/head")["tree_size"], 1);
  EXPECT_EQ(Get("de", "/v1/ledger/proofs/inclusion?sequence=0")->status, 200);
}

// A restricted pledge sealed by FR raises the coverage of those cleared for it (FR, the HQ, the
// Commission) and of no one else.
TEST_F(ServiceTest, LedgerPledgeRaisesCoverageOnlyForReadersClearedForIt) {
  struct Reader {
    std::string user, organisation;
    Classification clearance;
    bool cleared;  // may read FR's restricted pledge
  };
  const std::vector<Reader> readers = {
      {"fr", "FR", Classification::kCoalition, true},
      {"hq", "hq", Classification::kRestricted, true},
      {"commission", "commission", Classification::kRestricted, true},
      {"de", "DE", Classification::kCoalition, false},
      {"be", "BE", Classification::kCoalition, false}};
  std::map<std::string, json> before;
  for (const Reader& r : readers) before[r.user] = GetJson(r.user, "/v1/force/coverage");
  const double pledged = 1;
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kPledge,
                             {{"id", "fr-brigade-2"},
                              {"party", "FR"},
                              {"capability", "land_brigade"},
                              {"quantity", pledged},
                              {"readiness_days", 60},
                              {"classification", "restricted"}});
  ASSERT_EQ(r->status, 201) << r->body;
  // req-land is the only requirement of land brigades, and every land brigade serves it (its
  // region is 250 km from the line, beyond every caveat's minimum; D+90 is after every readiness):
  // it is assigned every land brigade the reader may read, up to the quantity required.
  const double required = RequiredQuantity("req-land");
  for (const Reader& reader : readers) {
    SCOPED_TRACE(reader.user);
    const json after = GetJson(reader.user, "/v1/force/coverage");
    const double was = std::min(required, ScenarioQuantity(Capability::kLandBrigade,
                                                           reader.organisation, reader.clearance));
    const double now = std::min(required, ScenarioQuantity(Capability::kLandBrigade,
                                                           reader.organisation, reader.clearance) +
                                              (reader.cleared ? pledged : 0));
    EXPECT_DOUBLE_EQ(Assigned(after, "req-land"), now);
    EXPECT_DOUBLE_EQ(
        after["covered_units"].get<double>() - before[reader.user]["covered_units"].get<double>(),
        now - was);
    if (reader.cleared) {
      EXPECT_GT(now, was);
    } else {
      EXPECT_EQ(after, before[reader.user]);
    }
  }
  auto find = [&](const std::string& user) {
    const json answer = GetJson(user, "/v1/pledges");
    for (const json& p : answer["items"]) {
      if (p["id"] == "fr-brigade-2") return p;
    }
    return json();
  };
  EXPECT_EQ(find("hq")["source"], "ledger");
  EXPECT_EQ(find("hq")["ledger_sequence"], 0);
  EXPECT_EQ(find("fr")["party"], "FR");
  EXPECT_TRUE(find("de").is_null());
}

// A national pledge is FR's alone: no other delegation (nor the HQ) finds it in the pledges, the
// coverage or a what-if; FR's own plans count it.
TEST_F(ServiceTest, NationalLedgerPledgeStaysOutOfOtherReadersPlans) {
  const std::string drop_gb = R"({"drop":["GB"]})";
  std::map<std::string, json> pledges, coverage, whatif;
  for (const std::string user : {"de", "hq", "fr"}) {
    pledges[user] = GetJson(user, "/v1/pledges");
    coverage[user] = GetJson(user, "/v1/force/coverage");
    whatif[user] = json::parse(Post(user, "/v1/force/whatif", drop_gb)->body);
  }
  const double pledged = 1;
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kPledge,
                             {{"id", "fr-brigade-3"},
                              {"party", "FR"},
                              {"capability", "land_brigade"},
                              {"quantity", pledged},
                              {"classification", "national"}});
  ASSERT_EQ(r->status, 201) << r->body;
  for (const std::string user : {"de", "hq"}) {
    SCOPED_TRACE(user);
    const json now = GetJson(user, "/v1/pledges");
    EXPECT_EQ(now["items"], pledges[user]["items"]);
    EXPECT_EQ(now["total"], pledges[user]["total"]);
    EXPECT_EQ(GetJson(user, "/v1/force/coverage"), coverage[user]);
    EXPECT_EQ(json::parse(Post(user, "/v1/force/whatif", drop_gb)->body), whatif[user]);
    EXPECT_EQ(Get(user, "/v1/ledger/entries/0")->status, 403);
  }
  // FR's plans, worked out from the scenario and the pledge (req-land takes every land brigade;
  // see the test above).
  const double required = RequiredQuantity("req-land");
  const json fr_pledges = GetJson("fr", "/v1/pledges");
  EXPECT_EQ(fr_pledges["total"].get<int>(), pledges["fr"]["total"].get<int>() + 1);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("fr", "/v1/force/coverage"), "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "FR",
                                                       Classification::kCoalition) +
                                          pledged));
  const json fr_whatif = json::parse(Post("fr", "/v1/force/whatif", drop_gb)->body);
  EXPECT_DOUBLE_EQ(Assigned(fr_whatif["after"], "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "FR",
                                                       Classification::kCoalition, {"GB"}) +
                                          pledged));
  EXPECT_DOUBLE_EQ(Assigned(whatif["de"]["after"], "req-land"),
                   std::min(required, ScenarioQuantity(Capability::kLandBrigade, "DE",
                                                       Classification::kCoalition, {"GB"})));
}

// FR withdraws its scenario contribution and changes the quantity and readiness of one it pledged
// on the ledger; every reader's coverage follows.
TEST_F(ServiceTest, WithdrawalsAndChangesByTheContributionsOwnPartyChangeCoverage) {
  const double required = RequiredQuantity("req-land");
  const double all = ScenarioQuantity(Capability::kLandBrigade, "DE", Classification::kCoalition);
  double fr_land = 0;
  for (const Contribution& c : scenario_->contributions) {
    if (c.id == "fr-land") fr_land = c.quantity;
  }
  ASSERT_GT(fr_land, 0);
  const json before = GetJson("de", "/v1/force/coverage");
  httplib::Result r = Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                             {{"contribution", "fr-land"}, {"withdrawn", true}});
  ASSERT_EQ(r->status, 201) << r->body;
  json after = GetJson("de", "/v1/force/coverage");
  EXPECT_DOUBLE_EQ(Assigned(after, "req-land"), std::min(required, all - fr_land));
  EXPECT_DOUBLE_EQ(before["covered_units"].get<double>() - after["covered_units"].get<double>(),
                   std::min(required, all) - std::min(required, all - fr_land));
  bool listed = false;
  const json answer = GetJson("de", "/v1/pledges");
  for (const json& p : answer["items"]) {
    if (p["id"] != "fr-land") continue;
    listed = true;
    EXPECT_EQ(p["withdrawn"], true);
    EXPECT_EQ(p["changed_in"], json::array({0}));
  }
  EXPECT_TRUE(listed);
  // A withdrawal is final.
  httplib::Result again = Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                                 {{"contribution", "fr-land"}, {"quantity", 2}});
  EXPECT_EQ(again->status, 400);
  EXPECT_THAT(again->body, HasSubstr("withdrawn at ledger entry 0"));
  // A pledge on the ledger, then more of it, then too late for req-land (needed by D+90).
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kPledge,
                   {{"id", "fr-brigade-4"},
                    {"party", "FR"},
                    {"capability", "land_brigade"},
                    {"quantity", 1},
                    {"readiness_days", 30}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land + 1));
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                   {{"contribution", "fr-brigade-4"}, {"quantity", 2}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land + 2));
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kContributionChange,
                   {{"contribution", "fr-brigade-4"}, {"readiness_days", 120}})
                ->status,
            201);
  EXPECT_DOUBLE_EQ(Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
                   std::min(required, all - fr_land));
  // The plans are folded from the ledger again after a restart.
  const std::string plans = Get("de", "/v1/pledges")->body;
  const std::string cover = Get("de", "/v1/force/coverage")->body;
  Restart();
  EXPECT_EQ(Get("de", "/v1/pledges")->body, plans);
  EXPECT_EQ(Get("de", "/v1/force/coverage")->body, cover);
}

// Only a contribution's own party changes it, and a party pledges for itself alone; nothing
// refused is appended. A contribution DE may not read is refused as one that does not exist.
TEST_F(ServiceTest, PlanEntriesForAnotherPartyAreRefused) {
  httplib::Result theirs = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                  {{"contribution", "fr-land"}, {"quantity", 2}});
  EXPECT_EQ(theirs->status, 403);
  EXPECT_THAT(theirs->body, HasSubstr("only FR may change it"));
  httplib::Result hidden = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                  {{"contribution", "be-land"}, {"withdrawn", true}});
  httplib::Result none = Submit("de", "DE", ledger::EntryKind::kContributionChange,
                                {{"contribution", "xx-none"}, {"withdrawn", true}});
  EXPECT_EQ(hidden->status, 400);
  EXPECT_EQ(none->status, 400);
  std::string hidden_message = json::parse(hidden->body)["error"]["message"];
  hidden_message.replace(hidden_message.find("be-land"), 7, "xx-none");
  EXPECT_EQ(hidden_message, json::parse(none->body)["error"]["message"]);
  httplib::Result for_gb = Submit(
      "fr", "FR", ledger::EntryKind::kPledge,
      {{"id", "gb-brigade-2"}, {"party", "GB"}, {"capability", "land_brigade"}, {"quantity", 1}});
  EXPECT_EQ(for_gb->status, 403);
  EXPECT_THAT(for_gb->body, HasSubstr("party"));
  httplib::Result commits_gb = Submit("fr", "FR", ledger::EntryKind::kCommitment,
                                      {{"id", "gb-more"},
                                       {"party", "GB"},
                                       {"trigger", "znpp-strike"},
                                       {"response", "r"},
                                       {"nature", "political"}});
  EXPECT_EQ(commits_gb->status, 403);
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], 0);
}

// A payload that would not apply is refused before it is appended (an entry cannot be removed),
// with a message naming the field.
TEST_F(ServiceTest, MalformedPlanPayloadsAreRefusedNamingTheFieldAndNotAppended) {
  const json brigade = {
      {"id", "fr-x"}, {"party", "FR"}, {"capability", "land_brigade"}, {"quantity", 1}};
  auto with = [&](json j, const std::string& key, const json& value) {
    j[key] = value;
    return j;
  };
  auto without = [&](json j, const std::string& key) {
    j.erase(key);
    return j;
  };
  const json commitment = {{"id", "fr-c"},
                           {"party", "FR"},
                           {"trigger", "znpp-strike"},
                           {"response", "convene the coalition"},
                           {"nature", "political"}};
  struct Case {
    ledger::EntryKind kind;
    json payload;
    std::string field;  // what the message must name
  };
  const std::vector<Case> cases = {
      {ledger::EntryKind::kPledge, with(brigade, "quantity", -2), "quantity"},
      {ledger::EntryKind::kPledge, with(brigade, "units", 2), "units"},
      {ledger::EntryKind::kPledge, with(brigade, "capability", "tanks"), "capability"},
      {ledger::EntryKind::kPledge,
       with(brigade, "caveats", json{{"regions", json::array({"moon"})}}), "caveats.regions[0]"},
      {ledger::EntryKind::kPledge, with(brigade, "classification", "secret"), "classification"},
      {ledger::EntryKind::kPledge, without(brigade, "id"), "id"},
      {ledger::EntryKind::kPledge, with(brigade, "id", "x-1"), "id"},
      {ledger::EntryKind::kPledge, with(brigade, "id", "fr-land"), "id"},  // the scenario's
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"units", 2}},
       "units"},
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"quantity", "many"}},
       "quantity"},
      {ledger::EntryKind::kContributionChange,
       {{"contribution", "fr-land"}, {"withdrawn", false}},
       "withdrawn"},
      {ledger::EntryKind::kContributionChange, {{"quantity", 2}}, "contribution"},
      {ledger::EntryKind::kContributionChange, {{"contribution", "fr-land"}}, "at least one"},
      {ledger::EntryKind::kCommitment, with(commitment, "trigger", "no-such"), "trigger"},
      {ledger::EntryKind::kCommitment, without(commitment, "nature"), "nature"},
      {ledger::EntryKind::kActivation, {{"activation", "x"}}, "kind"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.payload.dump());
    httplib::Result r = Submit("fr", "FR", c.kind, c.payload);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_THAT(json::parse(r->body)["error"]["message"].get<std::string>(), HasSubstr(c.field));
  }
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], 0);
  // The same commitment, whole, is taken and served.
  ASSERT_EQ(Submit("fr", "FR", ledger::EntryKind::kCommitment, commitment)->status, 201);
  bool served = false;
  const json answer = GetJson("de", "/v1/commitments");
  for (const json& m : answer["items"]) {
    if (m["id"] != "fr-c") continue;
    served = true;
    EXPECT_EQ(m["source"], "ledger");
    EXPECT_EQ(m["trigger"], "znpp-strike");
  }
  EXPECT_TRUE(served);
}

// A plan entry that breaks the rules but reached the ledger another way (here the ledger API,
// as `guarantor ledger append` does on the server's data directory) changes nothing and is
// reported to those who may read it.
TEST_F(ServiceTest, PlanEntriesAppendedElsewhereAreFoldedOrReportedAsIgnored) {
  ASSERT_TRUE(keys_->Create("FR").ok());
  ASSERT_TRUE(ledger_
                  ->Append(ledger::EntryKind::kPledge, "FR",
                           R"({"id":"fr-brigade-5","party":"FR","capability":"land_brigade",)"
                           R"("quantity":1})")
                  .ok());
  ASSERT_TRUE(ledger_
                  ->Append(ledger::EntryKind::kContributionChange, "FR",
                           R"({"contribution":"gb-land","withdrawn":true})")
                  .ok());
  const json pledges = GetJson("de", "/v1/pledges");
  bool pledged = false;
  for (const json& p : pledges["items"]) {
    if (p["id"] == "fr-brigade-5") pledged = p["ledger_sequence"] == 0;
    if (p["id"] == "gb-land") {
      EXPECT_EQ(p["withdrawn"], false);
    }
  }
  EXPECT_TRUE(pledged);
  ASSERT_EQ(pledges["ignored_entries"].size(), 1u);
  EXPECT_EQ(pledges["ignored_entries"][0]["sequence"], 1);
  EXPECT_THAT(pledges["ignored_entries"][0]["reason"].get<std::string>(),
              HasSubstr("only GB may change it"));
  EXPECT_DOUBLE_EQ(
      Assigned(GetJson("de", "/v1/force/coverage"), "req-land"),
      std::min(RequiredQuantity("req-land"),
               ScenarioQuantity(Capability::kLandBrigade, "DE", Classification::kCoalition) + 1));
}

// Each activation the engine concludes is appended once, signed by the Commission; a restart,
// which rebuilds the activations, appends nothing more; a ledger that lacks them gets them at
// the next start.
TEST_F(ServiceTest, ActivationsAreOnTheLedgerOnceAcrossRestarts) {
  ASSERT_EQ(Ingest("monitor", Join(ExampleLines()))->status, 200);
  WaitFolded();
  const json served = GetJson("hq", "/v1/activations");
  // The example fires these two triggers (docs/guarantees.md §8, from `guarantor replay`).
  std::set<std::string> triggers;
  for (const json& a : served["items"]) triggers.insert(a["trigger"].get<std::string>());
  EXPECT_EQ(triggers, (std::set<std::string>{"znpp-strike", "renewed-armed-attack"}));
  auto check_ledger = [&] {
    const std::vector<json> entries = LedgerEntriesOfKind("activation");
    ASSERT_EQ(entries.size(), served["items"].size());
    std::set<std::string> ids;
    const json answer = GetJson("hq", "/v1/activations");
    for (const json& a : answer["items"]) {
      const std::string id =
          a["trigger"].get<std::string>() + "@" + a["fired_at"].get<std::string>();
      ASSERT_TRUE(a["ledger_sequence"].is_number()) << id;
      const json entry = GetJson("de", "/v1/ledger/entries/" + a["ledger_sequence"].dump());
      EXPECT_EQ(entry["kind"], "activation");
      EXPECT_EQ(entry["author"], "commission");
      const json payload = json::parse(entry["payload"].get<std::string>());
      EXPECT_EQ(payload["activation"], id);
      EXPECT_EQ(payload["facts"], a["facts"]);
      EXPECT_EQ(payload["classification"], "coalition");
      // The entry reaches every delegation: it carries the obligations every delegation may read,
      // and none of a restricted or national commitment.
      std::set<std::string> expected, recorded;
      for (const Commitment& m : scenario_->commitments) {
        if (m.trigger == a["trigger"] && m.classification <= Classification::kCoalition)
          expected.insert(m.id);
      }
      for (const json& o : payload["obligations"]) recorded.insert(o["commitment"]);
      EXPECT_EQ(recorded, expected) << id;
      ids.insert(id);
    }
    EXPECT_EQ(ids.size(), entries.size());
  };
  check_ledger();
  const json head = GetJson("hq", "/v1/ledger/head");
  Restart();
  EXPECT_EQ(GetJson("hq", "/v1/ledger/head")["tree_size"], head["tree_size"]);
  check_ledger();
  // A ledger without them (as if the service had stopped before appending): the next start
  // appends them, once.
  Stop();
  for (const char* file : {"ledger.db", "ledger.db-wal", "ledger.db-shm"}) fs::remove(dir_ / file);
  Start();
  check_ledger();
  Restart();
  check_ledger();
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

}  // namespace
}  // namespace guarantor::server

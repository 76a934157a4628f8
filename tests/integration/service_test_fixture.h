// The HTTP service in process, over a real socket, on the shipped example: the fixture and the
// helpers the service tests share (service_access_test.cc, service_monitoring_test.cc,
// service_plans_test.cc).
//
// The store is SQLite in a temporary directory, or PostgreSQL when GUARANTOR_TEST_POSTGRES_URL
// names a database (each test in a schema of its own; integration_store_postgres sets it).
#pragma once

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

namespace guarantor::server::service_test {

using ::testing::HasSubstr;
using json = nlohmann::json;
namespace fs = std::filesystem;

inline std::string SourceDir() { return GUARANTOR_SOURCE_DIR; }

inline std::vector<std::string> ExampleLines() {
  std::ifstream in(SourceDir() + "/examples/paris-2026/observations.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

inline std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// A UAV report of artillery fire in the security zone, which verifies alone, with the given id
// and time. Written out rather than taken from the example, whose sources change with the
// simulator.
inline constexpr char kUavReportLine[] =
    R"({"id":"obs-1","time":"2026-02-01T00:09:05+02:00","time_uncertainty_s":5.0,)"
    R"("source":{"id":"uav-05","type":"uav"},"kind":"artillery_fire","position":{"lat":46.544304,)"
    R"("lon":32.534827,"uncertainty_m":60.0},"weapon_class":"artillery_ge_100mm","count":13,)"
    R"("confidence":0.9})";

inline std::string UavReport(const std::string& id, const std::string& time) {
  json j = json::parse(kUavReportLine);
  j["id"] = id;
  j["time"] = time;
  return j.dump();
}

// A quiet report that only moves record time on (closing the incidents before it).
inline std::string Tick(const std::string& id, const std::string& time) {
  json j = json::parse(kUavReportLine);
  j["id"] = id;
  j["time"] = time;
  j["kind"] = "troop_movement";
  j["weapon_class"] = "unknown";
  j["position"] = {{"lat", 50.45}, {"lon", 30.52}, {"uncertainty_m", 100.0}};
  return j.dump();
}

// The system's clock moved on by whole days when a test says so: read by the service's threads
// (decisions, the remedy watch) while the test moves it.
class ShiftedClock final : public ledger::Clock {
 public:
  Timestamp Now() override {
    return Timestamp(system_.Now().utc_micros() + shift_micros_.load(), 0);
  }
  void AdvanceDays(int days) { shift_micros_ += int64_t{days} * 86'400'000'000; }

 private:
  ledger::SystemClock system_;
  std::atomic<int64_t> shift_micros_{0};
};

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
    if (config.records_directory.empty()) config.records_directory = dir_.string();  // as serve
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

  // Every page of `query` for `user`, `page_size` at a time, following next_after: the items.
  // Expects every page to state the same total, and that total to be the number of items.
  std::vector<json> PageThrough(const std::string& user, const std::string& query, int page_size) {
    std::vector<json> items;
    int64_t after = 0, total = -1;
    const char* sep = query.find('?') == std::string::npos ? "?" : "&";
    for (int page = 0; page < 1000; ++page) {
      const json answer = GetJson(user, query + sep + "limit=" + std::to_string(page_size) +
                                            "&after=" + std::to_string(after));
      if (total < 0) total = answer["total"].get<int64_t>();
      EXPECT_EQ(answer["total"].get<int64_t>(), total) << query << " page " << page;
      for (const json& i : answer["items"]) items.push_back(i);
      if (!answer.contains("next_after")) break;
      after = answer["next_after"].get<int64_t>();
    }
    EXPECT_EQ(total, static_cast<int64_t>(items.size())) << query << " as " << user;
    return items;
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
    IngestFrNationalViolation();
  }

  // FR's national reports of a violation after the example, then the ticks that close it;
  // waits until the engine has folded them.
  void IngestFrNationalViolation() {
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

  inline static Scenario* scenario_ = nullptr;
  inline static AgreementMap* map_ = nullptr;
  fs::path dir_;
  std::string location_, postgres_url_, schema_;
  ShiftedClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ledger::KeyStore> keys_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<HttpService> service_;
  std::thread runner_;
  std::unique_ptr<httplib::Client> client_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace guarantor::server::service_test

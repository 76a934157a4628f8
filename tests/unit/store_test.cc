// The Store contract, run against each backend: SQLite in a temporary directory, and PostgreSQL
// when GUARANTOR_TEST_POSTGRES_URL names a database (each test then works in its own schema,
// dropped afterwards). tests/integration/store_postgres_test.sh starts a private server and runs
// the PostgreSQL instantiation.
#include "store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

namespace guarantor::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

enum class Backend { kSqlite, kPostgres };

StoredObservation Obs(const std::string& id, int64_t time_micros, double lat = 48.5,
                      double lng = 35.0, const std::string& kind = "artillery_fire",
                      const std::string& owner = "ua",
                      Classification classification = Classification::kCoalition,
                      const std::string& source_id = "drone-1") {
  StoredObservation o;
  o.id = id;
  o.time_micros = time_micros;
  o.kind = kind;
  o.source_id = source_id;
  o.source_type = "uav";
  o.lat = lat;
  o.lng = lng;
  o.owner = owner;
  o.classification = classification;
  o.record = R"({"id":")" + id + R"(","note":"quote \" backslash \\ tab \t é 💥"})";
  return o;
}

IngestBatch Batch(std::vector<StoredObservation> observations, const std::string& key = "",
                  const std::string& by = "alice") {
  return IngestBatch{key, by, std::move(observations)};
}

std::vector<std::string> Ids(const std::vector<StoredObservation>& rows) {
  std::vector<std::string> ids;
  for (const StoredObservation& o : rows) ids.push_back(o.id);
  return ids;
}

// Appends `n` observations "<prefix>-0" ... "<prefix>-(n-1)", one microsecond apart from `t0`.
IngestReceipt AppendRange(Store& store, const std::string& prefix, int n, int64_t t0 = 1000) {
  std::vector<StoredObservation> rows;
  for (int i = 0; i < n; ++i) rows.push_back(Obs(prefix + "-" + std::to_string(i), t0 + i));
  Result<IngestReceipt> r = store.AppendObservations(Batch(std::move(rows)));
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : IngestReceipt{};
}

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      const char* url = std::getenv("GUARANTOR_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "skipped: GUARANTOR_TEST_POSTGRES_URL not set";
      }
      postgres_url_ = url;
      static std::atomic<int> counter{0};
      schema_ = "store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
      Sql("CREATE EXTENSION IF NOT EXISTS postgis");  // in public, shared by the test schemas
      Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      Sql("CREATE SCHEMA " + schema_);
      location_ = postgres_url_ + (postgres_url_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema_ + "%2Cpublic";
    } else {
      char pattern[] = "/tmp/store_test_XXXXXX";
      ASSERT_NE(mkdtemp(pattern), nullptr);
      dir_ = pattern;
      location_ = dir_ + "/nested/data";  // OpenStore creates the parents
    }
  }

  void TearDown() override {
    if (!schema_.empty()) Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> store = OpenStore(location_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Records schema `version` as applied, as a newer guarantor would.
  void RecordSchemaVersion(int version) {
    const std::string values =
        " (version, applied_at) VALUES (" + std::to_string(version) + ", '2099-01-01T00:00:00Z')";
    if (GetParam() == Backend::kPostgres) {
      Sql("INSERT INTO " + schema_ + ".schema_migrations" + values);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((location_ + "/guarantor.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, ("INSERT INTO schema_migrations" + values).c_str(), nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }

  // Runs `sql` on the store's database, whichever the backend.
  void Execute(const std::string& sql) {
    if (GetParam() == Backend::kPostgres) {
      Sql("SET search_path TO " + schema_ + ", public; " + sql);
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((location_ + "/guarantor.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  void Sql(const std::string& sql) {
    pqxx::connection c(postgres_url_);
    pqxx::nontransaction tx(c);
    tx.exec0("SET client_min_messages TO warning");
    tx.exec0(sql);
  }

  std::string location_;
  std::string dir_;           // SQLite: the temporary directory
  std::string postgres_url_;  // PostgreSQL: the database
  std::string schema_;        // PostgreSQL: this test's schema
};

TEST_P(StoreContractTest, SequencesAreDenseFromOneInCommitOrderAcrossBatches) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->LastSequence(), 0);
  const IngestReceipt a = AppendRange(*store, "a", 5);
  const IngestReceipt b = AppendRange(*store, "b", 3);
  const IngestReceipt c = AppendRange(*store, "c", 7);
  EXPECT_EQ(a.batch, 1);
  EXPECT_EQ(b.batch, 2);
  EXPECT_EQ(c.batch, 3);
  EXPECT_EQ(a.first_sequence, 1);
  EXPECT_EQ(b.first_sequence, 6);
  EXPECT_EQ(c.first_sequence, 9);
  EXPECT_EQ(c.count, 7);
  EXPECT_FALSE(c.replayed);
  EXPECT_EQ(*store->LastSequence(), 15);
  std::vector<StoredObservation> all;
  ASSERT_TRUE(store
                  ->ScanObservations(0,
                                     [&](const StoredObservation& o) {
                                       all.push_back(o);
                                       return true;
                                     })
                  .ok());
  ASSERT_EQ(all.size(), 15u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].sequence, static_cast<int64_t>(i + 1));
  EXPECT_EQ(all[0].id, "a-0");
  EXPECT_EQ(all[5].id, "b-0");
  EXPECT_EQ(all[14].id, "c-6");
  // Every field round-trips exactly, the record byte for byte.
  const StoredObservation expected = Obs("b-2", 1002);
  EXPECT_EQ(all[7].record, expected.record);
  EXPECT_EQ(all[7].time_micros, 1002);
  EXPECT_EQ(all[7].lat, expected.lat);
  EXPECT_EQ(all[7].lng, expected.lng);
  EXPECT_EQ(all[7].kind, expected.kind);
  EXPECT_EQ(all[7].source_id, expected.source_id);
  EXPECT_EQ(all[7].source_type, expected.source_type);
  EXPECT_EQ(all[7].owner, expected.owner);
  EXPECT_EQ(all[7].classification, expected.classification);
}

TEST_P(StoreContractTest, BatchWithAnIdRepeatedInsideItWritesNothing) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  AppendRange(*store, "a", 2);
  Result<IngestReceipt> r = store->AppendObservations(
      Batch({Obs("x-0", 1), Obs("x-1", 2), Obs("x-2", 3), Obs("x-1", 4), Obs("x-4", 5)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "record 3 (id \"x-1\"): repeats record 1 of this batch");
  EXPECT_EQ(*store->LastSequence(), 2);
  EXPECT_EQ(AppendRange(*store, "b", 1).first_sequence, 3);  // no gap left behind
  EXPECT_EQ(AppendRange(*store, "c", 1).batch, 3);
}

TEST_P(StoreContractTest, BatchRepeatingAStoredIdWritesNothing) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  AppendRange(*store, "a", 3);
  // An id with a quote and a comma checks the error path's own quoting.
  Result<IngestReceipt> r = store->AppendObservations(
      Batch({Obs("y-0", 1), Obs("y,\"1", 2), Obs("a-2", 3), Obs("a-0", 4)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "record 2 (id \"a-2\"): an observation with this id is already stored");
  EXPECT_EQ(*store->LastSequence(), 3);
  EXPECT_TRUE(store->AppendObservations(Batch({Obs("y,\"1", 2)})).ok());
  EXPECT_EQ(*store->LastSequence(), 4);
}

TEST_P(StoreContractTest, ReplayedKeyReturnsTheFirstReceiptAndWritesNothing) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  AppendRange(*store, "a", 2);
  Result<IngestReceipt> first = store->AppendObservations(Batch({Obs("k-0", 1)}, "key-1"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE(first->replayed);
  // The replay carries the same records: nothing is written, not even a duplicate error.
  Result<IngestReceipt> again = store->AppendObservations(Batch({Obs("k-0", 1)}, "key-1"));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->batch, first->batch);
  EXPECT_EQ(again->first_sequence, first->first_sequence);
  EXPECT_EQ(again->count, 1);
  EXPECT_EQ(*store->LastSequence(), 3);
  // The key is per submitter; batches without a key are never replays.
  Result<IngestReceipt> bob = store->AppendObservations(Batch({Obs("k-1", 1)}, "key-1", "bob"));
  ASSERT_TRUE(bob.ok());
  EXPECT_FALSE(bob->replayed);
  EXPECT_EQ(bob->batch, 3);
  EXPECT_FALSE(store->AppendObservations(Batch({Obs("k-2", 1)})).value().replayed);
  EXPECT_FALSE(store->AppendObservations(Batch({Obs("k-3", 1)})).value().replayed);
  EXPECT_EQ(*store->LastSequence(), 6);
}

class QueryTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (IsSkipped()) return;
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    using C = Classification;
    ASSERT_TRUE(store_
                    ->AppendObservations(Batch({
                        Obs("q0", 100, 48.0, 35.0, "artillery_fire", "ua", C::kPublic, "s1"),
                        Obs("q1", 200, 48.5, 35.5, "drone_strike", "ua", C::kCoalition, "s2"),
                        Obs("q2", 300, 49.0, 36.0, "artillery_fire", "pl", C::kRestricted, "s1"),
                        Obs("q3", 400, 50.0, 37.0, "troop_movement", "ua", C::kNational, "s3"),
                        Obs("q4", 500, 47.0, 34.0, "artillery_fire", "pl", C::kNational, "s1"),
                        Obs("q5", 600, 48.25, 35.25, "drone_strike", "pl", C::kPublic, "s2"),
                    }))
                    .ok());
  }

  // The ids matching `query` (all readable: max_shared kNational unless set), checking that
  // CountObservations agrees.
  std::vector<std::string> Select(ObservationQuery query) {
    Result<std::vector<StoredObservation>> rows = store_->QueryObservations(query);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    Result<int64_t> count = store_->CountObservations(query);
    EXPECT_TRUE(count.ok()) << count.status().message();
    if (!rows.ok() || !count.ok()) return {};
    EXPECT_EQ(*count, static_cast<int64_t>(rows->size()));
    return Ids(*rows);
  }
  static ObservationQuery All() {
    ObservationQuery q;
    q.scope.max_shared = Classification::kNational;
    return q;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(QueryTest, FiltersByTimeBoxKindSourceAndOwner) {
  EXPECT_THAT(Select(All()), ElementsAre("q0", "q1", "q2", "q3", "q4", "q5"));
  ObservationQuery time = All();
  time.from_micros = 200;  // inclusive
  time.to_micros = 500;    // exclusive
  EXPECT_THAT(Select(time), ElementsAre("q1", "q2", "q3"));
  ObservationQuery box = All();  // bounds inclusive: q1 and q2 sit on them
  box.south = 48.25;
  box.north = 49.0;
  box.west = 35.25;
  box.east = 36.0;
  EXPECT_THAT(Select(box), ElementsAre("q1", "q2", "q5"));
  box.east = 35.999999;
  EXPECT_THAT(Select(box), ElementsAre("q1", "q5"));
  ObservationQuery kinds = All();
  kinds.kinds = {"drone_strike", "troop_movement"};
  EXPECT_THAT(Select(kinds), ElementsAre("q1", "q3", "q5"));
  ObservationQuery ids = All();  // in store order, whatever the order asked; unknown ids match none
  ids.ids = {"q4", "q1", "nothing-like-it"};
  EXPECT_THAT(Select(ids), ElementsAre("q1", "q4"));
  ids.kinds = {"drone_strike"};  // and the other filters still apply
  EXPECT_THAT(Select(ids), ElementsAre("q1"));
  ObservationQuery source = All();
  source.source_id = "s1";
  EXPECT_THAT(Select(source), ElementsAre("q0", "q2", "q4"));
  ObservationQuery owner = All();
  owner.owner = "pl";
  owner.kinds = {"artillery_fire"};
  EXPECT_THAT(Select(owner), ElementsAre("q2", "q4"));
  ObservationQuery limited = All();
  limited.limit = 2;
  EXPECT_THAT(Ids(*store_->QueryObservations(limited)), ElementsAre("q0", "q1"));
  EXPECT_EQ(*store_->CountObservations(limited), 6);  // ignores limit and after_sequence
  limited.count_limit = 4;
  EXPECT_EQ(*store_->CountObservations(limited), 4);  // stops counting there
  limited.count_limit = 7;
  EXPECT_EQ(*store_->CountObservations(limited), 6);
}

TEST_P(QueryTest, ReadScopeFiltersRowsAndCountsAlike) {
  using C = Classification;
  auto with_scope = [](C max_shared, std::string organisation) {
    ObservationQuery q;
    q.scope = ReadScope{max_shared, std::move(organisation)};
    return q;
  };
  EXPECT_THAT(Select(with_scope(C::kPublic, "")), ElementsAre("q0", "q5"));
  EXPECT_THAT(Select(with_scope(C::kCoalition, "")), ElementsAre("q0", "q1", "q5"));
  EXPECT_THAT(Select(with_scope(C::kRestricted, "")), ElementsAre("q0", "q1", "q2", "q5"));
  EXPECT_THAT(Select(with_scope(C::kNational, "")),
              ElementsAre("q0", "q1", "q2", "q3", "q4", "q5"));
  // A delegation reads its own records at any classification.
  EXPECT_THAT(Select(with_scope(C::kCoalition, "ua")), ElementsAre("q0", "q1", "q3", "q5"));
  EXPECT_THAT(Select(with_scope(C::kPublic, "pl")), ElementsAre("q0", "q2", "q4", "q5"));
  // The store's filter and CanRead agree on every row and scope.
  for (int max = 0; max <= 3; ++max) {
    for (std::string org : {"", "ua", "pl", "fr"}) {
      const ReadScope scope{static_cast<C>(max), org};
      std::vector<std::string> expected;
      ASSERT_TRUE(store_
                      ->ScanObservations(0,
                                         [&](const StoredObservation& o) {
                                           if (CanRead(scope, o.classification, o.owner))
                                             expected.push_back(o.id);
                                           return true;
                                         })
                      .ok());
      EXPECT_EQ(Select(with_scope(scope.max_shared, org)), expected) << max << " " << org;
    }
  }
}

TEST_P(StoreContractTest, PaginationReturnsEveryRowExactlyOnce) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  std::vector<StoredObservation> rows;
  for (int i = 0; i < 250; ++i) {
    rows.push_back(Obs("p-" + std::to_string(i), i, 48.0, 35.0,
                       i % 3 == 0 ? "drone_strike" : "artillery_fire", "ua",
                       static_cast<Classification>(i % 4)));
  }
  ASSERT_TRUE(store->AppendObservations(Batch(rows)).ok());
  ObservationQuery q;
  q.scope = ReadScope{Classification::kRestricted, ""};
  q.kinds = {"artillery_fire"};
  q.limit = 7;
  const int64_t total = *store->CountObservations(q);
  std::vector<std::string> seen;
  for (;;) {
    Result<std::vector<StoredObservation>> page = store->QueryObservations(q);
    ASSERT_TRUE(page.ok()) << page.status().message();
    if (page->empty()) break;
    ASSERT_LE(page->size(), 7u);
    for (const StoredObservation& o : *page) {
      EXPECT_GT(o.sequence, q.after_sequence);
      seen.push_back(o.id);
    }
    q.after_sequence = page->back().sequence;
  }
  std::vector<std::string> expected;
  for (const StoredObservation& o : rows) {
    if (o.kind == "artillery_fire" && o.classification != Classification::kNational) {
      expected.push_back(o.id);
    }
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(total, static_cast<int64_t>(expected.size()));
}

TEST_P(StoreContractTest, ScanVisitsInSequenceOrderAndStopsWhenAsked) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  AppendRange(*store, "s", 10);
  std::vector<int64_t> sequences;
  ASSERT_TRUE(store
                  ->ScanObservations(3,
                                     [&](const StoredObservation& o) {
                                       sequences.push_back(o.sequence);
                                       return sequences.size() < 4;
                                     })
                  .ok());
  EXPECT_EQ(sequences, (std::vector<int64_t>{4, 5, 6, 7}));
}

TEST_P(StoreContractTest, LatestObservationTimeIsTheLargestStored) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->LatestObservationTime(), std::nullopt);
  ASSERT_TRUE(
      store->AppendObservations(Batch({Obs("t0", 500), Obs("t1", 900), Obs("t2", 700)})).ok());
  EXPECT_EQ(*store->LatestObservationTime(), 900);
}

TEST_P(StoreContractTest, UsersAreAddedFoundAndNeverDuplicated) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  const User alice{"alice", "delegation", "ua", HashToken("token-a"), "2026-05-01T12:00:00Z", ""};
  const User bob{"bob", "monitor", "monitors", HashToken("token-b"), "2026-05-01T12:00:01Z", ""};
  ASSERT_TRUE(store->AddUser(alice).ok());
  ASSERT_TRUE(store->AddUser(bob).ok());
  Result<std::optional<User>> found = store->FindUserByTokenHash(HashToken("token-b"));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, "bob");
  EXPECT_EQ((*found)->role, "monitor");
  EXPECT_EQ((*found)->organisation, "monitors");
  EXPECT_EQ((*found)->created_at, "2026-05-01T12:00:01Z");
  EXPECT_EQ(*store->FindUserByTokenHash(HashToken("nobody")), std::nullopt);
  User same_id = bob;
  same_id.token_hash = HashToken("token-c");
  Status s = store->AddUser(same_id);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("a user with this id exists"));
  User same_hash{"carol", "hq", "hq", alice.token_hash, "2026-05-01T12:00:02Z", ""};
  s = store->AddUser(same_hash);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("token hash belongs to another user"));
  Result<std::vector<User>> users = store->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].id, "alice");
  EXPECT_EQ((*users)[1].id, "bob");
}

TEST_P(StoreContractTest, RevokedUsersAreFoundWithTheirRevocationTime) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(
      store->AddUser({"alice", "delegation", "ua", HashToken("a"), "2026-05-01T12:00:00Z", ""})
          .ok());
  EXPECT_EQ((*store->FindUserByTokenHash(HashToken("a")))->revoked_at, "");
  ASSERT_TRUE(store->RevokeUser("alice", "2026-05-02T08:00:00Z").ok());
  EXPECT_EQ((*store->FindUserByTokenHash(HashToken("a")))->revoked_at, "2026-05-02T08:00:00Z");
  // A second revocation keeps the first time; an unknown user is named.
  ASSERT_TRUE(store->RevokeUser("alice", "2026-06-01T00:00:00Z").ok());
  EXPECT_EQ((*store->ListUsers())[0].revoked_at, "2026-05-02T08:00:00Z");
  Status unknown = store->RevokeUser("mallory", "2026-05-02T08:00:00Z");
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr("mallory"));
}

StoredGap Gap(const std::string& id, int64_t start, int64_t end, double lat, double lng,
              Classification classification = Classification::kCoalition,
              const std::string& owner = "monitors") {
  StoredGap g;
  g.id = id;
  g.start_micros = start;
  g.end_micros = end;
  g.lat = lat;
  g.lng = lng;
  g.radius_km = 12.5;
  g.owner = owner;
  g.classification = classification;
  g.record = "{\"id\":\"" + id + "\",\"end\":" + std::to_string(end) + "}";
  return g;
}

std::vector<std::string> GapIds(const Result<std::vector<StoredGap>>& gaps) {
  std::vector<std::string> ids;
  if (gaps.ok()) {
    for (const StoredGap& g : *gaps) ids.push_back(g.id);
  }
  return ids;
}

TEST_P(StoreContractTest, GapsAreStoredOnceAndQueriedByTimeOverlapBoxAndScope) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  using C = Classification;
  Result<CoverageReceipt> first =
      store->AppendGaps({Gap("g1", 100, 200, 48.0, 35.0), Gap("g2", 150, 400, 49.0, 36.0),
                         Gap("g3", 500, 600, 48.5, 35.5, C::kNational, "FR")});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->stored, 3);
  // The same file again is accepted without writing; a changed or repeated gap writes nothing.
  Result<CoverageReceipt> again =
      store->AppendGaps({Gap("g1", 100, 200, 48.0, 35.0), Gap("g4", 700, 800, 48.0, 35.0)});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stored, 1);
  EXPECT_EQ(again->unchanged, 1);
  Result<CoverageReceipt> changed =
      store->AppendGaps({Gap("g5", 1, 2, 48.0, 35.0), Gap("g2", 150, 999, 49.0, 36.0)});
  EXPECT_EQ(changed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(changed.status().message(), HasSubstr("gap 1 (id \"g2\")"));
  Result<CoverageReceipt> twice =
      store->AppendGaps({Gap("g6", 1, 2, 48, 35), Gap("g6", 1, 2, 48, 35)});
  EXPECT_THAT(twice.status().message(), HasSubstr("repeats gap 0"));

  CoverageQuery all;
  all.scope.max_shared = C::kNational;
  all.limit = 100;
  EXPECT_THAT(GapIds(store->QueryGaps(all)), ElementsAre("g1", "g2", "g3", "g4"));
  CoverageQuery window = all;  // overlapping [180, 450): g1 ends after 180, g2 spans it
  window.from_micros = 180;
  window.to_micros = 450;
  EXPECT_THAT(GapIds(store->QueryGaps(window)), ElementsAre("g1", "g2"));
  CoverageQuery box = all;
  box.south = 48.25;
  box.north = 49.5;
  box.west = 35.25;
  box.east = 36.5;
  EXPECT_THAT(GapIds(store->QueryGaps(box)), ElementsAre("g2", "g3"));
  CoverageQuery coalition;  // a delegation other than FR
  coalition.scope.max_shared = C::kCoalition;
  coalition.scope.organisation = "DE";
  EXPECT_THAT(GapIds(store->QueryGaps(coalition)), ElementsAre("g1", "g2", "g4"));
  coalition.scope.organisation = "FR";
  EXPECT_THAT(GapIds(store->QueryGaps(coalition)), ElementsAre("g1", "g2", "g3", "g4"));
  CoverageQuery page = all;
  page.after_sequence = 2;
  page.limit = 1;
  Result<std::vector<StoredGap>> one = store->QueryGaps(page);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].id, "g3");
  EXPECT_EQ((*one)[0].sequence, 3);
  EXPECT_EQ((*one)[0].record, Gap("g3", 500, 600, 48.5, 35.5).record);
  EXPECT_DOUBLE_EQ((*one)[0].radius_km, 12.5);
}

StoredAssetPlacement Placement(const std::string& id, int64_t start, int64_t end, double lat,
                               double lng,
                               Classification classification = Classification::kCoalition,
                               const std::string& owner = "monitors") {
  StoredAssetPlacement p;
  p.id = id;
  p.source_type = "camera";
  p.start_micros = start;
  p.end_micros = end;
  p.lat = lat;
  p.lng = lng;
  p.range_km = 8;
  p.owner = owner;
  p.classification = classification;
  p.record = "{\"id\":\"" + id + "\",\"from\":" + std::to_string(start) +
             ",\"to\":" + std::to_string(end) + "}";
  return p;
}

// "id@start" of each placement, in the order returned.
std::vector<std::string> PlacementKeys(const Result<std::vector<StoredAssetPlacement>>& rows) {
  std::vector<std::string> keys;
  if (rows.ok()) {
    for (const StoredAssetPlacement& p : *rows) {
      keys.push_back(p.id + "@" + std::to_string(p.start_micros));
    }
  }
  return keys;
}

TEST_P(StoreContractTest, AssetPlacementsAreKeyedByAssetAndStartAndQueriedAsGapsAre) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  using C = Classification;
  // One asset placed twice (a patrol on two days), another once, a national one.
  Result<CoverageReceipt> first = store->AppendAssetPlacements(
      {Placement("p1", 100, 200, 48.0, 35.0), Placement("p1", 300, 400, 49.0, 36.0),
       Placement("c1", 0, 1000, 48.5, 35.5, C::kNational, "FR")});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->stored, 3);
  Result<CoverageReceipt> again = store->AppendAssetPlacements(
      {Placement("p1", 100, 200, 48.0, 35.0), Placement("p1", 500, 600, 48.0, 35.0)});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->stored, 1);
  EXPECT_EQ(again->unchanged, 1);
  // A placement moved after the fact, or twice in one batch, writes nothing of its batch.
  Result<CoverageReceipt> changed = store->AppendAssetPlacements(
      {Placement("p2", 1, 2, 48, 35), Placement("p1", 300, 450, 49.0, 36.0)});
  EXPECT_EQ(changed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(changed.status().message(),
              HasSubstr("placement 1 (id \"p1\", start 1970-01-01T00:00:00.000300Z): stored "
                        "before with a different record"));
  Result<CoverageReceipt> twice =
      store->AppendAssetPlacements({Placement("p3", 1, 2, 48, 35), Placement("p3", 1, 2, 48, 35)});
  EXPECT_THAT(twice.status().message(), HasSubstr("repeats placement 0"));

  CoverageQuery all;
  all.scope.max_shared = C::kNational;
  all.limit = 100;
  EXPECT_THAT(PlacementKeys(store->QueryAssetPlacements(all)),
              ElementsAre("p1@100", "p1@300", "c1@0", "p1@500"));
  CoverageQuery window = all;  // overlapping [250, 350)
  window.from_micros = 250;
  window.to_micros = 350;
  EXPECT_THAT(PlacementKeys(store->QueryAssetPlacements(window)), ElementsAre("p1@300", "c1@0"));
  CoverageQuery box = all;
  box.south = 48.25;
  box.north = 49.5;
  box.west = 35.25;
  box.east = 36.5;
  EXPECT_THAT(PlacementKeys(store->QueryAssetPlacements(box)), ElementsAre("p1@300", "c1@0"));
  CoverageQuery coalition;  // a delegation other than FR
  coalition.scope.max_shared = C::kCoalition;
  coalition.scope.organisation = "DE";
  coalition.limit = 100;
  EXPECT_THAT(PlacementKeys(store->QueryAssetPlacements(coalition)),
              ElementsAre("p1@100", "p1@300", "p1@500"));
  CoverageQuery page = all;
  page.after_sequence = 2;
  page.limit = 1;
  Result<std::vector<StoredAssetPlacement>> one = store->QueryAssetPlacements(page);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].sequence, 3);
  EXPECT_EQ((*one)[0].source_type, "camera");
  EXPECT_EQ((*one)[0].owner, "FR");
  EXPECT_EQ((*one)[0].record, Placement("c1", 0, 1000, 48.5, 35.5).record);
  EXPECT_DOUBLE_EQ((*one)[0].range_km, 8);
}

// The triage rule the server applies: a claim needs no open claim by anyone.
Status NoOpenClaim(const std::vector<CaseEvent>& so_far) {
  std::string holder;
  for (const CaseEvent& e : so_far) {
    if (e.kind == CaseEventKind::kClaim) holder = e.user;
    if (e.kind == CaseEventKind::kRelease && e.user == holder) holder.clear();
  }
  if (!holder.empty()) return Status::FailedPrecondition("claimed by " + holder);
  return Status::Ok();
}

CaseEvent Event(const std::string& case_id, CaseEventKind kind, const std::string& user) {
  CaseEvent e;
  e.case_id = case_id;
  e.kind = kind;
  e.user = user;
  e.at = "2026-05-01T12:00:00Z";
  if (kind == CaseEventKind::kDecision) {
    e.decision = "violation_confirmed";
    e.rationale = "two independent sources";
  }
  return e;
}

TEST_P(StoreContractTest, CaseEventsEnforceThePreconditionInsideTheTransaction) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  auto ok = [](const std::vector<CaseEvent>&) { return Status::Ok(); };
  Result<CaseEvent> claim =
      store->AppendCaseEvent(Event("c1", CaseEventKind::kClaim, "u1"), NoOpenClaim);
  ASSERT_TRUE(claim.ok()) << claim.status().message();
  EXPECT_EQ(claim->sequence, 1);
  ASSERT_TRUE(store->AppendCaseEvent(Event("c2", CaseEventKind::kClaim, "u2"), NoOpenClaim).ok());
  Result<CaseEvent> refused =
      store->AppendCaseEvent(Event("c1", CaseEventKind::kClaim, "u2"), NoOpenClaim);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(), "claimed by u1");
  ASSERT_TRUE(store->AppendCaseEvent(Event("c1", CaseEventKind::kRelease, "u1"), ok).ok());
  ASSERT_TRUE(store->AppendCaseEvent(Event("c1", CaseEventKind::kClaim, "u2"), NoOpenClaim).ok());
  CaseEvent decided = Event("c1", CaseEventKind::kDecision, "u2");
  decided.case_sha256 = std::string(64, 'e');
  Result<CaseEvent> decision = store->AppendCaseEvent(decided, ok);
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(decision->sequence, 5);  // the refused claim left no gap
  Result<std::vector<CaseEvent>> c1 = store->CaseEvents("c1");
  ASSERT_TRUE(c1.ok());
  ASSERT_EQ(c1->size(), 4u);
  EXPECT_EQ((*c1)[3].kind, CaseEventKind::kDecision);
  EXPECT_EQ((*c1)[3].decision, "violation_confirmed");
  EXPECT_EQ((*c1)[3].rationale, "two independent sources");
  EXPECT_EQ((*c1)[3].user, "u2");
  EXPECT_EQ((*c1)[3].case_sha256, std::string(64, 'e'));
  EXPECT_EQ((*c1)[0].case_sha256, "");
  Result<std::vector<CaseEvent>> after = store->AllCaseEvents(2);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 3u);
  EXPECT_EQ((*after)[0].sequence, 3);
  EXPECT_EQ((*after)[0].kind, CaseEventKind::kRelease);
}

TEST_P(StoreContractTest, ConcurrentClaimsFromEightThreadsLetExactlyOneSucceed) {
  // Two stores on the same file or database: the check holds across connections, not only
  // within one store's mutex.
  std::unique_ptr<Store> first = Open();
  std::unique_ptr<Store> second = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  std::atomic<int> succeeded{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 == 0 ? *first : *second;
      Result<CaseEvent> r = store.AppendCaseEvent(
          Event("case-7", CaseEventKind::kClaim, "member-" + std::to_string(t)), NoOpenClaim);
      if (r.ok()) {
        ++succeeded;
      } else if (r.status().code() == StatusCode::kFailedPrecondition) {
        ++refused;
      } else {
        ADD_FAILURE() << r.status().message();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(succeeded, 1);
  EXPECT_EQ(refused, 7);
  EXPECT_EQ(first->CaseEvents("case-7")->size(), 1u);
}

TEST_P(StoreContractTest, ReadersRunBesideIngest) {
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int b = 0; b < 20; ++b) AppendRange(*store, "w" + std::to_string(b), 50);
    done = true;
  });
  int64_t last = 0;
  while (!done) {
    Result<int64_t> seq = store->LastSequence();
    ASSERT_TRUE(seq.ok()) << seq.status().message();
    EXPECT_GE(*seq, last);
    EXPECT_EQ(*seq % 50, 0);  // whole batches only
    last = *seq;
  }
  writer.join();
  EXPECT_EQ(*store->LastSequence(), 1000);
}

TEST_P(StoreContractTest, ReopeningKeepsEverythingAtTheCurrentSchemaVersion) {
  {
    std::unique_ptr<Store> store = Open();
    ASSERT_NE(store, nullptr);
    AppendRange(*store, "r", 4);
    ASSERT_TRUE(store->AddUser({"u", "hq", "hq", HashToken("t"), "2026-05-01T12:00:00Z", ""}).ok());
    ASSERT_TRUE(store->AppendCaseEvent(Event("c", CaseEventKind::kClaim, "u"), NoOpenClaim).ok());
  }
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->SchemaVersion(), CurrentSchemaVersion());
  EXPECT_EQ(*store->LastSequence(), 4);
  EXPECT_EQ(store->ListUsers()->size(), 1u);
  EXPECT_EQ(store->AllCaseEvents(0)->size(), 1u);
  EXPECT_EQ(AppendRange(*store, "s", 1).first_sequence, 5);
}

// A store of schema version 2, whose case events say neither which case they were recorded on,
// nor a remedy's deadline, nor a party held responsible, and which has no asset placements, keeps
// every event when it opens at the current version: those events carry an empty digest, no
// deadline and no party; placements, and parties, can then be stored.
TEST_P(StoreContractTest, CaseEventsOfAVersionTwoStoreSurviveTheUpgrade) {
  ASSERT_NE(Open(), nullptr);
  Execute("DROP TABLE asset_placements");
  Execute("ALTER TABLE case_events DROP COLUMN case_sha256");
  Execute("ALTER TABLE case_events DROP COLUMN remedy_due");
  Execute("ALTER TABLE case_events DROP COLUMN party");
  Execute("DELETE FROM schema_migrations WHERE version >= 3");
  Execute(
      "INSERT INTO case_events (sequence, case_id, kind, user_id, at, decision, rationale, "
      "remedy) VALUES (1, 'c9', 2, 'u1', '2026-05-01T12:00:00Z', 'attributed', 'why', '')");
  std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->SchemaVersion(), CurrentSchemaVersion());
  Result<std::vector<CaseEvent>> events = store->AllCaseEvents(0);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].case_id, "c9");
  EXPECT_EQ((*events)[0].decision, "attributed");
  EXPECT_EQ((*events)[0].case_sha256, "");
  EXPECT_EQ((*events)[0].remedy_due, "");
  EXPECT_EQ((*events)[0].party, "");
  CaseEvent attributed = Event("c9", CaseEventKind::kDecision, "u2");
  attributed.decision = "attributed";
  attributed.party = "RU";
  ASSERT_TRUE(store->AppendCaseEvent(attributed, NoOpenClaim).ok());
  EXPECT_EQ((*store->CaseEvents("c9"))[1].party, "RU");
  CaseEvent next = Event("c9", CaseEventKind::kDecision, "u2");
  next.decision = "remedy_decided";
  next.remedy = "a demarche";
  next.remedy_due = "2026-06-01";
  next.case_sha256 = std::string(64, 'a');
  ASSERT_TRUE(store->AppendCaseEvent(next, NoOpenClaim).ok());
  const CaseEvent stored = (*store->CaseEvents("c9"))[2];
  EXPECT_EQ(stored.case_sha256, std::string(64, 'a'));
  EXPECT_EQ(stored.party, "");
  EXPECT_EQ(stored.remedy, "a demarche");
  EXPECT_EQ(stored.remedy_due, "2026-06-01");
  Result<CoverageReceipt> placed = store->AppendAssetPlacements({Placement("p", 1, 2, 48, 35)});
  ASSERT_TRUE(placed.ok()) << placed.status().message();
  EXPECT_EQ(placed->stored, 1);
}

TEST_P(StoreContractTest, AStoreAtANewerSchemaVersionIsRefused) {
  ASSERT_NE(Open(), nullptr);
  RecordSchemaVersion(CurrentSchemaVersion() + 1);
  Result<std::unique_ptr<Store>> store = OpenStore(location_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(),
              HasSubstr("schema version " + std::to_string(CurrentSchemaVersion() + 1) +
                        ", newer than this build knows"));
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest, ::testing::Values(Backend::kSqlite),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest, ::testing::Values(Backend::kPostgres),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, QueryTest, ::testing::Values(Backend::kSqlite), BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, QueryTest, ::testing::Values(Backend::kPostgres), BackendName);

// Durability as another process sees it: once AppendObservations returns, an independent
// connection to the file reads the rows.
TEST(SqliteStoreTest, CommittedRowsAreInTheFileForAnIndependentConnection) {
  char pattern[] = "/tmp/store_test_XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  Result<std::unique_ptr<Store>> store = OpenStore(dir);
  ASSERT_TRUE(store.ok()) << store.status().message();
  AppendRange(**store, "d", 25);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir + "/guarantor.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*), MAX(sequence) FROM observations", -1, &stmt,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(stmt, 0), 25);
  EXPECT_EQ(sqlite3_column_int64(stmt, 1), 25);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST(TokenTest, HashIsHexSha256AndNewTokensAreRandomBase64Url) {
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string a = NewToken(), b = NewToken();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 3u + 43u);
  EXPECT_EQ(a.substr(0, 3), "gt_");
  EXPECT_TRUE(std::all_of(a.begin() + 3, a.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  }));
}

TEST(CanReadTest, ClassificationUpToMaxSharedOrOwnRecords) {
  const ReadScope coalition{Classification::kCoalition, "ua"};
  EXPECT_TRUE(CanRead(coalition, Classification::kPublic, "pl"));
  EXPECT_TRUE(CanRead(coalition, Classification::kCoalition, "pl"));
  EXPECT_FALSE(CanRead(coalition, Classification::kRestricted, "pl"));
  EXPECT_TRUE(CanRead(coalition, Classification::kNational, "ua"));
  EXPECT_FALSE(CanRead(ReadScope{Classification::kPublic, ""}, Classification::kNational, ""));
}

}  // namespace
}  // namespace guarantor::store

// The ledger's storage, keys, entries, tree heads and proofs (src/ledger/): schema migrations,
// durability of an acknowledged append, key files and their permissions, the JSON documents a
// delegation keeps, and proofs from a live ledger.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ledger/key_store.h"
#include "ledger/ledger.h"
#include "ledger/ledger_store.h"
#include "ledger/ledger_verifier.h"
#include "ledger/merkle_tree.h"
#include "ledger/proof_document.h"
#include "ledger/tree_head.h"

namespace guarantor::ledger {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = ::testing::TempDir() + "ledger_store_XXXXXX";
    EXPECT_NE(mkdtemp(path_.data()), nullptr);
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void Sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

const Timestamp kStoreStart(1'772'355'600'000'000, 0);  // 2026-03-01T09:00:00Z

// What most tests here start from: an empty ledger directory, France's key, a fixed clock.
struct LedgerDir {
  LedgerDir() { EXPECT_TRUE(keys->Create("FR").ok()); }
  // A connection to the directory's ledger, created when missing.
  Result<std::unique_ptr<Ledger>> Open() {
    return Ledger::Open(dir.path(), *keys, clock, LedgerStore::Mode::kCreate);
  }
  const std::string& path() const { return dir.path(); }

  TempDir dir;
  std::unique_ptr<KeyStore> keys = NewFileKeyStore(dir.path());
  FixedClock clock{kStoreStart};
};

TEST(LedgerStoreTest, ANewDatabaseIsInWalModeAtTheCurrentSchema) {
  TempDir dir;
  const std::string path = dir.path() + "/ledger.db";
  auto store = LedgerStore::Open(path, LedgerStore::Mode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LedgerStore::kCurrentSchemaVersion);
  store->reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(LedgerStoreTest, AnOlderSchemaIsMigratedAndANewerOneRefused) {
  TempDir dir;
  const std::string path = dir.path() + "/ledger.db";
  Sql(path,
      "CREATE TABLE schema_version (version INTEGER NOT NULL);"
      "INSERT INTO schema_version VALUES (0);");
  auto existing = LedgerStore::Open(path, LedgerStore::Mode::kExisting);
  ASSERT_FALSE(existing.ok());
  EXPECT_EQ(existing.status().code(), StatusCode::kFailedPrecondition);
  auto migrated = LedgerStore::Open(path, LedgerStore::Mode::kCreate);
  ASSERT_TRUE(migrated.ok()) << migrated.status().message();
  EXPECT_EQ(*(*migrated)->SchemaVersion(), LedgerStore::kCurrentSchemaVersion);
  migrated->reset();
  Sql(path, "UPDATE schema_version SET version = 99");
  auto newer = LedgerStore::Open(path, LedgerStore::Mode::kCreate);
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("newer guarantor"), std::string::npos);
}

TEST(LedgerStoreTest, OpeningAMissingLedgerWithoutCreatingItIsNotFound) {
  TempDir dir;
  auto store = LedgerStore::Open(dir.path() + "/none.db", LedgerStore::Mode::kExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.path() + "/none.db"));
}

TEST(LedgerStoreTest, AnAcknowledgedAppendIsSeenByAFreshConnection) {
  LedgerDir ledger_dir;
  auto ledger = ledger_dir.Open();
  ASSERT_TRUE(ledger.ok()) << ledger.status().message();
  auto entry = (*ledger)->Append(EntryKind::kPledge, "FR", R"({ "units" : 2, "a": [1, 2] })");
  ASSERT_TRUE(entry.ok()) << entry.status().message();
  EXPECT_EQ(entry->payload, R"({"units":2,"a":[1,2]})");
  EXPECT_EQ(entry->recorded_at, "2026-03-01T09:00:00Z");
  // A second connection (another process would see the same) reads the entry and its head.
  auto other =
      LedgerStore::Open(LedgerDatabasePath(ledger_dir.path()), LedgerStore::Mode::kExisting);
  ASSERT_TRUE(other.ok());
  auto rows = (*other)->ReadEntries();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].payload, entry->payload);
  auto head = (*other)->LatestTreeHead();
  ASSERT_TRUE(head.ok() && head->has_value());
  EXPECT_EQ((*head)->tree_size, 1);
}

TEST(LedgerStoreTest, TwoWritersInterleaveWithoutLosingAnEntry) {
  LedgerDir ledger_dir;
  ASSERT_TRUE(ledger_dir.keys->Create("DE").ok());
  auto a = ledger_dir.Open();
  auto b = ledger_dir.Open();
  ASSERT_TRUE(a.ok() && b.ok());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE((*a)->Append(EntryKind::kPledge, "FR", "{}").ok());
    ASSERT_TRUE((*b)->Append(EntryKind::kCommitment, "DE", "{}").ok());
  }
  auto report = VerifyLedger((*a)->store(), *ledger_dir.keys, {});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->entries, 10u);
}

TEST(LedgerStoreTest, ASnapshotSeesOneStateWhileAnotherWriterAppends) {
  LedgerDir ledger_dir;
  auto reader = ledger_dir.Open();
  auto writer = ledger_dir.Open();
  ASSERT_TRUE(reader.ok() && writer.ok());
  ASSERT_TRUE((*writer)->Append(EntryKind::kPledge, "FR", "{}").ok());
  LedgerStore& store = (*reader)->store();
  size_t entries = 0;
  int64_t head_size = -1;
  const Status read = store.ReadSnapshot([&]() -> Status {
    ASSIGN_OR_RETURN(std::vector<StoredEntry> rows, store.ReadEntries());
    entries = rows.size();
    // Another connection (as another process would) appends and commits between the two reads.
    RETURN_IF_ERROR((*writer)->Append(EntryKind::kPledge, "FR", "{}").status());
    ASSIGN_OR_RETURN(std::optional<StoredTreeHead> head, store.LatestTreeHead());
    head_size = head ? head->tree_size : 0;
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.message();
  EXPECT_EQ(entries, 1u);
  EXPECT_EQ(head_size, 1) << "the head read after the other append must be the snapshot's";
  // Past the snapshot, the append is seen, and the ledger's own reads agree with it.
  auto head = (*reader)->LatestHead();
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_EQ(head->tree_size, 2u);
}

TEST(LedgerStoreTest, EntriesAreReadByRangeAndOneByOne) {
  LedgerDir ledger_dir;
  auto ledger = ledger_dir.Open();
  ASSERT_TRUE(ledger.ok());
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(
        (*ledger)->Append(EntryKind::kPledge, "FR", "{\"i\":" + std::to_string(i) + "}").ok());
  }
  auto range = (*ledger)->ReadEntries(2, 3);
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 3u);
  for (uint64_t k = 0; k < 3; ++k) {
    EXPECT_EQ((*range)[k].sequence, 2 + k);
    EXPECT_EQ((*range)[k].payload, "{\"i\":" + std::to_string(2 + k) + "}");
  }
  EXPECT_EQ((*ledger)->ReadEntries(5, 100)->size(), 2u);  // to the end
  EXPECT_TRUE((*ledger)->ReadEntries(7, 1)->empty());
  EXPECT_EQ((*ledger)->ReadEntry(6)->payload, "{\"i\":6}");
  auto beyond = (*ledger)->ReadEntry(7);
  EXPECT_EQ(beyond.status().code(), StatusCode::kNotFound);
  EXPECT_NE(beyond.status().message().find("holds 7 entries"), std::string::npos);
}

TEST(LedgerStoreTest, ALogThatSignedHeadsIsNeverGivenANewKey) {
  LedgerDir ledger_dir;
  {
    auto ledger = ledger_dir.Open();
    ASSERT_TRUE(ledger.ok());
    ASSERT_TRUE((*ledger)->Append(EntryKind::kPledge, "FR", "{}").ok());
  }
  fs::remove(ledger_dir.path() + "/keys/_log.secret");
  fs::remove(ledger_dir.path() + "/keys/_log.public");
  auto reopened = ledger_dir.Open();
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("restore the key"), std::string::npos);
  EXPECT_FALSE(fs::exists(ledger_dir.path() + "/keys/_log.secret"));
}

TEST(LedgerStoreTest, AppendNamesWhatIsWrongWithItsInput) {
  LedgerDir ledger_dir;
  auto ledger = ledger_dir.Open();
  ASSERT_TRUE(ledger.ok());
  auto malformed = (*ledger)->Append(EntryKind::kPledge, "FR", "{\"units\": ");
  EXPECT_NE(malformed.status().message().find("payload: expected a JSON object"),
            std::string::npos);
  auto array = (*ledger)->Append(EntryKind::kPledge, "FR", "[1]");
  EXPECT_NE(array.status().message().find("found array"), std::string::npos);
  auto unknown = (*ledger)->Append(EntryKind::kPledge, "IT", "{}");
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("keys new --party IT"), std::string::npos);
  auto bad_name = (*ledger)->Append(EntryKind::kPledge, "../FR", "{}");
  EXPECT_EQ(bad_name.status().code(), StatusCode::kInvalidArgument);
  const std::string huge = "{\"x\":\"" + std::string(Ledger::kMaxPayloadBytes, 'a') + "\"}";
  auto too_large = (*ledger)->Append(EntryKind::kPledge, "FR", huge);
  EXPECT_NE(too_large.status().message().find("payload: expected at most 1048576 bytes"),
            std::string::npos);
}

TEST(KeyStoreTest, SecretKeysAreWrittenOwnerOnlyAndNeverReplaced) {
  TempDir dir;
  std::unique_ptr<KeyStore> keys = NewFileKeyStore(dir.path());
  auto created = keys->Create("FR");
  ASSERT_TRUE(created.ok()) << created.status().message();
  struct stat st;
  ASSERT_EQ(stat((dir.path() + "/keys/FR.secret").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto pair = keys->LoadKeyPair("FR");
  ASSERT_TRUE(pair.ok()) << pair.status().message();
  EXPECT_EQ(pair->public_key(), *created);
  EXPECT_EQ(*keys->LoadPublicKey("FR"), *created);
  auto again = keys->Create("FR");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*keys->ListNames(), std::vector<std::string>{"FR"});

  chmod((dir.path() + "/keys/FR.secret").c_str(), 0644);
  auto exposed = keys->LoadKeyPair("FR");
  ASSERT_FALSE(exposed.ok());
  EXPECT_NE(exposed.status().message().find("expected permissions 0600; found 0644"),
            std::string::npos);
  EXPECT_EQ(keys->Create("../etc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(keys->Create("_log2").status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyStoreTest, ACreationInterruptedBeforeThePublicKeyIsCompletedNotReplaced) {
  TempDir dir;
  std::unique_ptr<KeyStore> keys = NewFileKeyStore(dir.path());
  auto created = keys->Create("FR");
  ASSERT_TRUE(created.ok());
  fs::remove(dir.path() + "/keys/FR.public");  // as if killed between the two files
  EXPECT_EQ(keys->LoadKeyPair("FR").status().code(), StatusCode::kNotFound);
  auto completed = keys->Create("FR");
  ASSERT_TRUE(completed.ok()) << completed.status().message();
  EXPECT_EQ(*completed, *created);
  EXPECT_TRUE(keys->LoadKeyPair("FR").ok());
  EXPECT_EQ(keys->Create("FR").status().code(), StatusCode::kFailedPrecondition);
}

TEST(LedgerStoreTest, ANewDatabaseAppearsOnlyOnceComplete) {
  // Created under a temporary name and linked into place: no half-made ledger.db, no temporary
  // file left behind.
  TempDir dir;
  const std::string path = dir.path() + "/ledger.db";
  auto store = LedgerStore::Open(path, LedgerStore::Mode::kCreate);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->SchemaVersion(), LedgerStore::kCurrentSchemaVersion);
  for (const auto& file : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(file.path().filename().string().find(".tmp."), std::string::npos) << file.path();
  }
}

TEST(KeyStoreTest, ASecretKeyThatDoesNotMatchTheRegistryIsRefused) {
  TempDir dir;
  std::unique_ptr<KeyStore> keys = NewFileKeyStore(dir.path());
  ASSERT_TRUE(keys->Create("FR").ok());
  ASSERT_TRUE(keys->Create("DE").ok());
  fs::copy_file(dir.path() + "/keys/DE.public", dir.path() + "/keys/FR.public",
                fs::copy_options::overwrite_existing);
  auto pair = keys->LoadKeyPair("FR");
  ASSERT_FALSE(pair.ok());
  EXPECT_NE(pair.status().message().find("different key"), std::string::npos);
}

TEST(SigningKeyTest, SignaturesVerifyOnlyForTheirMessageAndKey) {
  auto a = KeyPair::Generate(), b = KeyPair::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  const Signature sig = a->Sign("pledge");
  EXPECT_TRUE(VerifySignature(a->public_key(), "pledge", sig));
  EXPECT_FALSE(VerifySignature(a->public_key(), "pledgE", sig));
  EXPECT_FALSE(VerifySignature(b->public_key(), "pledge", sig));
  auto copy = KeyPair::FromSecretKey(a->secret_key());
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->public_key(), a->public_key());
}

TEST(LedgerEntryTest, EveryFieldIsBoundByTheEntryHash) {
  auto key = KeyPair::Generate();
  ASSERT_TRUE(key.ok());
  LedgerEntry e{3, EntryKind::kPledge, "FR", "2026-03-01T09:00:00Z", R"({"units":2})"};
  SealEntry(Digest{}, *key, &e);
  const Digest h = e.entry_hash;
  auto rehash = [](LedgerEntry x) { return Sha256(EncodeEntryBody(x)); };
  EXPECT_EQ(rehash(e), h);
  LedgerEntry x = e;
  x.sequence = 4;
  EXPECT_NE(rehash(x), h);
  x = e;
  x.kind = EntryKind::kActivation;
  EXPECT_NE(rehash(x), h);
  x = e;
  x.author = "DE";
  EXPECT_NE(rehash(x), h);
  x = e;
  x.recorded_at = "2026-03-01T09:00:01Z";
  EXPECT_NE(rehash(x), h);
  x = e;
  x.payload = R"({"units":3})";
  EXPECT_NE(rehash(x), h);
  x = e;
  x.previous_hash[0] = 1;
  EXPECT_NE(rehash(x), h);
  // Length prefixes: moving a byte from one field to the next changes the body.
  EXPECT_NE(EncodeEntryBody(0, "pledge", "FRx", "t", "{}", Digest{}),
            EncodeEntryBody(0, "pledge", "FR", "xt", "{}", Digest{}));
}

TEST(TreeHeadTest, JsonRoundTripsAndTheReaderNamesWhatIsWrong) {
  auto log = KeyPair::Generate();
  ASSERT_TRUE(log.ok());
  const SignedTreeHead head = SignTreeHead(5, Sha256("root"), "2026-03-01T09:00:00Z", *log);
  const std::string json = TreeHeadToJson(head);
  auto back = TreeHeadFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->tree_size, 5u);
  EXPECT_EQ(back->root_hash, head.root_hash);
  EXPECT_TRUE(VerifyTreeHeadSignature(*back, log->public_key()).ok());
  auto other = KeyPair::Generate();
  EXPECT_FALSE(VerifyTreeHeadSignature(*back, other->public_key()).ok());

  EXPECT_EQ(TreeHeadFromJson("{").status().message(),
            "tree head: expected a JSON object; found malformed JSON");
  EXPECT_EQ(TreeHeadFromJson(R"({"tree_size":-1})").status().message(),
            "tree head: tree_size: expected a non-negative integer; found number");
  std::string bad_root = json;
  bad_root.replace(bad_root.find("\"root_hash\":\"") + 13, 2, "zz");
  EXPECT_NE(TreeHeadFromJson(bad_root).status().message().find("root_hash: expected hex digits"),
            std::string::npos);
  std::string bad_time = json;
  bad_time.replace(bad_time.find("2026-03-01T09:00:00Z"), 20, "yesterday at noon   ");
  EXPECT_NE(TreeHeadFromJson(bad_time).status().message().find("timestamp"), std::string::npos);
}

TEST(LedgerProofTest, ProofsFromALiveLedgerVerifyAgainstItsSignedHeads) {
  LedgerDir ledger_dir;
  auto ledger = ledger_dir.Open();
  ASSERT_TRUE(ledger.ok());
  std::vector<SignedTreeHead> heads = {*(*ledger)->LatestHead()};
  EXPECT_EQ(heads[0].tree_size, 0u);
  EXPECT_EQ(heads[0].root_hash, MerkleTreeHash({}));
  for (int i = 0; i < 13; ++i) {
    ASSERT_TRUE(
        (*ledger)->Append(EntryKind::kStatement, "FR", "{\"i\":" + std::to_string(i) + "}").ok());
    ledger_dir.clock.AdvanceSeconds(1);
    heads.push_back(*(*ledger)->LatestHead());
  }
  for (const SignedTreeHead& head : heads) {
    for (uint64_t i = 0; i < head.tree_size; ++i) {
      auto proof = (*ledger)->ProveInclusion(i, head.tree_size);
      ASSERT_TRUE(proof.ok());
      EXPECT_EQ(proof->root_hash, head.root_hash);
      auto parsed = InclusionProofFromJson(InclusionProofToJson(*proof));
      ASSERT_TRUE(parsed.ok()) << parsed.status().message();
      EXPECT_TRUE(VerifyInclusionProof(*parsed).ok());
    }
    auto consistency = (*ledger)->ProveConsistency(head.tree_size, std::nullopt);
    ASSERT_TRUE(consistency.ok());
    EXPECT_EQ(consistency->first_root, head.root_hash);
    auto parsed = ConsistencyProofFromJson(ConsistencyProofToJson(*consistency));
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_TRUE(VerifyConsistencyProof(*parsed).ok());
    auto check = (*ledger)->CheckKeptHead(head);
    ASSERT_TRUE(check.ok()) << check.status().message();
    EXPECT_EQ(check->outcome, KeptHeadCheck::Outcome::kConsistent) << check->explanation;
  }
  EXPECT_FALSE((*ledger)->ProveInclusion(13, std::nullopt).ok());
  EXPECT_FALSE((*ledger)->ProveInclusion(0, 14).ok());
  EXPECT_FALSE((*ledger)->ProveConsistency(5, 4).ok());
}

TEST(ProofDocumentTest, ReadersRejectWhatTheyCannotTrust) {
  EXPECT_NE(InclusionProofFromJson("[]").status().message().find("found array"), std::string::npos);
  EXPECT_NE(InclusionProofFromJson(R"({"leaf_index":0})")
                .status()
                .message()
                .find("tree_size: expected a non-negative integer; found no such field"),
            std::string::npos);
  const std::string zero(64, '0');
  std::string long_path = R"({"leaf_index":0,"tree_size":1,"leaf_hash":")" + zero +
                          R"(","root_hash":")" + zero + R"(","audit_path":[)";
  for (size_t i = 0; i <= kMaxProofHashes; ++i) long_path += (i ? ",\"" : "\"") + zero + "\"";
  long_path += "]}";
  EXPECT_NE(InclusionProofFromJson(long_path).status().message().find("at most"),
            std::string::npos);
  EXPECT_NE(ConsistencyProofFromJson(R"({"first_size":1,"second_size":2,"first_root":"ab"})")
                .status()
                .message()
                .find("first_root: expected 64 hex digits"),
            std::string::npos);
}

}  // namespace
}  // namespace guarantor::ledger

// Tamper tests for the ledger (src/ledger/ledger_verifier.h): entries are appended through the
// Ledger, then the SQLite file is changed directly with the sqlite3 C API, the way an attacker
// with access to the database file would, and `VerifyLedger` must name what was done and where:
// an edited payload, a deleted row, two rows swapped, a forged row inserted, the tail truncated,
// and a fork (a second ledger diverging after entry k).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "ledger/key_store.h"
#include "ledger/ledger.h"
#include "ledger/ledger_entry.h"
#include "ledger/ledger_verifier.h"

namespace guarantor::ledger {
namespace {

namespace fs = std::filesystem;

std::string MakeTempDir() {
  std::string pattern = ::testing::TempDir() + "ledger_tamper_XXXXXX";
  char* made = mkdtemp(pattern.data());
  EXPECT_NE(made, nullptr);
  return pattern;
}

const Timestamp kStart(1'772'355'600'000'000, 60);  // 2026-03-01T10:00:00+01:00

class LedgerTamperTest : public ::testing::Test {
 protected:
  static constexpr int kEntries = 8;

  void SetUp() override {
    dir_ = MakeTempDir();
    keys_ = NewFileKeyStore(dir_);
    for (const char* party : {"FR", "DE", "PL"}) ASSERT_TRUE(keys_->Create(party).ok());
    Append(dir_, *keys_, 0, kEntries, "");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Appends entries [from, to) to the ledger in `dir`; `variant` changes their payloads.
  void Append(const std::string& dir, KeyStore& keys, int from, int to,
              const std::string& variant) {
    FixedClock clock(kStart);
    clock.AdvanceSeconds(from * 60);
    auto ledger = Ledger::Open(dir, keys, clock, LedgerStore::Mode::kCreate);
    ASSERT_TRUE(ledger.ok()) << ledger.status().message();
    const char* parties[] = {"FR", "DE", "PL"};
    const EntryKind kinds[] = {EntryKind::kPledge, EntryKind::kCommitment,
                               EntryKind::kContributionChange, EntryKind::kCommissionDecision,
                               EntryKind::kActivation};
    for (int i = from; i < to; ++i) {
      const std::string payload = "{\"item\":" + std::to_string(i) +
                                  ",\"units\":" + std::to_string(10 + i) + ",\"note\":\"" +
                                  variant + "\"}";
      auto entry = (*ledger)->Append(kinds[i % 5], parties[i % 3], payload);
      ASSERT_TRUE(entry.ok()) << entry.status().message();
      ASSERT_EQ(entry->sequence, static_cast<uint64_t>(i));
      clock.AdvanceSeconds(60);
    }
  }

  SignedTreeHead Head(const std::string& dir, KeyStore& keys) {
    FixedClock clock(kStart);
    auto ledger = Ledger::Open(dir, keys, clock, LedgerStore::Mode::kExisting);
    EXPECT_TRUE(ledger.ok()) << ledger.status().message();
    auto head = (*ledger)->LatestHead();
    EXPECT_TRUE(head.ok()) << head.status().message();
    return *head;
  }

  // Runs SQL directly on the database file, as an attacker would.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(LedgerDatabasePath(dir_).c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message << " in " << sql;
  }

  // Reads one stored row back as a LedgerEntry (to forge from it).
  StoredEntry Row(uint64_t sequence) {
    auto store = LedgerStore::Open(LedgerDatabasePath(dir_), LedgerStore::Mode::kExisting);
    EXPECT_TRUE(store.ok());
    auto rows = (*store)->ReadEntries();
    EXPECT_TRUE(rows.ok());
    for (const StoredEntry& row : *rows) {
      if (row.sequence == static_cast<int64_t>(sequence)) return row;
    }
    ADD_FAILURE() << "no row " << sequence;
    return {};
  }

  // Inserts `entry` as a row, after moving the rows from its sequence on up by one.
  void InsertRow(const LedgerEntry& entry) {
    const std::string s = std::to_string(entry.sequence);
    Sql("UPDATE entries SET sequence = -sequence - 1 WHERE sequence >= " + s +
        "; UPDATE entries SET sequence = -sequence WHERE sequence < 0;");
    Sql("INSERT INTO entries VALUES (" + s + ", '" + std::string(ToString(entry.kind)) + "', '" +
        entry.author + "', '" + entry.recorded_at + "', '" + entry.payload + "', x'" +
        ToHex(entry.previous_hash) + "', x'" + ToHex(entry.entry_hash) + "', x'" +
        ToHex(std::span<const uint8_t>(entry.signature)) + "')");
  }

  VerifyReport Verify(std::vector<SignedTreeHead> kept = {}, const std::string& dir = "") {
    auto store = LedgerStore::Open(LedgerDatabasePath(dir.empty() ? dir_ : dir),
                                   LedgerStore::Mode::kExisting);
    EXPECT_TRUE(store.ok()) << store.status().message();
    auto report = VerifyLedger(**store, *keys_, kept);
    EXPECT_TRUE(report.ok()) << report.status().message();
    return *report;
  }

  static void ExpectFirstProblem(const VerifyReport& report, ProblemKind kind,
                                 std::optional<uint64_t> sequence) {
    ASSERT_FALSE(report.ok());
    const LedgerProblem& first = report.problems.front();
    EXPECT_EQ(ToString(first.kind), ToString(kind)) << first.message;
    EXPECT_EQ(first.sequence, sequence) << first.message;
    EXPECT_FALSE(first.message.empty());
  }

  // A forged entry for `sequence`, chained correctly after the stored entry before it.
  LedgerEntry Forge(uint64_t sequence, const std::string& author, const KeyPair& signer) {
    LedgerEntry entry;
    entry.sequence = sequence;
    entry.kind = EntryKind::kPledge;
    entry.author = author;
    entry.recorded_at = "2026-03-01T10:04:30+01:00";
    entry.payload = R"({"item":99,"units":1000,"note":"backdated"})";
    Digest previous{};
    const StoredEntry before = Row(sequence - 1);
    std::copy(before.entry_hash.begin(), before.entry_hash.end(), previous.begin());
    SealEntry(previous, signer, &entry);
    return entry;
  }

  std::string dir_;
  std::unique_ptr<KeyStore> keys_;
};

TEST_F(LedgerTamperTest, AnIntactLedgerVerifies) {
  const VerifyReport report = Verify({Head(dir_, *keys_)});
  EXPECT_TRUE(report.ok()) << report.problems.front().message;
  EXPECT_EQ(report.entries, kEntries);
  EXPECT_EQ(report.verified_entries, kEntries);
  EXPECT_EQ(report.tree_heads_checked, kEntries + 2);  // sizes 0..8 stored, plus the kept one
  ASSERT_TRUE(report.root_hash.has_value());
  EXPECT_EQ(*report.root_hash, Head(dir_, *keys_).root_hash);
}

TEST_F(LedgerTamperTest, AnEditedPayloadIsReportedAsAlteredAtItsSequence) {
  Sql(R"(UPDATE entries SET payload = '{"item":3,"units":130,"note":""}' WHERE sequence = 3)");
  ExpectFirstProblem(Verify(), ProblemKind::kAltered, 3);
}

TEST_F(LedgerTamperTest, ABytePatchedInTheDatabaseFileIsReportedAsAltered) {
  // Not through SQLite at all: the file's bytes, as a disk editor would change them. SQLite keeps
  // no checksums, so it reads the patched value back without complaint; verification must not.
  const std::string path = LedgerDatabasePath(dir_);
  ASSERT_FALSE(fs::exists(path + "-wal") && fs::file_size(path + "-wal") > 0);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string original = R"("item":3,"units":13)";
  const size_t at = bytes.find(original);
  ASSERT_NE(at, std::string::npos);
  bytes[at + original.size() - 2] = '9';  // 13 units become 93
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  ExpectFirstProblem(Verify(), ProblemKind::kAltered, 3);
}

TEST_F(LedgerTamperTest, AHugeStoredSequenceDoesNotMakeTheDiagnosisSearchForEver) {
  Sql("UPDATE entries SET sequence = 4611686018427387904 WHERE sequence = 7;"
      R"(UPDATE entries SET payload = '{"item":3}' WHERE sequence = 3)");
  ExpectFirstProblem(Verify(), ProblemKind::kAltered, 3);
}

TEST_F(LedgerTamperTest, AnEditedAuthorIsReportedAsAltered) {
  Sql("UPDATE entries SET author = 'DE' WHERE sequence = 6");
  ExpectFirstProblem(Verify(), ProblemKind::kAltered, 6);
}

TEST_F(LedgerTamperTest, AnEditedAndRehashedPayloadFailsItsSignature) {
  StoredEntry row = Row(3);
  row.payload = R"({"item":3,"units":0,"note":""})";
  Digest previous;
  std::copy(row.previous_hash.begin(), row.previous_hash.end(), previous.begin());
  const Digest rehashed =
      Sha256(EncodeEntryBody(3, row.kind, row.author, row.recorded_at, row.payload, previous));
  Sql("UPDATE entries SET payload = '" + row.payload + "', entry_hash = x'" + ToHex(rehashed) +
      "' WHERE sequence = 3");
  ExpectFirstProblem(Verify(), ProblemKind::kBadSignature, 3);
}

TEST_F(LedgerTamperTest, ADeletedRowIsReportedAsDeletedAtItsSequence) {
  Sql("DELETE FROM entries WHERE sequence = 4");
  ExpectFirstProblem(Verify(), ProblemKind::kDeleted, 4);
}

TEST_F(LedgerTamperTest, ADeletedRowWithTheRestRenumberedIsReportedAsDeleted) {
  Sql("DELETE FROM entries WHERE sequence = 4;"
      "UPDATE entries SET sequence = -sequence WHERE sequence > 4;"
      "UPDATE entries SET sequence = -sequence - 1 WHERE sequence < 0;");
  ExpectFirstProblem(Verify(), ProblemKind::kDeleted, 4);
}

TEST_F(LedgerTamperTest, TwoSwappedRowsAreReportedAsReorderedAtTheFirst) {
  Sql("UPDATE entries SET sequence = -1 WHERE sequence = 3;"
      "UPDATE entries SET sequence = 3 WHERE sequence = 4;"
      "UPDATE entries SET sequence = 4 WHERE sequence = -1;");
  ExpectFirstProblem(Verify(), ProblemKind::kReordered, 3);
}

TEST_F(LedgerTamperTest, AForgedRowInsertedWithoutTheAuthorsKeyFailsItsSignature) {
  auto forger = KeyPair::Generate();
  ASSERT_TRUE(forger.ok());
  InsertRow(Forge(5, "FR", *forger));
  ExpectFirstProblem(Verify(), ProblemKind::kBadSignature, 5);
}

TEST_F(LedgerTamperTest, ARowInsertedByARealPartyIsReportedAsInserted) {
  // A party with its own key backdates an entry into the middle of the history.
  auto fr = keys_->LoadKeyPair("FR");
  ASSERT_TRUE(fr.ok());
  InsertRow(Forge(5, "FR", *fr));
  ExpectFirstProblem(Verify(), ProblemKind::kInserted, 5);
}

TEST_F(LedgerTamperTest, AGarbageRowInsertedIsReportedAsInserted) {
  auto forger = KeyPair::Generate();
  ASSERT_TRUE(forger.ok());
  LedgerEntry forged = Forge(5, "DE", *forger);
  forged.entry_hash = Sha256("not the hash of anything");
  InsertRow(forged);
  ExpectFirstProblem(Verify(), ProblemKind::kInserted, 5);
}

TEST_F(LedgerTamperTest, ATruncatedTailIsReportedAgainstTheSignedTreeHeads) {
  Sql("DELETE FROM entries WHERE sequence >= 6");
  ExpectFirstProblem(Verify(), ProblemKind::kTruncated, 6);
}

TEST_F(LedgerTamperTest, ATruncationThatAlsoDeletesTheLogsHeadsIsCaughtByAKeptHead) {
  const SignedTreeHead kept = Head(dir_, *keys_);  // a delegation kept the head of size 8
  Sql("DELETE FROM entries WHERE sequence >= 6; DELETE FROM tree_heads WHERE tree_size > 6");
  EXPECT_TRUE(Verify().ok()) << "without a kept head, a clean truncation is undetectable";
  ExpectFirstProblem(Verify({kept}), ProblemKind::kTruncated, 6);
}

TEST_F(LedgerTamperTest, AChangedTreeHeadFailsItsSignature) {
  Sql("UPDATE tree_heads SET root_hash = zeroblob(32) WHERE tree_size = 5");
  const VerifyReport report = Verify();
  ExpectFirstProblem(report, ProblemKind::kBadTreeHead, std::nullopt);
}

TEST_F(LedgerTamperTest, AHistoryRewrittenWithTheAuthorsKeysContradictsTheKeptHead) {
  // Everyone's keys are in this data directory, so an attacker who holds them all can rebuild a
  // fully valid ledger; only a head kept outside it shows the rewrite.
  const SignedTreeHead kept = Head(dir_, *keys_);
  Sql("DELETE FROM entries; DELETE FROM tree_heads");
  Append(dir_, *keys_, 0, kEntries, "rewritten");
  EXPECT_TRUE(Verify().ok());
  const VerifyReport report = Verify({kept});
  ExpectFirstProblem(report, ProblemKind::kFork, std::nullopt);
}

TEST_F(LedgerTamperTest, AppendRefusesToExtendATamperedLedger) {
  Sql(R"(UPDATE entries SET payload = '{"item":2}' WHERE sequence = 2)");
  FixedClock clock(kStart);
  auto ledger = Ledger::Open(dir_, *keys_, clock, LedgerStore::Mode::kCreate);
  ASSERT_TRUE(ledger.ok());
  auto appended = (*ledger)->Append(EntryKind::kPledge, "FR", R"({"units":1})");
  ASSERT_FALSE(appended.ok());
  EXPECT_EQ(appended.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(appended.status().message().find("ledger verify"), std::string::npos);
}

TEST_F(LedgerTamperTest, AForkAfterEntryKIsProvedByTwoSignedHeadsOfOneSize) {
  // A second copy of the log (same keys) that agrees on entries 0..3 and then diverges.
  constexpr int k = 4;
  const std::string other = MakeTempDir();
  Append(other, *keys_, 0, k, "");
  Append(other, *keys_, k, kEntries, "shown to another delegation");

  FixedClock clock(kStart);
  auto open = [&](const std::string& dir) {
    return std::move(*Ledger::Open(dir, *keys_, clock, LedgerStore::Mode::kExisting));
  };
  std::unique_ptr<Ledger> a = open(dir_), b = open(other);
  auto a_head = a->LatestHead(), b_head = b->LatestHead();
  ASSERT_TRUE(a_head.ok() && b_head.ok());
  auto log_key = keys_->LoadPublicKey(kLogKeyName);
  ASSERT_TRUE(log_key.ok());
  ASSERT_TRUE(VerifyTreeHeadSignature(*a_head, *log_key).ok());
  ASSERT_TRUE(VerifyTreeHeadSignature(*b_head, *log_key).ok());
  EXPECT_EQ(a_head->tree_size, b_head->tree_size);
  EXPECT_EQ(CompareTreeHeads(*a_head, *b_head), HeadComparison::kFork);

  // The histories agree up to k: the heads of size k are the same tree.
  auto a_k = a->ProveConsistency(k, k), b_k = b->ProveConsistency(k, k);
  ASSERT_TRUE(a_k.ok() && b_k.ok());
  EXPECT_EQ(a_k->first_root, b_k->first_root);
  auto a_k1 = a->ProveConsistency(k + 1, k + 1), b_k1 = b->ProveConsistency(k + 1, k + 1);
  EXPECT_NE(a_k1->first_root, b_k1->first_root);

  // The delegation that kept A's head checks it against B: a rewritten history, with B's own
  // signed head of the same size as the second half of the proof.
  auto check = b->CheckKeptHead(*a_head);
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_EQ(check->outcome, KeptHeadCheck::Outcome::kRewritten);
  ASSERT_TRUE(check->conflicting_head.has_value());
  EXPECT_EQ(CompareTreeHeads(*check->conflicting_head, *a_head), HeadComparison::kFork);

  // And verify, given A's head as a kept head, reports the fork.
  ExpectFirstProblem(Verify({*a_head}, other), ProblemKind::kFork, std::nullopt);
  fs::remove_all(other);
}

}  // namespace
}  // namespace guarantor::ledger

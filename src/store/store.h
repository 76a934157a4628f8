// Store: the service's durable record of its inputs, behind one interface with two
// implementations: SQLite (the embedded default: a file in a data directory, WAL) and PostgreSQL
// with PostGIS (a shared server). docs/service.md §2.
//
// What is stored is what the engine's state is a fold over (design invariant 1): accepted
// observations in commit order, users and their hashed tokens, and the Special Commission's case
// events (claims, releases, decisions); beside them, what the reports read of the mission's
// coverage: monitoring gaps and asset placements. Derived state (incidents, violations, cases,
// activations) is not stored: the server rebuilds it at start by replaying the stored observations
// in sequence order, which gives the same result as the run that ingested them.
//
//   Result<std::unique_ptr<Store>> store = OpenStore("data/");                  // SQLite
//   Result<std::unique_ptr<Store>> store = OpenStore("postgresql://u@h/db");    // PostgreSQL
//   Result<IngestReceipt> r = (*store)->AppendObservations(batch);  // durable when it returns ok
//
// Thread safety: every method may be called from any thread; implementations serialise writers
// and let readers run beside them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/classification.h"

namespace guarantor::store {

// One accepted observation: the record exactly as received (one JSON object, no line break) and
// the fields that queries select on, extracted from it by the caller.
struct StoredObservation {
  int64_t sequence = 0;  // assigned by the store: 1, 2, 3, ... in commit order, no gaps
  std::string id;        // unique across the store
  int64_t time_micros = 0;
  std::string kind;  // ToString(ObservationKind)
  std::string source_id;
  std::string source_type;  // ToString(SourceType)
  double lat = 0;
  double lng = 0;
  std::string owner;  // the organisation that submitted it (a delegation, "monitors", ...)
  Classification classification = Classification::kCoalition;
  std::string record;  // the JSON object as received
};

// One monitoring gap (a period and area one source type could not observe: docs/monitoring.md):
// the record exactly as received and the fields queries select on, extracted by the caller.
struct StoredGap {
  int64_t sequence = 0;  // assigned by the store: 1, 2, 3, ... in commit order
  std::string id;        // unique across the store's gaps
  int64_t start_micros = 0;
  int64_t end_micros = 0;
  double lat = 0;  // centre
  double lng = 0;
  double radius_km = 0;
  std::string owner;  // the organisation that submitted it
  Classification classification = Classification::kCoalition;
  std::string record;  // the JSON object as received
};

// Where one monitoring asset stood and how far it saw over a period (monitor/monitoring_asset.h):
// the record exactly as received and the fields queries select on. An asset has many placements,
// told apart by their start: (id, start_micros) is unique across the store's placements.
struct StoredAssetPlacement {
  int64_t sequence = 0;     // assigned by the store: 1, 2, 3, ... in commit order
  std::string id;           // the asset's
  std::string source_type;  // ToString(SourceType)
  int64_t start_micros = 0;
  int64_t end_micros = 0;
  double lat = 0;  // position
  double lng = 0;
  double range_km = 0;
  std::string owner;  // the organisation that submitted it
  Classification classification = Classification::kCoalition;
  std::string record;  // the JSON object as received
};

// What appending gaps or asset placements did.
struct CoverageReceipt {
  int64_t stored = 0;     // records written now
  int64_t unchanged = 0;  // records already stored the same: not written again
};

// A batch to append atomically: all of it or none of it.
struct IngestBatch {
  // Idempotency key chosen by the submitter (empty: none). A batch whose (submitted_by, key) was
  // already committed is not applied again: its original receipt is returned with `replayed` set.
  std::string key;
  std::string submitted_by;                     // user id
  std::vector<StoredObservation> observations;  // `sequence` is ignored
};

struct IngestReceipt {
  int64_t batch = 0;           // the batch's own number, 1, 2, 3, ...
  int64_t first_sequence = 0;  // sequence of the batch's first observation
  int64_t count = 0;
  bool replayed = false;  // true: this key was committed before; nothing was written now
};

// Which records a reader may see, as decided by the server's access policy (the one place that
// decides it; the store applies it mechanically so that filters, pagination and counts agree):
// a record is readable when its classification is at most `max_shared`, or when it is owned by
// `organisation` (a non-empty organisation reads its own records at any classification).
struct ReadScope {
  Classification max_shared = Classification::kPublic;
  std::string organisation;
};

bool CanRead(const ReadScope& scope, Classification classification, std::string_view owner);

// A query over observations. Bounds are inclusive; unset bounds do not filter.
struct ObservationQuery {
  ReadScope scope;
  std::optional<int64_t> from_micros;  // time >= from
  std::optional<int64_t> to_micros;    // time < to
  // Bounding box in degrees: south <= lat <= north, west <= lng <= east (no antimeridian wrap).
  std::optional<double> south, west, north, east;
  std::vector<std::string> kinds;  // any of these; empty: all
  std::vector<std::string> ids;    // any of these observation ids; empty: all
  std::string source_id;           // empty: all
  std::string owner;               // empty: all
  int64_t after_sequence = 0;      // keyset pagination: only sequences > this
  int limit = 100;                 // at most this many, in sequence order
  // CountObservations stops counting past this many (0: counts them all), so that a count over
  // a large table costs no more than reading that many index entries.
  int64_t count_limit = 0;
};

// A Special Commission case event: the stored inputs of case triage.
enum class CaseEventKind { kClaim = 0, kRelease = 1, kDecision = 2 };  // persisted: do not renumber

struct CaseEvent {
  int64_t sequence = 0;  // assigned by the store
  std::string case_id;
  CaseEventKind kind = CaseEventKind::kClaim;
  std::string user;        // user id
  std::string at;          // RFC 3339 UTC, wall-clock time of the request
  std::string decision;    // kDecision: the state decided ("attributed", ...)
  std::string rationale;   // kDecision: free text, required; kClaim: why a case was taken over
  std::string remedy;      // kDecision: optional
  std::string remedy_due;  // kDecision: the remedy's deadline, YYYY-MM-DD, optional (schema v4)
  // kDecision to "attributed": the party the Commission holds responsible; empty when it confirmed
  // the engine's attribution (schema v6).
  std::string party;
  // The hex SHA-256 of the case's opening record in canonical form (CaseOpeningDigest) when the
  // event was recorded: which case of this id it was recorded on, since ids come from report ids
  // and a scenario changed between starts can open another case under one. Empty for events
  // stored before schema version 3.
  std::string case_sha256;
};

// Roles, from the widest clearance to the narrowest. Persisted by name.
struct User {
  std::string id;            // [a-z0-9_-]{1,64}
  std::string role;          // "hq", "commission", "monitor", "delegation", "public"
  std::string organisation;  // the delegation's party code, or the role's own body ("hq", ...)
  std::string token_hash;    // hex SHA-256 of the token; the token itself is never stored
  std::string created_at;    // RFC 3339 UTC
  std::string revoked_at;    // RFC 3339 UTC once revoked (the token is then refused); else empty
};

// A query over monitoring gaps or asset placements, in sequence order.
struct CoverageQuery {
  ReadScope scope;
  std::optional<int64_t> from_micros;              // still running at or after from: end >= from
  std::optional<int64_t> to_micros;                // begun before to: start < to
  std::optional<double> south, west, north, east;  // the centre inside, as for observations
  int64_t after_sequence = 0;
  int limit = 100;
};

class Store {
 public:
  virtual ~Store() = default;

  // The schema version this file or database is at after migrations.
  virtual Result<int> SchemaVersion() = 0;

  // Appends the batch in one transaction and returns once it is durable (SQLite: committed with
  // synchronous=FULL in WAL mode; PostgreSQL: committed with synchronous_commit on). Fails with
  // kInvalidArgument naming the record (0-based index in the batch) and its id when an id is
  // already stored or repeats within the batch; nothing of the batch is then written.
  virtual Result<IngestReceipt> AppendObservations(const IngestBatch& batch) = 0;

  // Observations matching `query`, in sequence order.
  virtual Result<std::vector<StoredObservation>> QueryObservations(
      const ObservationQuery& query) = 0;
  // How many observations match `query`, ignoring after_sequence and limit; at most
  // query.count_limit when that is set.
  virtual Result<int64_t> CountObservations(const ObservationQuery& query) = 0;
  // Calls `visit` on every stored observation with sequence > after_sequence, in sequence order,
  // without access filtering (for rebuilding the engine's state); stops early when it returns
  // false.
  virtual Status ScanObservations(int64_t after_sequence,
                                  const std::function<bool(const StoredObservation&)>& visit) = 0;
  // The highest sequence stored, 0 when empty.
  virtual Result<int64_t> LastSequence() = 0;
  // The largest time_micros stored, if any (the ingest rules' "latest accepted record").
  virtual Result<std::optional<int64_t>> LatestObservationTime() = 0;

  // Appends monitoring gaps in one transaction, durable when it returns. A gap whose id is
  // stored with the same record is counted as unchanged and not written again (so a gaps file
  // can be submitted twice); an id stored with a different record, or repeated within `gaps`,
  // fails with kInvalidArgument naming the gap (0-based index) and nothing is written.
  virtual Result<CoverageReceipt> AppendGaps(const std::vector<StoredGap>& gaps) = 0;
  virtual Result<std::vector<StoredGap>> QueryGaps(const CoverageQuery& query) = 0;

  // Appends asset placements as AppendGaps appends gaps, a placement keyed by its asset's id and
  // start: one stored with the same record is unchanged, one with a different record or
  // repeated within `placements` fails naming it ("placement 2 (id \"cam-03\", start ...)").
  virtual Result<CoverageReceipt> AppendAssetPlacements(
      const std::vector<StoredAssetPlacement>& placements) = 0;
  virtual Result<std::vector<StoredAssetPlacement>> QueryAssetPlacements(
      const CoverageQuery& query) = 0;

  // Users. AddUser fails with kInvalidArgument when the id or the token hash is taken.
  // FindUserByTokenHash finds revoked users too (with revoked_at set): refusing them is the
  // caller's decision. RevokeUser fails with kNotFound for an unknown id and leaves an earlier
  // revocation's time as it was.
  virtual Status AddUser(const User& user) = 0;
  virtual Status RevokeUser(std::string_view id, std::string_view at) = 0;
  virtual Result<std::optional<User>> FindUserByTokenHash(std::string_view token_hash) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;

  // Case events, appended atomically with the check `precondition` makes over the case's events
  // so far (for example: "no one else holds a claim"); the check runs inside the write
  // transaction so that two members cannot both claim a case. Returns the stored event.
  virtual Result<CaseEvent> AppendCaseEvent(
      const CaseEvent& event,
      const std::function<Status(const std::vector<CaseEvent>& so_far)>& precondition) = 0;
  virtual Result<std::vector<CaseEvent>> CaseEvents(std::string_view case_id) = 0;
  // Every case event with sequence > after_sequence, in order.
  virtual Result<std::vector<CaseEvent>> AllCaseEvents(int64_t after_sequence) = 0;
};

// Opens (creating and migrating when needed) the store named by `location`: a
// "postgresql://..." or "postgres://..." URI selects PostgreSQL; anything else is a data
// directory holding the SQLite file "guarantor.db" (created with its parents if missing).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

// The schema version this build creates and reads (Store::SchemaVersion after OpenStore). A store
// at a newer version is refused by OpenStore with kFailedPrecondition.
int CurrentSchemaVersion();

// Hex SHA-256 of an API token, as stored in User::token_hash.
std::string HashToken(std::string_view token);
// A new random API token: "gt_" followed by 43 base64url characters (256 bits).
std::string NewToken();

}  // namespace guarantor::store

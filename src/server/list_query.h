// ListQuery: the query parameters of the list and export endpoints, parsed and checked. Every
// parameter is named in the error of a bad value, with what was expected; a parameter the
// endpoint does not take is an error too (a misspelt filter must not silently widen a query).
//
//   from, to      RFC 3339 times: records from `from` (inclusive) to `to` (exclusive)
//   bbox          west,south,east,north in degrees
//   kind          observation kinds, comma-separated
//   id            an observation id (1 to 128 bytes); repeated for several, up to kMaxIds
//   source, owner, status, party, zone, rule, state, claimed_by
//   remedy_due_by a day YYYY-MM-DD: cases whose decided remedy is due by then
//   min_severity  0..5
//   after         the cursor a previous page returned (0: from the start)
//   limit         1..10000 (default 100)
//   format        json (default), csv or geojson
//   types         live feed: violation, case, activation, comma-separated
//   sequence, tree_size, first, second   ledger proofs: integers >= 0
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace guarantor::server {

using QueryParams = std::multimap<std::string, std::string>;

struct ListQuery {
  std::optional<int64_t> from_micros, to_micros;
  std::optional<double> south, west, north, east;
  std::vector<std::string> kinds;
  std::vector<std::string> ids;
  std::string source, owner, status, party, zone, rule, state, claimed_by;
  std::string remedy_due_by;  // YYYY-MM-DD
  int min_severity = 0;
  int64_t after = 0;
  int limit = 100;
  std::string format = "json";
  std::set<std::string> types;
  std::optional<int64_t> sequence, tree_size, first, second;
};

inline constexpr int kMaxPageSize = 10000;
// Ids are taken as repeated parameters (an id may hold a comma): as many as a URL of a few
// kilobytes carries.
inline constexpr size_t kMaxIds = 200;

// `accepted` names the parameters the endpoint takes.
Result<ListQuery> ParseListQuery(const QueryParams& params, const std::set<std::string>& accepted);

}  // namespace guarantor::server

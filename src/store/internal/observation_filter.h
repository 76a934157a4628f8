// ObservationFilter: the WHERE clause of an ObservationQuery, as SQL text with placeholders and
// the values to bind to them, in order. Values are only ever bound, never spliced into the text.
//
//   ObservationFilter f = BuildObservationFilter(query, Backend::kSqlite, /*paginate=*/true);
//   "SELECT ... FROM observations WHERE " + f.where + " ORDER BY sequence" + f.tail
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/internal/migrations.h"
#include "store/store.h"

namespace guarantor::store::internal {

using SqlValue = std::variant<int64_t, double, std::string>;

struct ObservationFilter {
  std::string where;  // never empty ("TRUE" when nothing filters)
  // With pagination: " AND sequence > ? ORDER BY sequence LIMIT ?" style suffix, placeholders
  // included; empty without.
  std::string tail;
  std::vector<SqlValue> values;  // for the placeholders of where, then tail, in order
};

// The filter for `query` in the dialect of `backend` (SQLite "?", PostgreSQL "$n"; PostgreSQL
// also uses the GiST index on geom for the bounding box, then the exact comparison on lat/lng
// so that both backends select the same rows: PostGIS boxes are float-rounded outwards).
// With `paginate`, the tail selects sequence > after_sequence in order, at most max(limit, 0).
ObservationFilter BuildObservationFilter(const ObservationQuery& query, Backend backend,
                                         bool paginate);

// The same for a CoverageQuery: scope, time overlap and the centre in the box (no spatial index:
// gaps are few).
ObservationFilter BuildCoverageFilter(const CoverageQuery& query, Backend backend);

}  // namespace guarantor::store::internal

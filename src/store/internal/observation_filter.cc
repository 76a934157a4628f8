#include "store/internal/observation_filter.h"

#include <algorithm>
#include <optional>

namespace guarantor::store::internal {
namespace {

class Builder {
 public:
  explicit Builder(Backend backend) : backend_(backend) {}

  // Appends a placeholder bound to `value` and returns its text.
  std::string Bind(SqlValue value) {
    values_.push_back(std::move(value));
    return backend_ == Backend::kSqlite ? std::string("?") : "$" + std::to_string(values_.size());
  }
  void And(const std::string& condition) {
    if (!where_.empty()) where_ += " AND ";
    where_ += condition;
  }

  std::string TakeWhere() { return where_.empty() ? std::string("TRUE") : std::move(where_); }
  std::vector<SqlValue> TakeValues() { return std::move(values_); }

 private:
  Backend backend_;
  std::string where_;
  std::vector<SqlValue> values_;
};

// ReadScope (CanRead): classification at most max_shared, or owned by the reader. The one
// place the stores turn a scope into SQL.
void AddScope(Builder& b, const ReadScope& scope) {
  std::string clause = "(classification <= " + b.Bind(static_cast<int64_t>(scope.max_shared));
  if (!scope.organisation.empty()) clause += " OR owner = " + b.Bind(scope.organisation);
  b.And(clause + ")");
}

// south <= lat <= north, west <= lng <= east, each bound when set.
void AddBox(Builder& b, const std::optional<double>& south, const std::optional<double>& west,
            const std::optional<double>& north, const std::optional<double>& east) {
  if (south) b.And("lat >= " + b.Bind(*south));
  if (north) b.And("lat <= " + b.Bind(*north));
  if (west) b.And("lng >= " + b.Bind(*west));
  if (east) b.And("lng <= " + b.Bind(*east));
}

// `column` is any of `values`, each bound; nothing when there are none.
void AddAnyOf(Builder& b, const char* column, const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::string in = std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) in += ", ";
    in += b.Bind(values[i]);
  }
  b.And(in + ")");
}

}  // namespace

ObservationFilter BuildObservationFilter(const ObservationQuery& query, Backend backend,
                                         bool paginate) {
  Builder b(backend);
  AddScope(b, query.scope);
  if (query.from_micros) b.And("time_micros >= " + b.Bind(*query.from_micros));
  if (query.to_micros) b.And("time_micros < " + b.Bind(*query.to_micros));
  if (backend == Backend::kPostgres && query.south && query.west && query.north && query.east) {
    // The index condition; the exact bounds below decide.
    const std::string w = b.Bind(*query.west), s = b.Bind(*query.south);
    const std::string e = b.Bind(*query.east), n = b.Bind(*query.north);
    b.And("geom && ST_MakeEnvelope(" + w + "::float8, " + s + "::float8, " + e + "::float8, " + n +
          "::float8, 4326)");
  }
  AddBox(b, query.south, query.west, query.north, query.east);
  AddAnyOf(b, "kind", query.kinds);
  AddAnyOf(b, "id", query.ids);
  if (!query.source_id.empty()) b.And("source_id = " + b.Bind(query.source_id));
  if (!query.owner.empty()) b.And("owner = " + b.Bind(query.owner));

  ObservationFilter filter;
  filter.where = b.TakeWhere();
  if (paginate) {
    // One Bind per statement: the operands of + are unsequenced, the placeholders are not.
    const std::string after = b.Bind(query.after_sequence);
    const std::string limit = b.Bind(static_cast<int64_t>(std::max(query.limit, 0)));
    filter.tail = " AND sequence > " + after + " ORDER BY sequence LIMIT " + limit;
  }
  filter.values = b.TakeValues();
  return filter;
}

ObservationFilter BuildCoverageFilter(const CoverageQuery& query, Backend backend) {
  Builder b(backend);
  AddScope(b, query.scope);
  if (query.from_micros) b.And("end_micros >= " + b.Bind(*query.from_micros));
  if (query.to_micros) b.And("start_micros < " + b.Bind(*query.to_micros));
  AddBox(b, query.south, query.west, query.north, query.east);
  ObservationFilter filter;
  filter.where = b.TakeWhere();
  const std::string after = b.Bind(query.after_sequence);
  const std::string limit = b.Bind(static_cast<int64_t>(std::max(query.limit, 0)));
  filter.tail = " AND sequence > " + after + " ORDER BY sequence LIMIT " + limit;
  filter.values = b.TakeValues();
  return filter;
}

}  // namespace guarantor::store::internal

#include "server/list_query.h"

#include <charconv>
#include <cmath>

#include "model/taxonomy.h"
#include "model/timestamp.h"

namespace guarantor::server {
namespace {

Status Bad(const std::string& name, const std::string& expected, const std::string& found) {
  return Status::InvalidArgument("query parameter " + name + ": expected " + expected +
                                 "; found \"" + found + "\"");
}

Result<int64_t> ParseInteger(const std::string& name, const std::string& text, int64_t lo,
                             int64_t hi) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || v < lo || v > hi) {
    return Bad(name, "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
               text);
  }
  return v;
}

Result<double> ParseDegrees(const std::string& name, std::string_view text, double limit) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v) || std::fabs(v) > limit) {
    return Bad(name,
               "a number of degrees in [-" + std::to_string(static_cast<int>(limit)) + ", " +
                   std::to_string(static_cast<int>(limit)) + "]",
               std::string(text));
  }
  return v;
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    parts.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

Status ParseBox(const std::string& text, ListQuery* q) {
  const std::vector<std::string> parts = SplitCommas(text);
  if (parts.size() != 4) return Bad("bbox", "west,south,east,north in degrees", text);
  ASSIGN_OR_RETURN(double west, ParseDegrees("bbox (west)", parts[0], 180));
  ASSIGN_OR_RETURN(double south, ParseDegrees("bbox (south)", parts[1], 90));
  ASSIGN_OR_RETURN(double east, ParseDegrees("bbox (east)", parts[2], 180));
  ASSIGN_OR_RETURN(double north, ParseDegrees("bbox (north)", parts[3], 90));
  if (south > north || west > east) {
    return Bad("bbox", "west <= east and south <= north (no antimeridian wrap)", text);
  }
  q->west = west;
  q->south = south;
  q->east = east;
  q->north = north;
  return Status::Ok();
}

Status ParseOne(const std::string& name, const std::string& value, ListQuery* q) {
  if (name == "from" || name == "to") {
    Result<Timestamp> t = Timestamp::Parse(value);
    if (!t.ok()) return Bad(name, "an RFC 3339 time such as 2026-02-01T00:00:00Z", value);
    (name == "from" ? q->from_micros : q->to_micros) = t->utc_micros();
  } else if (name == "bbox") {
    return ParseBox(value, q);
  } else if (name == "kind") {
    for (const std::string& k : SplitCommas(value)) {
      if (!ParseObservationKind(k)) return Bad("kind", "observation kinds, comma-separated", k);
      q->kinds.push_back(k);
    }
  } else if (name == "status") {
    if (value != "candidate" && value != "verified") {
      return Bad(name, "candidate or verified", value);
    }
    q->status = value;
  } else if (name == "min_severity") {
    ASSIGN_OR_RETURN(int64_t v, ParseInteger(name, value, 0, 5));
    q->min_severity = static_cast<int>(v);
  } else if (name == "after") {
    ASSIGN_OR_RETURN(q->after, ParseInteger(name, value, 0, INT64_MAX));
  } else if (name == "limit") {
    ASSIGN_OR_RETURN(int64_t v, ParseInteger(name, value, 1, kMaxPageSize));
    q->limit = static_cast<int>(v);
  } else if (name == "sequence" || name == "tree_size" || name == "first" || name == "second") {
    ASSIGN_OR_RETURN(int64_t v, ParseInteger(name, value, 0, INT64_MAX));
    (name == "sequence"    ? q->sequence
     : name == "tree_size" ? q->tree_size
     : name == "first"     ? q->first
                           : q->second) = v;
  } else if (name == "types") {
    for (const std::string& t : SplitCommas(value)) {
      if (t != "violation" && t != "case" && t != "activation" && t != "remedy_overdue") {
        return Bad(name, "violation, case, activation or remedy_overdue, comma-separated", t);
      }
      q->types.insert(t);
    }
  } else if (name == "format") {
    if (value != "json" && value != "csv" && value != "geojson") {
      return Bad(name, "json, csv or geojson", value);
    }
    q->format = value;
  } else if (value.empty() || value.size() > 128) {
    return Bad(name, "a value of 1 to 128 characters", value);
  } else if (name == "id") {
    if (q->ids.size() == kMaxIds) {
      return Bad(name, "at most " + std::to_string(kMaxIds) + " ids in one query", value);
    }
    q->ids.push_back(value);
  } else if (name == "source") {
    q->source = value;
  } else if (name == "owner") {
    q->owner = value;
  } else if (name == "party") {
    q->party = value;
  } else if (name == "zone") {
    q->zone = value;
  } else if (name == "rule") {
    q->rule = value;
  } else if (name == "state") {
    q->state = value;
  } else if (name == "claimed_by") {
    q->claimed_by = value;
  } else if (name == "remedy_due_by") {
    if (!Timestamp::IsCalendarDay(value)) {
      return Bad(name, "a day YYYY-MM-DD", value);
    }
    q->remedy_due_by = value;
  }
  return Status::Ok();
}

}  // namespace

Result<ListQuery> ParseListQuery(const QueryParams& params, const std::set<std::string>& accepted) {
  ListQuery q;
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    if (!accepted.count(name)) {
      std::string names;
      for (const std::string& a : accepted) names += (names.empty() ? "" : ", ") + a;
      return Status::InvalidArgument("query parameter " + name +
                                     ": not taken by this endpoint; expected one of " + names);
    }
    if (!seen.insert(name).second && name != "id") {
      return Status::InvalidArgument("query parameter " + name + ": given more than once");
    }
    RETURN_IF_ERROR(ParseOne(name, value, &q));
  }
  if (q.from_micros && q.to_micros && *q.from_micros > *q.to_micros) {
    return Status::InvalidArgument("query parameters from, to: expected from <= to");
  }
  return q;
}

}  // namespace guarantor::server

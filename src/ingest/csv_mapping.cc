#include "ingest/csv_mapping.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "base/diagnostic.h"

namespace guarantor::ingest {
namespace {

constexpr char kFormat[] = "guarantor-csv-mapping/1";
constexpr int kMaxFlowDepth = 64;

// Collects diagnostics for one mapping file.
class Reader {
 public:
  explicit Reader(std::string label) : label_(std::move(label)) {}

  void Error(const YAML::Node& at, const std::string& field, std::string message) {
    Diagnostic d{label_, 0, 0, field, std::move(message)};
    if (at.IsDefined() && at.Mark().line >= 0) {
      d.line = at.Mark().line + 1;
      d.column = at.Mark().column + 1;
    }
    errors_.push_back(std::move(d));
  }

  std::optional<std::string> Text(const YAML::Node& n, const std::string& field,
                                  bool allow_empty = false) {
    if (!n.IsDefined()) {
      Error(n, field, "required key missing");
      return std::nullopt;
    }
    if (!n.IsScalar() || (!allow_empty && n.Scalar().empty())) {
      Error(n, field, allow_empty ? "expected a text" : "expected a non-empty text");
      return std::nullopt;
    }
    return n.Scalar();
  }

  // Reports keys of `map` that are not in `known`.
  void CheckKeys(const YAML::Node& map, const std::string& path,
                 std::initializer_list<std::string_view> known) {
    for (const auto& kv : map) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string choices;
        for (std::string_view k : known) choices += (choices.empty() ? "" : ", ") + std::string(k);
        Error(kv.first, path.empty() ? key : path + "." + key,
              "unknown key (expected one of: " + choices + ")");
      }
    }
  }

  std::optional<FieldRule> Rule(const YAML::Node& n, const std::string& path) {
    if (!n.IsMap()) {
      Error(n, path, "expected a mapping with 'column' or 'value'");
      return std::nullopt;
    }
    CheckKeys(n, path, {"column", "value", "values", "prefixes", "otherwise", "prefix"});
    FieldRule rule;
    const size_t before = errors_.size();
    if (n["column"] && n["value"]) Error(n, path, "give either 'column' or 'value', not both");
    if (n["column"]) {
      if (auto c = Text(n["column"], path + ".column")) rule.column = *c;
    } else if (n["value"]) {
      if (auto c = Text(n["value"], path + ".value", true)) rule.constant = *c;
    } else {
      Error(n, path, "expected 'column' (a column name) or 'value' (a constant)");
    }
    if (const YAML::Node v = n["values"]) {
      if (!v.IsMap() || v.size() == 0) {
        Error(v, path + ".values", "expected a non-empty mapping from texts to texts");
      } else {
        for (const auto& kv : v) {
          auto from = Text(kv.first, path + ".values", true);
          auto to = Text(kv.second, path + ".values." + kv.first.Scalar(), true);
          if (from && to) rule.values[*from] = *to;
        }
      }
    }
    if (const YAML::Node v = n["prefixes"]) {
      if (!v.IsMap() || v.size() == 0) {
        Error(v, path + ".prefixes", "expected a non-empty mapping from texts to texts");
      } else {
        for (const auto& kv : v) {
          auto from = Text(kv.first, path + ".prefixes");
          auto to = Text(kv.second, path + ".prefixes." + kv.first.Scalar(), true);
          if (from && to) rule.prefixes.emplace_back(*from, *to);
        }
      }
    }
    if (n["otherwise"]) {
      if (auto o = Text(n["otherwise"], path + ".otherwise", true)) rule.otherwise = *o;
      if (!rule.translates()) {
        Error(n["otherwise"], path + ".otherwise", "'otherwise' needs 'values' or 'prefixes'");
      }
    }
    if (n["prefix"]) {
      if (auto p = Text(n["prefix"], path + ".prefix")) rule.prefix = *p;
    }
    if (errors_.size() != before) return std::nullopt;
    return rule;
  }

  const std::vector<Diagnostic>& errors() const { return errors_; }

 private:
  std::string label_;
  std::vector<Diagnostic> errors_;
};

}  // namespace

const std::vector<std::pair<std::string, bool>>& MappingFieldNames() {
  static const std::vector<std::pair<std::string, bool>> kNames = {{"id", true},
                                                                   {"time", true},
                                                                   {"time_uncertainty_s", false},
                                                                   {"lat", true},
                                                                   {"lon", true},
                                                                   {"uncertainty_m", true},
                                                                   {"source_id", true},
                                                                   {"source_type", true},
                                                                   {"kind", true},
                                                                   {"weapon_class", false},
                                                                   {"count", false},
                                                                   {"confidence", false},
                                                                   {"notes", false},
                                                                   {"initiator", false}};
  return kNames;
}

std::vector<std::string> CsvMapping::Columns() const {
  std::set<std::string> columns;
  for (const auto& [name, rule] : fields) {
    if (!rule.column.empty()) columns.insert(rule.column);
  }
  for (const SkipRule& s : skip) columns.insert(s.column);
  return {columns.begin(), columns.end()};
}

namespace {

Result<CsvMapping> ParseCsvMappingOrThrow(const std::string& text, const std::string& label) {
  // yaml-cpp parses flow collections recursively: bound their nesting before parsing, as the
  // scenario loader does.
  int depth = 0, line = 1;
  for (char c : text) {
    if (c == '\n') ++line;
    if ((c == '[' || c == '{') && ++depth > kMaxFlowDepth) {
      return Status::InvalidArgument(label + ":" + std::to_string(line) + ": expected at most " +
                                     std::to_string(kMaxFlowDepth) +
                                     " nested [ or { brackets; found more");
    }
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  YAML::Node loaded;
  try {
    loaded = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const bool at = !e.mark.is_null();
    return Status::InvalidArgument(label + ":" + std::to_string(at ? e.mark.line + 1 : 0) + ":" +
                                   std::to_string(at ? e.mark.column + 1 : 0) +
                                   ": expected well-formed YAML; found a syntax error: " + e.msg);
  }
  const YAML::Node& root = loaded;  // const: lookups of missing keys must not insert them
  Reader r(label);
  CsvMapping m;
  if (!root.IsMap()) {
    r.Error(root, "", "expected a mapping at the top level");
    return Status::InvalidArgument(JoinDiagnostics(r.errors()));
  }
  r.CheckKeys(
      root, "",
      {"format", "name", "encoding", "delimiter", "time_formats", "utc_offset", "fields", "skip"});
  if (auto f = r.Text(root["format"], "format"); f && *f != kFormat) {
    r.Error(root["format"], "format",
            std::string("expected \"") + kFormat + "\", found \"" + *f + "\"");
  }
  if (auto n = r.Text(root["name"], "name")) m.name = *n;
  if (auto e = r.Text(root["encoding"], "encoding")) {
    if (auto enc = ParseTextEncoding(*e)) {
      m.encoding = *enc;
    } else {
      r.Error(root["encoding"], "encoding", "expected utf-8 or windows-1252, found \"" + *e + "\"");
    }
  }
  if (root["delimiter"]) {
    auto d = r.Text(root["delimiter"], "delimiter");
    if (d && (d->size() != 1 || (*d)[0] == '"' || (*d)[0] == '\n' || (*d)[0] == '\r')) {
      r.Error(root["delimiter"], "delimiter",
              "expected one character other than a quote or a line break");
    } else if (d) {
      m.delimiter = (*d)[0];
    }
  }
  int offset = 0;
  if (root["utc_offset"]) {
    auto o = r.Text(root["utc_offset"], "utc_offset");
    std::optional<int> minutes = o ? ParseUtcOffset(*o) : std::nullopt;
    if (o && !minutes) {
      r.Error(root["utc_offset"], "utc_offset",
              "expected Z or +hh:mm or -hh:mm, found \"" + *o + "\"");
    }
    offset = minutes.value_or(0);
  }
  const YAML::Node formats = root["time_formats"];
  // A missing key is an invalid node in yaml-cpp: IsSequence() etc. would throw on it.
  if (!formats.IsDefined() || !formats.IsSequence() || formats.size() == 0) {
    r.Error(formats, "time_formats", "expected a non-empty list of date-time patterns");
  } else {
    for (size_t i = 0; i < formats.size(); ++i) {
      const std::string path = "time_formats[" + std::to_string(i) + "]";
      if (auto p = r.Text(formats[i], path)) {
        Result<DateTimeFormat> f = DateTimeFormat::Create(*p, offset);
        if (f.ok()) {
          m.time_formats.push_back(*f);
        } else {
          r.Error(formats[i], path, f.status().message());
        }
      }
    }
  }
  const YAML::Node fields = root["fields"];
  if (!fields.IsDefined() || !fields.IsMap()) {
    r.Error(fields, "fields", "expected a mapping from observation fields to rules");
  } else {
    for (const auto& kv : fields) {
      const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      const auto& names = MappingFieldNames();
      if (std::none_of(names.begin(), names.end(),
                       [&](const auto& p) { return p.first == name; })) {
        std::string choices;
        for (const auto& [n, required] : names) choices += (choices.empty() ? "" : ", ") + n;
        r.Error(kv.first, "fields." + name, "unknown field (expected one of: " + choices + ")");
        continue;
      }
      if (auto rule = r.Rule(kv.second, "fields." + name)) m.fields[name] = *rule;
    }
    for (const auto& [name, required] : MappingFieldNames()) {
      if (required && !fields[name]) r.Error(fields, "fields." + name, "required field missing");
    }
  }
  if (const YAML::Node skip = root["skip"]) {
    if (!skip.IsSequence()) {
      r.Error(skip, "skip", "expected a list of rules");
    } else {
      for (size_t i = 0; i < skip.size(); ++i) {
        const std::string path = "skip[" + std::to_string(i) + "]";
        const YAML::Node s = skip[i];
        if (!s.IsMap()) {
          r.Error(s, path, "expected a mapping with 'column' and 'equals' or 'empty'");
          continue;
        }
        r.CheckKeys(s, path, {"column", "equals", "empty"});
        SkipRule rule;
        if (auto c = r.Text(s["column"], path + ".column")) rule.column = *c;
        if (const YAML::Node eq = s["equals"]) {
          if (!eq.IsSequence() || eq.size() == 0) {
            r.Error(eq, path + ".equals", "expected a non-empty list of texts");
          } else {
            for (size_t k = 0; k < eq.size(); ++k) {
              auto v = r.Text(eq[k], path + ".equals[" + std::to_string(k) + "]", true);
              if (v) rule.equals.push_back(*v);
            }
          }
        }
        if (s["empty"]) {
          if (!s["empty"].IsScalar() || s["empty"].Scalar() != "true") {
            r.Error(s["empty"], path + ".empty", "expected true");
          }
          rule.when_empty = true;
        }
        if (rule.equals.empty() && !rule.when_empty) {
          r.Error(s, path, "expected 'equals' (a list) or 'empty: true'");
        }
        m.skip.push_back(std::move(rule));
      }
    }
  }
  if (!r.errors().empty()) return Status::InvalidArgument(JoinDiagnostics(r.errors()));
  return m;
}

}  // namespace

Result<CsvMapping> ParseCsvMapping(const std::string& text, const std::string& label) {
  try {
    return ParseCsvMappingOrThrow(text, label);
  } catch (const YAML::Exception& e) {
    // Every access above checks the node first; this is the adapter's backstop.
    return Status::InvalidArgument(label + ": unexpected structure: " + e.msg);
  }
}

Result<CsvMapping> LoadCsvMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the mapping file");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCsvMapping(text.str(), path);
}

}  // namespace guarantor::ingest

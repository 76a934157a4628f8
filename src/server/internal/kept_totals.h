// KeptTotals: the totals of list queries over rows that are only ever appended (closed incidents,
// opened cases), kept between queries. A total stays right for the rows it counted, so the next
// query with the same key counts only the rows appended since: a page then costs the rows up to
// it, not a scan of every row.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include <absl/container/flat_hash_map.h>

namespace guarantor::server {

class KeptTotals {
 public:
  // How many of rows [0, rows) the query named `key` selects: the count kept for `key`, if it
  // was made at the same `generation` over no more rows, plus `count_from(first)`, the selected
  // rows in [first, rows). `generation` stands for whatever else the selection depends on (0
  // when nothing does): a count kept at another generation is counted again from row 0.
  // REQUIRES: rows [0, rows) never change once counted.
  int64_t Count(const std::string& key, uint64_t generation, size_t rows,
                const std::function<int64_t(size_t first)>& count_from);

 private:
  struct Counted {
    size_t rows = 0;
    int64_t count = 0;
    uint64_t generation = 0;
  };
  static constexpr size_t kMaxKeys = 1024;  // emptied beyond: queries are few in shape

  std::mutex mu_;
  absl::flat_hash_map<std::string, Counted> kept_;  // guarded by mu_
};

}  // namespace guarantor::server

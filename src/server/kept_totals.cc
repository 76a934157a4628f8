#include "server/internal/kept_totals.h"

namespace guarantor::server {

int64_t KeptTotals::Count(const std::string& key, uint64_t generation, size_t rows,
                          const std::function<int64_t(size_t first)>& count_from) {
  Counted counted;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = kept_.find(key);
    if (it != kept_.end() && it->second.rows <= rows && it->second.generation == generation) {
      counted = it->second;
    }
  }
  // Counted outside the lock: queries with other keys go on meanwhile.
  counted.count += count_from(counted.rows);
  counted.rows = rows;
  counted.generation = generation;
  std::lock_guard<std::mutex> lock(mu_);
  if (kept_.size() >= kMaxKeys) kept_.clear();
  Counted& kept = kept_[key];
  if (kept.rows <= counted.rows) kept = counted;
  return counted.count;
}

}  // namespace guarantor::server

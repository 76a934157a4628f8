#include "base/record_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

namespace guarantor {

RecordSpool::RecordSpool(std::string directory, size_t buffer_bytes)
    : directory_(std::move(directory)), buffer_bytes_(buffer_bytes) {}

RecordSpool::~RecordSpool() {
  if (fd_ >= 0) ::close(fd_);
}

RecordSpool::Handle RecordSpool::Append(std::string_view text) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  const Handle h{in_file_.load(std::memory_order_relaxed) + tail_.size(), text.size()};
  tail_.append(text);
  if (!memory_only_ && tail_.size() >= buffer_bytes_) Flush();
  return h;
}

bool RecordSpool::OpenFile() {
  const char* env_dir = std::getenv("TMPDIR");
  const std::string dir = !directory_.empty()
                              ? directory_
                              : (env_dir != nullptr && *env_dir != '\0' ? env_dir : "/tmp");
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ >= 0) return true;
  // Filesystems without O_TMPFILE: a named file, unlinked at once.
  std::string name = dir + "/.guarantor-records-XXXXXX";
  std::vector<char> path(name.begin(), name.end());
  path.push_back('\0');
  fd_ = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd_ < 0) return false;
  ::unlink(path.data());
  return true;
}

void RecordSpool::Flush() {
  if (fd_ < 0 && !OpenFile()) {
    memory_only_ = true;
    return;
  }
  const uint64_t at = in_file_.load(std::memory_order_relaxed);
  size_t written = 0;
  while (written < tail_.size()) {
    const ssize_t n = ::pwrite(fd_, tail_.data() + written, tail_.size() - written,
                               static_cast<off_t>(at + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Whatever reached the file past `at` is ignored: the tail keeps every byte of it.
      memory_only_ = true;
      return;
    }
    written += static_cast<size_t>(n);
  }
  in_file_.store(at + tail_.size(), std::memory_order_release);
  tail_.clear();
}

Status RecordSpool::AppendTo(Handle h, std::string* out) const {
  if (h.offset + h.size <= in_file_.load(std::memory_order_acquire)) return ReadFromFile(h, out);
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    const uint64_t base = in_file_.load(std::memory_order_relaxed);
    if (h.offset >= base) {
      if (h.offset - base + h.size > tail_.size()) {
        return Status::Internal("record spool: no record of " + std::to_string(h.size) +
                                " bytes at byte " + std::to_string(h.offset));
      }
      out->append(tail_, static_cast<size_t>(h.offset - base), static_cast<size_t>(h.size));
      return Status::Ok();
    }
  }
  // Written to the file since the first look.
  return ReadFromFile(h, out);
}

Result<std::string> RecordSpool::Read(Handle h) const {
  std::string text;
  if (Status s = AppendTo(h, &text); !s.ok()) return s;
  return text;
}

Status RecordSpool::AppendJoined(std::span<const Handle> handles, std::string_view separator,
                                 std::string* out) const {
  // A run is read whole while its span stays within twice its records' bytes plus this: other
  // records between (a list's filtered-out rows) cost less to read past than a call each.
  constexpr uint64_t kGapAllowance = 64 << 10;
  const uint64_t in_file = in_file_.load(std::memory_order_acquire);
  std::string run;
  for (size_t i = 0; i < handles.size();) {
    if (i > 0) out->append(separator);
    const uint64_t start = handles[i].offset;
    uint64_t end = start + handles[i].size, bytes = handles[i].size;
    size_t next = i + 1;
    while (end <= in_file && next < handles.size()) {
      const Handle& h = handles[next];
      const uint64_t h_end = h.offset + h.size;
      if (h.offset < end || h_end > in_file || h_end - start > 2 * (bytes + h.size) + kGapAllowance)
        break;
      end = h_end;
      bytes += h.size;
      ++next;
    }
    if (next == i + 1) {
      RETURN_IF_ERROR(AppendTo(handles[i], out));
      ++i;
      continue;
    }
    run.clear();
    RETURN_IF_ERROR(ReadFromFile(Handle{start, end - start}, &run));
    for (size_t k = i; k < next; ++k) {
      if (k > i) out->append(separator);
      out->append(run, static_cast<size_t>(handles[k].offset - start),
                  static_cast<size_t>(handles[k].size));
    }
    i = next;
  }
  return Status::Ok();
}

Status RecordSpool::ReadFromFile(Handle h, std::string* out) const {
  const size_t start = out->size();
  out->resize(start + static_cast<size_t>(h.size));
  size_t got = 0;
  while (got < h.size) {
    const ssize_t n = ::pread(fd_, out->data() + start + got, static_cast<size_t>(h.size) - got,
                              static_cast<off_t>(h.offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out->resize(start);
      return Status::IoError(
          "record spool: reading " + std::to_string(h.size) + " bytes at byte " +
          std::to_string(h.offset) + " of its file: " +
          (n < 0 ? std::system_category().message(errno) : "the file ends before them"));
    }
    got += static_cast<size_t>(n);
  }
  return Status::Ok();
}

uint64_t RecordSpool::size() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return in_file_.load(std::memory_order_relaxed) + tail_.size();
}

size_t RecordSpool::memory_bytes() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return tail_.size();
}

}  // namespace guarantor

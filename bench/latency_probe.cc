// latency_probe: streaming latency of `guarantor replay`. Feeds an observations file to its
// standard input at a steady rate (records per second), and for every violation alert it prints,
// measures the time from the arrival (the write) of the report that raised it to the alert's
// line on its standard output. Prints percentiles as one JSON object.
//
// Case and trigger alerts are not measured: they are raised when an incident closes, by design a
// stated time after its last report (docs/monitoring.md, 2.7), not on a report's arrival.
//
// Usage: latency_probe --guarantor BIN --scenario DIR --observations FILE [--rate N]
//                      [--threads N]   (replay's --threads)
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// The value of `"key":"..."` in a JSON line written by guarantor (no escapes in ids).
std::string StringField(const std::string& line, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  const size_t at = line.find(needle);
  if (at == std::string::npos) return "";
  const size_t start = at + needle.size();
  return line.substr(start, line.find('"', start) - start);
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string guarantor, scenario, observations;
  double rate = 100000;
  std::string threads = "1";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--guarantor")
      guarantor = argv[i + 1];
    else if (flag == "--scenario")
      scenario = argv[i + 1];
    else if (flag == "--observations")
      observations = argv[i + 1];
    else if (flag == "--rate")
      rate = std::stod(argv[i + 1]);
  }
  if (guarantor.empty() || scenario.empty() || observations.empty()) {
    std::cerr << "usage: latency_probe --guarantor BIN --scenario DIR --observations FILE "
                 "[--rate N] [--threads N]\n";
    return 2;
  }
  std::vector<std::string> lines;
  {
    std::ifstream in(observations);
    for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  }
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0 || pipe(from_child) != 0) return 1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(to_child[0], STDIN_FILENO);
    dup2(from_child[1], STDOUT_FILENO);
    close(to_child[1]);
    close(from_child[0]);
    execl(guarantor.c_str(), guarantor.c_str(), "replay", "--scenario", scenario.c_str(), "--json",
          "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);

  std::mutex mu;
  std::unordered_map<std::string, Clock::time_point> sent;  // observation id -> arrival
  sent.reserve(lines.size());
  std::vector<double> latencies_us;
  size_t unmatched = 0;
  std::thread reader([&] {
    std::string buffer, line;
    char chunk[1 << 16];
    for (;;) {
      const ssize_t n = ::read(from_child[0], chunk, sizeof chunk);
      if (n <= 0) break;
      const Clock::time_point now = Clock::now();
      buffer.append(chunk, static_cast<size_t>(n));
      size_t start = 0, nl;
      while ((nl = buffer.find('\n', start)) != std::string::npos) {
        line.assign(buffer, start, nl - start);
        start = nl + 1;
        if (line.find("\"alert\":\"violation_verified\"") == std::string::npos) continue;
        const std::string id = StringField(line, "observation");
        std::lock_guard<std::mutex> lock(mu);
        auto it = sent.find(id);
        if (it == sent.end()) {
          ++unmatched;
          continue;
        }
        latencies_us.push_back(std::chrono::duration<double, std::micro>(now - it->second).count());
      }
      buffer.erase(0, start);
    }
  });

  const Clock::time_point start = Clock::now();
  size_t behind = 0;  // records written later than their slot by more than 1 ms
  for (size_t i = 0; i < lines.size(); ++i) {
    const Clock::time_point slot =
        start + std::chrono::nanoseconds(static_cast<int64_t>(1e9 * static_cast<double>(i) / rate));
    // Sleep rather than spin: on a small machine the probe must leave the cores to guarantor.
    if (slot - Clock::now() > std::chrono::microseconds(20)) std::this_thread::sleep_until(slot);
    const std::string id = StringField(lines[i], "id");
    const Clock::time_point now = Clock::now();
    if (now - slot > std::chrono::milliseconds(1)) ++behind;
    {
      std::lock_guard<std::mutex> lock(mu);
      sent[id] = now;
    }
    if (!WriteAll(to_child[1], lines[i].data(), lines[i].size())) break;
  }
  const double feed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  close(to_child[1]);
  reader.join();
  int status = 0;
  waitpid(pid, &status, 0);
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) {
    if (latencies_us.empty()) return 0.0;
    return latencies_us[std::min(
        latencies_us.size() - 1,
        static_cast<size_t>(p * static_cast<double>(latencies_us.size())))];
  };
  std::printf(
      "{\"records\":%zu,\"rate_requested\":%.0f,\"rate_achieved\":%.0f,\"written_late_by_1ms\":%zu,"
      "\"alerts_measured\":%zu,\"unmatched\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,"
      "\"max_ms\":%.3f,\"exit_status\":%d}\n",
      lines.size(), rate, static_cast<double>(lines.size()) / feed_seconds, behind,
      latencies_us.size(), unmatched, pct(0.5) / 1000, pct(0.99) / 1000, pct(0.999) / 1000,
      latencies_us.empty() ? 0.0 : latencies_us.back() / 1000, WEXITSTATUS(status));
  return 0;
}

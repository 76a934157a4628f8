// AppendObservations throughput: appends B batches of N realistic observations (a ~300-byte JSON
// record each) to the store at --db and prints observations per second. Run it on a fresh data
// directory or database for comparable figures (ids are unique per run, so a rerun appends).
//
//   store_bench --db /tmp/bench-store                         # SQLite
//   store_bench --db postgresql://postgres@127.0.0.1:5432/db  # PostgreSQL
//   options: --batches 100 --batch-size 10000
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

using guarantor::Classification;
using guarantor::store::IngestBatch;
using guarantor::store::StoredObservation;

StoredObservation MakeObservation(const std::string& id, int64_t time_micros,
                                  std::mt19937_64& rng) {
  std::uniform_real_distribution<double> lat(46.0, 52.0), lng(30.0, 40.0);
  static const char* kKinds[] = {"artillery_fire", "drone_strike", "troop_movement", "air_strike"};
  StoredObservation o;
  o.id = id;
  o.time_micros = time_micros;
  o.kind = kKinds[rng() % 4];
  o.source_id = "sensor-" + std::to_string(rng() % 500);
  o.source_type = rng() % 2 ? "uav" : "acoustic";
  o.lat = lat(rng);
  o.lng = lng(rng);
  o.owner = rng() % 3 ? "ua" : "monitors";
  o.classification = static_cast<Classification>(rng() % 4);
  char lat_lng[64];
  std::snprintf(lat_lng, sizeof lat_lng, "\"lat\":%.6f,\"lng\":%.6f", o.lat, o.lng);
  o.record = "{\"id\":\"" + id + "\",\"time\":\"2026-05-01T12:00:00.000000Z\",\"kind\":\"" +
             o.kind + "\"," + lat_lng + ",\"source\":{\"id\":\"" + o.source_id + "\",\"type\":\"" +
             o.source_type + "\"},\"owner\":\"" + o.owner +
             "\",\"classification\":\"coalition\",\"confidence\":0.82,\"accuracy_m\":150,"
             "\"note\":\"observed from the northern post, two impacts, direction of fire east\"}";
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int batches = 100, batch_size = 10'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") {
      db = argv[i + 1];
    } else if (flag == "--batches") {
      batches = std::atoi(argv[i + 1]);
    } else if (flag == "--batch-size") {
      batch_size = std::atoi(argv[i + 1]);
    }
  }
  if (db.empty() || batches <= 0 || batch_size <= 0) {
    std::fprintf(stderr, "usage: store_bench --db LOCATION [--batches 100] [--batch-size 10000]\n");
    return 2;
  }
  auto store = guarantor::store::OpenStore(db);
  if (!store.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", store.status().message().c_str());
    return 1;
  }
  std::mt19937_64 rng(std::random_device{}());
  const std::string run = std::to_string(rng() % 1'000'000'000);
  // The batches are built before timing: the figure is the store's, not the generator's.
  std::vector<IngestBatch> inputs(batches);
  size_t record_bytes = 0;
  for (int b = 0; b < batches; ++b) {
    inputs[b].submitted_by = "bench";
    inputs[b].key = run + "-" + std::to_string(b);
    for (int i = 0; i < batch_size; ++i) {
      const int64_t n = static_cast<int64_t>(b) * batch_size + i;
      inputs[b].observations.push_back(
          MakeObservation("obs-" + run + "-" + std::to_string(n), 1'777'000'000'000'000 + n, rng));
      record_bytes += inputs[b].observations.back().record.size();
    }
  }
  const auto start = std::chrono::steady_clock::now();
  for (const IngestBatch& batch : inputs) {
    auto receipt = (*store)->AppendObservations(batch);
    if (!receipt.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", receipt.status().message().c_str());
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double total = static_cast<double>(batches) * batch_size;
  std::printf(
      "%s: %d batches x %d observations (records of %.0f bytes on average) in %.2f s: "
      "%.0f obs/s\n",
      db.starts_with("postgres") ? "postgresql" : "sqlite", batches, batch_size,
      static_cast<double>(record_bytes) / total, seconds, total / seconds);
  return 0;
}

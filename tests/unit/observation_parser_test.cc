#include "monitor/observation_parser.h"

#include <gtest/gtest.h>

#include <simdjson.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "monitor/agreement_map.h"
#include "monitor/observation_stream.h"
#include "monitor/observation_tape.h"
#include "scenario/scenario_loader.h"
#include "sim/theatre_simulator.h"
#include "support/same_observation.h"
#include "support/test_paths.h"

namespace guarantor {
namespace {

TEST(ObservationParserTest, ParsesEveryField) {
  ObservationParser parser;
  Observation o;
  const std::string line =
      R"({"id":"obs-1","time":"2026-02-01T03:15:00+02:00","source":{"id":"uav-3","type":"uav"},)"
      R"("kind":"artillery_fire","position":{"lat":48.1,"lon":37.7,"uncertainty_m":50},)"
      R"("origin":{"lat":48.2,"lon":37.9,"uncertainty_m":800},)"
      R"("bearing":{"observer":{"lat":48.0,"lon":37.6},"azimuth_deg":45.5,"uncertainty_deg":3},)"
      R"("weapon_class":"artillery_ge_100mm","count":12,"confidence":0.8,"notes":"salvo"})";
  ASSERT_TRUE(parser.Parse(line, &o).ok()) << parser.Parse(line, &o).message();
  EXPECT_EQ(o.id, "obs-1");
  EXPECT_EQ(o.time.ToRfc3339(), "2026-02-01T03:15:00+02:00");
  EXPECT_EQ(o.source_id, "uav-3");
  EXPECT_EQ(o.source_type, SourceType::kUav);
  EXPECT_EQ(o.kind, ObservationKind::kArtilleryFire);
  EXPECT_DOUBLE_EQ(o.position.position.lat_deg, 48.1);
  EXPECT_DOUBLE_EQ(o.position.uncertainty_m, 50);
  ASSERT_TRUE(o.origin.has_value());
  EXPECT_DOUBLE_EQ(o.origin->position.lon_deg, 37.9);
  ASSERT_TRUE(o.bearing.has_value());
  EXPECT_DOUBLE_EQ(o.bearing->azimuth_deg, 45.5);
  EXPECT_EQ(o.weapon_class, WeaponClass::kArtilleryGe100mm);
  EXPECT_EQ(o.count, 12);
  EXPECT_DOUBLE_EQ(o.confidence, 0.8);
  EXPECT_EQ(o.notes, "salvo");
}

TEST(ObservationParserTest, OptionalFieldsTakeTheirDefaults) {
  ObservationParser parser;
  Observation o;
  ASSERT_TRUE(parser
                  .Parse(R"({"id":"a","time":"2026-02-01T00:00:00Z","source":{"id":"p","type":)"
                         R"("patrol"},"kind":"explosion","position":{"lat":1,"lon":2,)"
                         R"("uncertainty_m":0}})",
                         &o)
                  .ok());
  EXPECT_EQ(o.weapon_class, WeaponClass::kUnknown);
  EXPECT_EQ(o.count, 1);
  EXPECT_DOUBLE_EQ(o.confidence, 1.0);
  EXPECT_FALSE(o.origin.has_value());
}

TEST(ObservationParserTest, KeysWithEscapesNameTheSameFields) {
  // An escaped key is still the field it spells, and an escaped key that spells nothing known
  // is still refused.
  ObservationParser parser;
  Observation o;
  const Status ok = parser.Parse(
      R"({"id":"a","t\u0069me":"2026-02-01T00:00:00Z","source":{"id":"p","type":"patrol"},)"
      R"("kind":"explosion","position":{"l\u0061t":1.5,"lon":2,"uncertainty_\u006d":7}})",
      &o);
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(o.time.ToRfc3339(), "2026-02-01T00:00:00Z");
  EXPECT_DOUBLE_EQ(o.position.position.lat_deg, 1.5);
  EXPECT_DOUBLE_EQ(o.position.uncertainty_m, 7);
  const Status unknown =
      parser.Parse(R"({"id":"a","time":"2026-02-01T00:00:00Z","source":{"id":"p","type":"patrol"},)"
                   R"("kind":"explosion","position":{"lat":1,"lon":2,"uncertainty_m":0},"c\"x":1})",
                   &o);
  EXPECT_EQ(unknown.message(), "c\"x: expected a known field; found unknown field \"c\"x\"");
}

TEST(ObservationParserTest, StringValuesWithOrWithoutEscapesAreTheirText) {
  // Escaped or not, with spaces around or not, a string is its text, and an escaped enum still
  // names its member.
  ObservationParser parser;
  Observation o;
  const Status ok = parser.Parse(
      "{\"id\" : \"o\\u0062s-1\" ,\"time\":\t\"2026-02-01T00:00:00Z\"\r,"
      "\"source\":{\"id\":\"p\\\"q\\\\\" , \"type\" : \"patrol\" },"
      "\"kind\":\"expl\\u006fsion\",\"weapon_class\" :\"mlrs\"  ,"
      "\"position\":{\"lat\":1,\"lon\":2,\"uncertainty_m\":0},\"notes\":\"a\\nb\"}",
      &o);
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(o.id, "obs-1");
  EXPECT_EQ(o.time.ToRfc3339(), "2026-02-01T00:00:00Z");
  EXPECT_EQ(o.source_id, "p\"q\\");
  EXPECT_EQ(o.source_type, SourceType::kPatrol);
  EXPECT_EQ(o.kind, ObservationKind::kExplosion);
  EXPECT_EQ(o.weapon_class, WeaponClass::kMlrs);
  EXPECT_EQ(o.notes, "a\nb");
  const Status number =
      parser.Parse(R"({"id":7,"time":"2026-02-01T00:00:00Z","source":{"id":"p","type":"patrol"},)"
                   R"("kind":"explosion","position":{"lat":1,"lon":2,"uncertainty_m":0}})",
                   &o);
  EXPECT_EQ(number.message(), "id: expected a string; found 7");
}

// Parses `line` with the fast path first and field by field only; both must say the same.
void ExpectBothPathsAgree(const std::string& line) {
  ObservationParser fast_first, field_by_field(ObservationParser::Path::kFieldByField);
  Observation a, b;
  const Status sa = fast_first.Parse(line, &a), sb = field_by_field.Parse(line, &b);
  EXPECT_EQ(sa.ok(), sb.ok()) << line;
  EXPECT_EQ(sa.message(), sb.message()) << line;
  if (sa.ok() && sb.ok()) {
    EXPECT_TRUE(testing::SameObservation(a, b)) << line;
  }
}

// The tape reader on its own: true when it takes `line` itself.
bool TapeTakes(const std::string& line, Observation* out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(line).get(root) != simdjson::SUCCESS) return false;
  *out = Observation();
  return ReadObservationFromTape(root, out);
}

TEST(ObservationParserTest, TheTapeTakesEverySimulatedReportAsFieldByFieldReadsIt) {
  ScenarioLoad load = LoadScenario(testing::Example("paris-2026"));
  ASSERT_TRUE(load.ok()) << JoinDiagnostics(load.errors);
  Result<AgreementMap> map = AgreementMap::Build(load.scenario->agreement);
  ASSERT_TRUE(map.ok());
  std::ostringstream truth, observations, links, gaps;
  SimulationOptions options;
  options.days = 1;
  options.seed = 5;
  options.events_per_day = 400;
  ASSERT_TRUE(SimulateTheatre(*load.scenario, *map, options,
                              SimulationOutputs{truth, observations, links, gaps})
                  .ok());
  std::istringstream lines(observations.str());
  ObservationParser field_by_field(ObservationParser::Path::kFieldByField);
  int records = 0;
  for (std::string line; std::getline(lines, line);) {
    Observation from_tape, reference;
    ASSERT_TRUE(TapeTakes(line, &from_tape)) << line;
    ASSERT_TRUE(field_by_field.Parse(line, &reference).ok()) << line;
    ASSERT_TRUE(testing::SameObservation(from_tape, reference)) << line;
    ++records;
  }
  EXPECT_GT(records, 500);
}

TEST(ObservationParserTest, BothPathsAgreeOnUnusualAndBadRecords) {
  const std::string head = R"({"id":"a","time":"2026-02-01T00:00:00+02:00",)"
                           R"("source":{"id":"p","type":"patrol"},"kind":"mortar_fire",)";
  const std::string position = R"("position":{"lat":48.5,"lon":37.5,"uncertainty_m":50})";
  const std::vector<std::string> lines = {
      head + position + "}",
      head + R"("position":{"lat":-0,"lon":0,"uncertainty_m":0}})",
      head + R"("position":{"lat":-0.0,"lon":1E1,"uncertainty_m":5e-1}})",
      head + position + R"(,"count":5.0})",
      head + position + R"(,"count":0})",
      head + position + R"(,"count":18446744073709551615})",
      head + position + R"(,"count":100000})",
      head + position + R"(,"confidence":1})",
      head + position + R"(,"confidence":1.0000001})",
      head + position + R"(,"notes":""})",
      head + position + R"(,"notes":"café "quoted""})",
      head + position + R"(,"time_uncertainty_s":604800})",
      head + position + R"(,"time_uncertainty_s":604800.5})",
      head + position + R"(,"origin":{"lat":48.6,"lon":37.6,"uncertainty_m":900}})",
      head + position + R"(,"origin":{"lat":48.6,"lon":37.6}})",
      head + position +
          R"(,"bearing":{"observer":{"lat":48.4,"lon":37.4},"azimuth_deg":360,)"
          R"("uncertainty_deg":2}})",
      head + position +
          R"(,"bearing":{"observer":{"lat":48.4,"lon":37.4,"uncertainty_m":1},)"
          R"("azimuth_deg":10,"uncertainty_deg":2}})",
      head + position + R"(,"weapon_class":"mlrs","weapon_class":"mlrs"})",
      head + position + R"(,"extra":1})",
      head + R"("position":{"lat":91,"lon":37.5,"uncertainty_m":50}})",
      head + R"("position":{"lat":"48","lon":37.5,"uncertainty_m":50}})",
      head + R"("position":{"lat":1e400,"lon":37.5,"uncertainty_m":50}})",
      R"({"id":"","time":"2026-02-01T00:00:00Z","source":{"id":"p","type":"patrol"},)"
      R"("kind":"explosion",)" +
          position + "}",
      R"({"time":"2026-02-01T00:00:00Z","source":{"id":"p","type":"patrol"},"kind":"explosion",)" +
          position + "}",
      head + position + "} {}",
      head + position,
      "[1,2]",
  };
  for (const std::string& line : lines) ExpectBothPathsAgree(line);
  // The tape leaves an integer zero to the other path ("-0" is -0.0 there) and takes the rest.
  Observation o;
  EXPECT_FALSE(TapeTakes(lines[1], &o));
  EXPECT_TRUE(TapeTakes(lines[2], &o));
  EXPECT_TRUE(std::signbit(o.position.position.lat_deg));
}

// Each line of tests/data/bad-observations.jsonl is paired with the exact rejection expected in
// tests/data/bad-observations.expected (same line number; blank lines are not records).
TEST(ObservationStreamTest, RejectsEachBadRecordWithItsLineAndReason) {
  std::ifstream in(testing::TestData("bad-observations.jsonl"));
  ASSERT_TRUE(in) << "missing test data";
  ObservationStream stream(in, "bad-observations.jsonl");
  Observation o;
  std::vector<std::string> accepted;
  while (stream.Next(&o)) accepted.push_back(o.id);
  EXPECT_EQ(accepted, (std::vector<std::string>{"good-1", "good-2"}));

  std::ifstream expected_file(testing::TestData("bad-observations.expected"));
  std::vector<std::string> expected;
  for (std::string line; std::getline(expected_file, line);) {
    if (!line.empty()) expected.push_back(line);
  }
  std::vector<std::string> actual;
  for (const Diagnostic& d : stream.rejections()) actual.push_back(d.ToString());
  EXPECT_EQ(actual, expected);
}

// A patrol's report of artillery fire as a line of a stream.
std::string PatrolLine(const std::string& id, const std::string& time) {
  return R"({"id": ")" + id + R"(", "time": ")" + time +
         R"(", "source": {"id": "patrol-01", "type": "patrol"}, "kind": "artillery_fire", )"
         R"("position": {"lat": 48.1, "lon": 37.7, "uncertainty_m": 300}})"
         "\n";
}

// An id is refused again while the latest accepted record is at most kDuplicateWindowSeconds (6 h)
// after its record, and accepted once the stream has moved further on.
TEST(ObservationStreamTest, AnIdMayReturnOnlyOnceTheDuplicateWindowHasPassed) {
  std::istringstream in(PatrolLine("a", "2026-02-01T00:00:00Z") +  // line 1
                        PatrolLine("b", "2026-02-01T06:00:00Z") +  // 2: exactly 6 h after "a"
                        PatrolLine("a", "2026-02-01T06:00:00Z") +  // 3: "a" still remembered
                        PatrolLine("c", "2026-02-01T06:00:01Z") +  // 4: "a" now 6 h 1 s behind
                        PatrolLine("a", "2026-02-01T06:00:02Z") +  // 5: accepted again
                        PatrolLine("b", "2026-02-01T06:00:03Z"));  // 6: "b" still remembered
  ObservationStream stream(in, "window.jsonl");
  Observation o;
  std::vector<std::string> accepted;
  while (stream.Next(&o)) accepted.push_back(o.id);
  EXPECT_EQ(accepted, (std::vector<std::string>{"a", "b", "c", "a"}));
  ASSERT_EQ(stream.rejections().size(), 2u);
  EXPECT_EQ(stream.rejections()[0].ToString(),
            "window.jsonl:3: id: expected an id not used before in this stream; found \"a\" again");
  EXPECT_EQ(stream.rejections()[1].line, 6);
}

// A batch sent again with its original times is refused however late it comes: as repeated while
// its ids are remembered, as too old to be checked once they may have been forgotten (its records
// more than 6 h behind the latest accepted one). A record within 6 h behind is taken.
TEST(ObservationStreamTest, ABatchSentAgainIsRefusedHoweverLateItComes) {
  const std::string batch =
      PatrolLine("a", "2026-02-01T00:00:00Z") + PatrolLine("b", "2026-02-01T00:10:00Z");
  std::istringstream in(batch +                                    // lines 1-2
                        PatrolLine("c", "2026-02-01T05:00:00Z") +  // 3
                        batch +                                    // 4-5: repeated
                        PatrolLine("d", "2026-02-01T06:05:00Z") +  // 6
                        batch +                                    // 7-8: "a" too old, "b" repeated
                        PatrolLine("e", "2026-02-01T12:00:00Z") +  // 9
                        batch +                                    // 10-11: too old
                        PatrolLine("f", "2026-02-01T06:00:00Z") +  // 12: exactly 6 h behind: taken
                        PatrolLine("g", "2026-02-01T05:59:59Z"));  // 13: 6 h 1 s behind
  ObservationStream stream(in, "again.jsonl");
  Observation o;
  std::vector<std::string> accepted;
  while (stream.Next(&o)) accepted.push_back(o.id);
  EXPECT_EQ(accepted, (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
  std::vector<std::string> rejected;
  for (const Diagnostic& d : stream.rejections()) {
    rejected.push_back(std::to_string(d.line) + " " + d.field);
  }
  EXPECT_EQ(rejected, (std::vector<std::string>{"4 id", "5 id", "7 time", "8 id", "10 time",
                                                "11 time", "13 time"}));
  EXPECT_EQ(stream.rejections()[2].ToString(),
            "again.jsonl:7: time: expected at most 6 h before the latest accepted record "
            "(2026-02-01T06:05:00Z), the span over which ids are checked for repeats; found "
            "2026-02-01T00:00:00Z");
}

// A stream of mostly bad records keeps the first kRejectionsKept as Diagnostics and counts and
// lists every one, in input order.
TEST(ObservationStreamTest, CountsAndListsEveryRejectionBeyondThoseItKeeps) {
  constexpr int kLines = 3 * static_cast<int>(kRejectionsKept) + 7;
  std::string input;
  std::string expected;  // what WriteRejections should print
  for (int line = 1; line <= kLines; ++line) {
    if (line % 100 == 1) {
      input += R"({"id": "good-)" + std::to_string(line) +
               R"(", "time": "2026-02-01T03:15:00+02:00", "source": {"id": "patrol-01", )"
               R"("type": "patrol"}, "kind": "artillery_fire", )"
               R"("position": {"lat": 48.1, "lon": 37.7, "uncertainty_m": 300}})"
               "\n";
    } else {
      input += R"({"id": "bad", "time": 7})"
               "\n";
      expected += "many.jsonl:" + std::to_string(line) + ": time: expected a string; found 7\n";
    }
  }
  std::istringstream in(input);
  ObservationStream stream(in, "many.jsonl");
  Observation o;
  int64_t accepted = 0;
  while (stream.Next(&o)) ++accepted;
  const int64_t bad = kLines - accepted;
  EXPECT_EQ(accepted, (kLines + 99) / 100);
  EXPECT_EQ(stream.rejected(), bad);
  ASSERT_EQ(stream.rejections().size(), kRejectionsKept);
  EXPECT_EQ(stream.rejections().back().line, 1011);  // the 1 000th bad line: 1, 101 ... 1001 good
  std::ostringstream listed;
  EXPECT_TRUE(stream.WriteRejections(listed));
  EXPECT_EQ(listed.str(), expected);
}

}  // namespace
}  // namespace guarantor

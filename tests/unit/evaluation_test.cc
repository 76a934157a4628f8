// Evaluation against the simulator's truth, on a hand-made result: which incident detects which
// event, and recall by how each event was reported. Every figure below is counted by hand from
// the four files the test writes.
#include "sim/evaluation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/zones_theatre.h"

namespace guarantor {
namespace {
namespace fs = std::filesystem;

class EvaluationTest : public testing::ZonesTheatreTest {
 protected:
  void SetUp() override {
    ZonesTheatreTest::SetUp();
    dir_ = fs::path(::testing::TempDir()) / ("guarantor-evaluation-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "result");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& file, const std::vector<std::string>& lines) {
    std::ofstream out(dir_ / file);
    for (const std::string& line : lines) out << line << "\n";
  }

  // An event of RU fire 30 km east of the line (tests/data/zones), before the agreement matters.
  static std::string Event(int n) {
    return R"({"id":"evt-)" + std::to_string(n) +
           R"(","time":"2026-02-01T10:00:00+02:00","party":"RU","pattern":"p","kind":"explosion",)"
           R"("weapon_class":"unknown","count":1,"origin":{"lat":48.5,"lon":36.4,"uncertainty_m":0},)"
           R"("impact":{"lat":48.5,"lon":36.4,"uncertainty_m":0}})";
  }
  static std::string Link(int obs, int event) {
    return R"({"observation":"obs-)" + std::to_string(obs) + R"(","event":)" +
           (event == 0 ? std::string("null") : "\"evt-" + std::to_string(event) + "\"") + "}";
  }
  // A candidate incident holding the given (observation number, source type) members.
  static std::string Incident(const std::vector<std::pair<int, std::string>>& members) {
    std::string line = R"({"incident":"inc-)" + std::to_string(members.front().first) +
                       R"(","status":"candidate","first_seen":"2026-02-01T10:00:00+02:00",)"
                       R"("observations":[)";
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) line += ",";
      line += R"({"observation":"obs-)" + std::to_string(members[i].first) +
              R"(","source":"s","type":")" + members[i].second + R"("})";
    }
    return line +
           R"(],"violation":false,"attribution":{"party":"RU","method":"position_in_control_area"}})";
  }

  fs::path dir_;
};

TEST_F(EvaluationTest, CountsDetectionsAndRecallByHowEachEventWasReported) {
  Write("truth.jsonl", {Event(1), Event(2), Event(3), Event(4), Event(5)});
  // evt-1: one OSINT report; evt-2: one patrol report, fused into evt-1's incident; evt-3: two
  // reports; evt-4: three; evt-5: one report that was rejected (in no incident); obs-9 a false
  // alarm.
  Write("links.jsonl", {Link(1, 1), Link(2, 2), Link(3, 3), Link(4, 3), Link(5, 4), Link(6, 4),
                        Link(7, 4), Link(8, 5), Link(9, 0)});
  Write("result/incidents.jsonl",
        {Incident({{1, "osint"}, {2, "patrol"}}),  // a tie: the lower event, evt-1, wins
         Incident({{3, "uav"}, {4, "camera"}}), Incident({{5, "acoustic"}, {6, "acoustic"}}),
         Incident({{7, "patrol"}}),  // evt-4 again: a duplicate
         Incident({{9, "camera"}})});
  Result<EvaluationResult> r = Evaluate(*scenario_, dir_.string(), (dir_ / "result").string());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->events, 5);
  EXPECT_EQ(r->observed_events, 5);
  EXPECT_EQ(r->incidents, 5);
  EXPECT_EQ(r->true_detections, 3);   // evt-1, evt-3, evt-4
  EXPECT_EQ(r->false_detections, 2);  // the duplicate of evt-4 and the false alarm
  EXPECT_DOUBLE_EQ(r->recall, 3.0 / 5.0);

  struct Expected {
    std::string reports, source_type;
    int64_t events, detected;
  };
  const std::vector<Expected> expected = {
      {"1", "patrol", 1, 0},  // the vocabulary's order: patrol before osint
      {"1", "osint", 1, 1},
      {"1", "unknown", 1, 0},
      {"2", "", 1, 1},
      {"3+", "", 1, 1}};
  ASSERT_EQ(r->recall_by_reports.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const RecallGroup& g = r->recall_by_reports[i];
    EXPECT_EQ(g.reports, expected[i].reports) << i;
    EXPECT_EQ(g.source_type, expected[i].source_type) << i;
    EXPECT_EQ(g.events, expected[i].events) << i;
    EXPECT_EQ(g.detected, expected[i].detected) << i;
  }
  const std::string json = EvaluationJson(*r);
  EXPECT_NE(
      json.find(R"({"reports":"1","source_type":"osint","events":1,"detected":1,"recall":1.0})"),
      std::string::npos)
      << json;
  EXPECT_NE(
      json.find(R"({"reports":"3+","source_type":null,"events":1,"detected":1,"recall":1.0})"),
      std::string::npos)
      << json;
  EXPECT_NE(EvaluationMarkdown(*r).find("| one report: patrol | 1 | 0 | 0.0000 |"),
            std::string::npos);
}

// Of two incidents of one event, the one holding more of its reports is the detection whose
// attribution and classification are judged, whichever comes first in the file; with as many
// reports each, the one first seen; the other is a duplicate.
TEST_F(EvaluationTest, TheIncidentHoldingMostOfAnEventsReportsDetectsItInAnyOrder) {
  Write("truth.jsonl", {Event(1), Event(2)});
  Write("links.jsonl", {Link(1, 1), Link(2, 1), Link(3, 1), Link(4, 2), Link(5, 2)});
  auto incident = [](int first, int last, const std::string& seen, const std::string& party) {
    std::string line = R"({"incident":"inc-)" + std::to_string(first) +
                       R"(","status":"candidate","first_seen":")" + seen + R"(","observations":[)";
    for (int i = first; i <= last; ++i) {
      if (i > first) line += ",";
      line += R"({"observation":"obs-)" + std::to_string(i) + R"(","source":"s","type":"uav"})";
    }
    return line + R"(],"violation":false,"attribution":{"party":")" + party +
           R"(","method":"position_in_control_area"}})";
  };
  // evt-1: a lone report first (attributed to UA, wrong), then two reports together (RU, right).
  // evt-2: one report each, the later first seen attributed wrongly.
  const std::vector<std::string> lines = {
      incident(1, 1, "2026-02-01T10:00:00Z", "UA"), incident(2, 3, "2026-02-01T10:05:00Z", "RU"),
      incident(5, 5, "2026-02-01T10:09:00Z", "UA"), incident(4, 4, "2026-02-01T10:08:00Z", "RU")};
  for (bool reversed : {false, true}) {
    std::vector<std::string> order = lines;
    if (reversed) std::reverse(order.begin(), order.end());
    Write("result/incidents.jsonl", order);
    Result<EvaluationResult> r = Evaluate(*scenario_, dir_.string(), (dir_ / "result").string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->true_detections, 2) << reversed;
    EXPECT_EQ(r->false_detections, 2) << reversed;
    EXPECT_EQ(r->attributed, 2) << reversed;
    EXPECT_EQ(r->attributed_correct, 2) << reversed;  // RU, the truth's party, both times
  }
}

// Each corrupted field of the three files is an error naming the file, the line and the field,
// never a value read as a default (a bad time was undefined behaviour before).
TEST_F(EvaluationTest, BadFieldsNameTheFileLineAndField) {
  auto replaced = [](std::string line, const std::string& from, const std::string& to) {
    const size_t at = line.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return line.replace(at, from.size(), to);
  };
  std::string verified = replaced(Incident({{1, "uav"}}), R"("status":"candidate")",
                                  R"("status":"verified","verified_at":"2026-02-01T10:05:00Z")");
  verified = replaced(verified, R"("violation":false)", R"("violation":true)");
  struct Case {
    std::string file;
    std::vector<std::string> lines;
    std::string expected;  // in the message, after "FILE:LINE: "
  };
  const std::vector<Case> cases = {
      {"truth.jsonl",
       {Event(1), replaced(Event(2), "2026-02-01T10:00:00+02:00", "yesterday")},
       "truth.jsonl:2: time: expected an RFC 3339"},
      {"truth.jsonl",
       {replaced(Event(1), R"("kind":"explosion")", R"("kind":"bang")")},
       "truth.jsonl:1: kind: expected one of: "},
      {"truth.jsonl",
       {replaced(Event(1), R"("weapon_class":"unknown",)", "")},
       "truth.jsonl:1: weapon_class: expected a string (required); found nothing"},
      {"truth.jsonl",
       {replaced(Event(1), "evt-1", "evt-x")},
       R"(truth.jsonl:1: id: expected an event id)"},
      {"truth.jsonl",  // converting it to a whole number would be undefined behaviour
       {replaced(Event(1), R"("count":1)", R"("count":4.7e33)")},
       "truth.jsonl:1: count: expected a whole number in [1, 9223372036854775807]; found 4.7e+33"},
      {"links.jsonl",
       {Link(1, 1), Link(2, 7)},
       R"(links.jsonl:2: event: expected an event of truth.jsonl; found "evt-7")"},
      {"result/incidents.jsonl",
       {replaced(verified, "2026-02-01T10:05:00Z", "2026-02-31T10:05:00Z")},
       "incidents.jsonl:1: verified_at: expected an RFC 3339"},
      {"result/incidents.jsonl",
       {replaced(verified, R"("first_seen":"2026-02-01T10:00:00+02:00")", R"("first_seen":12)")},
       "incidents.jsonl:1: first_seen: expected an RFC 3339 time; found 12"},
  };
  for (const Case& c : cases) {
    Write("truth.jsonl", {Event(1), Event(2)});
    Write("links.jsonl", {Link(1, 1)});
    Write("result/incidents.jsonl", {verified});
    Write(c.file, c.lines);
    Result<EvaluationResult> r = Evaluate(*scenario_, dir_.string(), (dir_ / "result").string());
    ASSERT_FALSE(r.ok()) << c.expected;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos)
        << "expected \"" << c.expected << "\" in: " << r.status().message();
  }
  // The same files, unbroken, evaluate.
  Write("truth.jsonl", {Event(1), Event(2)});
  Write("links.jsonl", {Link(1, 1)});
  Write("result/incidents.jsonl", {verified});
  Result<EvaluationResult> r = Evaluate(*scenario_, dir_.string(), (dir_ / "result").string());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->verification_delays_s, std::vector<double>{5 * 60 + 2 * 3600});
}

}  // namespace
}  // namespace guarantor

// JsonText must print what nlohmann::ordered_json's dump() prints for the same document.
#include "base/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

using nlohmann::ordered_json;

std::string Text(double v) { return JsonText().Number(v).Take(); }
std::string Text(const std::string& s) { return JsonText().String(s).Take(); }

TEST(JsonText, NumbersPrintAsNlohmannPrintsThem) {
  std::vector<double> values = {0.0,          -0.0,      1.0,
                                900.0,        48.064569, 36.810375,
                                0.75,         0.1,       1e-5,
                                1e-4,         1e15,      1e16,
                                1e17,         1e21,      123456789012345678.0,
                                -2.5e-300,    5e-324,    1.7976931348623157e308,
                                std::nan(""), INFINITY,  -INFINITY};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);  // any bits
    values.push_back(std::round(std::ldexp(static_cast<double>(bits >> 20), -30) * 1e6) / 1e6);
    values.push_back(std::round(static_cast<double>(bits % 2000000)) / 1000.0);  // km figures
  }
  for (double v : values) ASSERT_EQ(Text(v), ordered_json(v).dump()) << v;
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{42}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(JsonText().Int(v).Take(), ordered_json(v).dump());
  }
}

TEST(JsonText, StringsAreEscapedAsNlohmannEscapesThem) {
  std::vector<std::string> strings = {"",
                                      "obs-1",
                                      "quote \" and \\ backslash",
                                      "tab\tnew\nline",
                                      "\b\f\r",
                                      std::string("nul\0byte", 8),
                                      "\x7f del",
                                      "démarche écrite",
                                      "Запоріжжя",
                                      "emoji \xF0\x9F\x98\x80"};
  for (int c = 0; c < 0x20; ++c) strings.push_back(std::string("c") + static_cast<char>(c));
  for (const std::string& s : strings) EXPECT_EQ(Text(s), ordered_json(s).dump()) << s;
  // Not UTF-8: dump() throws, and so does the writer.
  EXPECT_THROW(ordered_json(std::string("bad \xC3")).dump(), nlohmann::json::type_error);
  EXPECT_THROW(Text(std::string("bad \xC3")), nlohmann::json::type_error);
}

TEST(JsonText, NestedDocumentsMatch) {
  ordered_json expected;
  expected["incident"] = "inc-obs-1";
  expected["position"] = {{"lat", 48.064569}, {"lon", 36.810375}, {"uncertainty_m", 60.0}};
  expected["control_area"] = nullptr;
  expected["observations"] = ordered_json::array();
  expected["observations"].push_back({{"observation", "obs-1"}, {"type", "uav"}});
  expected["observations"].push_back({{"observation", "obs-2"}, {"type", "osint"}});
  expected["rules"] = ordered_json::array();
  expected["nested"] = {{"a", ordered_json::array({1, 2, ordered_json::array()})}, {"b", true}};
  expected["violation"] = false;
  expected["count"] = 23;

  JsonText j;
  j.BeginObject().Key("incident").String("inc-obs-1");
  j.Key("position").BeginObject();
  j.Key("lat").Number(48.064569).Key("lon").Number(36.810375).Key("uncertainty_m").Number(60.0);
  j.EndObject();
  j.Key("control_area").Null();
  j.Key("observations").BeginArray();
  j.BeginObject().Key("observation").String("obs-1").Key("type").String("uav").EndObject();
  j.BeginObject().Key("observation").String("obs-2").Key("type").String("osint").EndObject();
  j.EndArray();
  j.Key("rules").BeginArray().EndArray();
  j.Key("nested").BeginObject().Key("a").BeginArray().Int(1).Int(2).BeginArray().EndArray();
  j.EndArray().Key("b").Bool(true).EndObject();
  j.Key("violation").Bool(false).Key("count").Int(23).EndObject();
  EXPECT_EQ(j.Take(), expected.dump());
  EXPECT_EQ(j.Take(), "");  // taken: empty again
}

}  // namespace
}  // namespace guarantor

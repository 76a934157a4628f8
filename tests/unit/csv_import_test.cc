// The CSV mapping format (src/ingest): mappings, encodings, date formats and row rejection, on
// small synthetic CSVs written here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "ingest/csv_import.h"
#include "ingest/csv_mapping.h"
#include "ingest/csv_records.h"
#include "ingest/date_time_format.h"
#include "ingest/text_encoding.h"
#include "support/test_paths.h"

namespace guarantor::ingest {
namespace {

using ::testing::HasSubstr;

const char kMapping[] = R"(format: guarantor-csv-mapping/1
name: test layout
encoding: ENCODING
time_formats: ["%d/%m/%Y %H:%M:%S", "%Y-%m-%d"]
utc_offset: "+02:00"
fields:
  id: {column: code, prefix: "t-"}
  time: {column: date}
  lat: {column: lat}
  lon: {column: lon}
  uncertainty_m: {column: prec, values: {"1": "1000", "2": "10000"}}
  source_id: {value: test}
  source_type: {value: osint}
  kind: {column: type, values: {Shelling: artillery_fire, Clash: small_arms_fire}}
  notes: {column: notes}
  initiator: {column: actor, prefixes: {"Army of A": A, "Army of B": B}, otherwise: ""}
skip:
  - {column: type, equals: [Protest]}
)";

CsvMapping Mapping(const std::string& encoding = "utf-8") {
  std::string text = kMapping;
  text.replace(text.find("ENCODING"), 8, encoding);
  Result<CsvMapping> m = ParseCsvMapping(text, "test.yaml");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return *m;
}

const char kHeader[] = "code,date,type,lat,lon,prec,actor,notes\n";

TEST(CsvImportTest, ImportsUtf8RowsWithQuotedFieldsAndTranslations) {
  const std::string csv = std::string(kHeader) +
                          "1,14/08/2020 13:05:00,Shelling,48.5,37.9,1,Army of A (2000-),"
                          "\"Kramatorsk, \"\"centre\"\" – café\"\n"
                          "2,2020-08-15,Clash,48.6,38.0,2,Army of B Air Force,\"two\nlines\"\n";
  Result<CsvImport> r = ImportCsv(Mapping(), csv, "e.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->data_rows, 2);
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_TRUE(r->rejected.empty());
  const ImportedRow& a = r->rows[0];
  EXPECT_EQ(a.id, "t-1");
  EXPECT_EQ(a.initiator, "A");
  EXPECT_EQ(a.initiator_text, "Army of A (2000-)");
  EXPECT_THAT(a.observation_json, HasSubstr("\"time\":\"2020-08-14T13:05:00+02:00\""));
  EXPECT_THAT(a.observation_json, HasSubstr("\"kind\":\"artillery_fire\""));
  EXPECT_THAT(a.observation_json, HasSubstr("\"uncertainty_m\":1000"));
  EXPECT_THAT(a.observation_json, HasSubstr("Kramatorsk, \\\"centre\\\" – café"));
  EXPECT_EQ(r->rows[1].initiator, "B");
  EXPECT_EQ(r->rows[1].line, 3);
  EXPECT_THAT(r->rows[1].observation_json, HasSubstr("\"time\":\"2020-08-15T00:00:00+02:00\""));
  EXPECT_THAT(r->rows[1].observation_json, HasSubstr("two\\nlines"));
}

TEST(CsvImportTest, DecodesWindows1252) {
  // "Kyïv – “centre”" in Windows-1252: ï = 0xEF, – = 0x96, “ = 0x93, ” = 0x94.
  const std::string csv = std::string(kHeader) +
                          "1,14/08/2020 00:00:00,Shelling,48.5,37.9,1,x,Ky\xEFv \x96 \x93"
                          "centre\x94\n";
  Result<CsvImport> r = ImportCsv(Mapping("windows-1252"), csv, "e.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_THAT(r->rows[0].observation_json, HasSubstr("Kyïv – “centre”"));
}

TEST(CsvImportTest, RefusesUndefinedWindows1252ByteNamingItsOffset) {
  const std::string csv =
      std::string(kHeader) + "1,14/08/2020 00:00:00,Shelling,48,37,1,x,a\x81z\n";
  Result<CsvImport> r = ImportCsv(Mapping("windows-1252"), csv, "e.csv");
  ASSERT_FALSE(r.ok());
  const size_t offset = csv.find('\x81');
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset " + std::to_string(offset)));
  EXPECT_THAT(r.status().message(), HasSubstr("line 2"));
  EXPECT_THAT(r.status().message(), HasSubstr("0x81"));
}

TEST(CsvImportTest, RefusesWindows1252BytesDeclaredAsUtf8) {
  const std::string csv =
      std::string(kHeader) + "1,14/08/2020 00:00:00,Shelling,48,37,1,x,Ky\xEFv\n";
  Result<CsvImport> r = ImportCsv(Mapping("utf-8"), csv, "e.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("byte offset " + std::to_string(csv.find('\xEF')) + " (line 2)"));
  EXPECT_THAT(r.status().message(), HasSubstr("utf-8"));
}

TEST(CsvImportTest, RemovesUtf8ByteOrderMark) {
  const std::string csv =
      "\xEF\xBB\xBF" + std::string(kHeader) + "1,14/08/2020 00:00:00,Shelling,48,37,1,x,a\n";
  Result<CsvImport> r = ImportCsv(Mapping(), csv, "e.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->rows.size(), 1u);
}

TEST(CsvImportTest, RejectsBadRowsWithRowNumberAndReasonAndImportsTheRest) {
  const std::string csv = std::string(kHeader) +
                          "1,14/08/2020 00:00:00,Shelling,48,37,1,x,ok\n"         // row 1
                          "2,31/02/2020 00:00:00,Shelling,48,37,1,x,bad date\n"   // row 2
                          "3,14/08/2020 00:00:00,Airstrike,48,37,1,x,unmapped\n"  // row 3
                          "4,14/08/2020 00:00:00,Shelling,north,37,1,x,lat\n"     // row 4
                          "5,14/08/2020 00:00:00,Shelling,48,37,1,x\n"            // row 5
                          "6,14/08/2020 00:00:00,Protest,48,37,1,x,skipped\n"     // row 6
                          "1,14/08/2020 00:00:00,Shelling,48,37,1,x,dup\n"        // row 7
                          "8,14/08/2020 00:00:00,Shelling,95,37,1,x,range\n"      // row 8
                          "9,14/08/2020 00:00:00,Shelling,48,37,7,x,precision\n"  // row 9
                          ",14/08/2020 00:00:00,Shelling,48,37,1,x,no id\n";      // row 10
  Result<CsvImport> r = ImportCsv(Mapping(), csv, "e.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->data_rows, 10);
  EXPECT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->skipped.size(), 1u);
  ASSERT_EQ(r->rejected.size(), 8u);
  EXPECT_EQ(r->rows.size() + r->skipped.size() + r->rejected.size(), 10u);
  auto text = [&](size_t i) { return r->rejected[i].ToString(); };
  EXPECT_THAT(text(0), HasSubstr("e.csv:3"));
  EXPECT_THAT(text(0), HasSubstr("row 2: matches no time format"));
  EXPECT_THAT(text(1), HasSubstr("row 3: value \"Airstrike\" of column \"type\""));
  EXPECT_THAT(text(2), HasSubstr("row 4: expected a decimal number, found \"north\""));
  EXPECT_THAT(text(3), HasSubstr("row 5: expected 8 fields as in the header, found 7"));
  EXPECT_THAT(text(4), HasSubstr("row 7: duplicate id \"t-1\" (first at row 1)"));
  EXPECT_THAT(text(5), HasSubstr("row 8"));
  EXPECT_THAT(text(5), HasSubstr("position.lat"));
  EXPECT_THAT(text(6), HasSubstr("row 9: value \"7\" of column \"prec\""));
  EXPECT_THAT(text(7), HasSubstr("row 10: empty (column \"code\")"));
  EXPECT_THAT(r->skipped[0].ToString(), HasSubstr("row 6: skipped by rule skip[0]: type is "
                                                  "\"Protest\""));
}

TEST(CsvImportTest, MalformedCsvImportsNothing) {
  const std::string stray = std::string(kHeader) + "1,14/08/2020 00:00:00,Shel\"ling,48,37,1,x,a\n";
  Result<CsvImport> r = ImportCsv(Mapping(), stray, "e.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("e.csv:2: malformed CSV"));
  const std::string open = std::string(kHeader) + "1,14/08/2020 00:00:00,Shelling,48,37,1,x,\"a\n";
  r = ImportCsv(Mapping(), open, "e.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("e.csv:2: malformed CSV (a quoted field"));
}

TEST(CsvImportTest, HeaderWithoutAMappedColumnImportsNothing) {
  Result<CsvImport> r = ImportCsv(Mapping(), "code,date,type\n1,2,3\n", "e.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("\"actor\", \"lat\", \"lon\", \"notes\", \"prec\""));
  EXPECT_FALSE(ImportCsv(Mapping(), "", "e.csv").ok());
}

TEST(CsvImportTest, ReferenceLineNamesIdAndInitiator) {
  ImportedRow row;
  row.id = "t-1";
  row.row = 4;
  row.initiator = "A";
  row.initiator_text = "Army of A";
  EXPECT_EQ(ReferenceJsonLine(row),
            "{\"id\":\"t-1\",\"row\":4,\"initiator\":\"A\",\"initiator_text\":\"Army of A\"}");
}

TEST(CsvRecordsTest, CountsLinesAcrossQuotedLineBreaksAndBlankLines) {
  std::vector<CsvRecord> records;
  ASSERT_TRUE(ReadCsvRecords("a;b\r\n\r\n\"x\ny\";2\n3;4", ';', "t", [&](const CsvRecord& r) {
                records.push_back(r);
              }).ok());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 3);
  EXPECT_EQ(records[1].fields[0], "x\ny");
  EXPECT_EQ(records[2].line, 5);
  EXPECT_EQ(records[2].number, 3);
}

TEST(DateTimeFormatTest, EveryDirective) {
  auto parse = [](const char* pattern, const char* text, int offset = 0) {
    Result<DateTimeFormat> f = DateTimeFormat::Create(pattern, offset);
    EXPECT_TRUE(f.ok()) << f.status().message();
    Result<Timestamp> t = f->Parse(text);
    return t.ok() ? t->ToRfc3339() : "error: " + t.status().message();
  };
  EXPECT_EQ(parse("%d/%m/%Y %H:%M:%S", "14/08/2020 13:05:09"), "2020-08-14T13:05:09Z");
  EXPECT_EQ(parse("%d/%m/%Y", "4/8/2020"), "2020-08-04T00:00:00Z");
  EXPECT_EQ(parse("%Y-%m-%d %H:%M:%S.%f", "2022-03-01 00:00:00.250"),
            "2022-03-01T00:00:00.250000Z");
  EXPECT_EQ(parse("%d %b %Y", "05 mar 2023"), "2023-03-05T00:00:00Z");
  EXPECT_EQ(parse("%d %b %Y", "05 Mar 2023", 180), "2023-03-05T00:00:00+03:00");
  EXPECT_EQ(parse("%Y%m%d%%", "20230305%"), "2023-03-05T00:00:00Z");
  EXPECT_EQ(parse("unix", "1708472503"), "2024-02-20T23:41:43Z");
  EXPECT_THAT(parse("%d/%m/%Y", "14/08/2020 00:00"), HasSubstr("expected the end of the text"));
  EXPECT_THAT(parse("%d/%m/%Y", "29/02/2023"), HasSubstr("not a calendar date"));
  EXPECT_EQ(parse("%d/%m/%Y", "29/02/2024"), "2024-02-29T00:00:00Z");
  EXPECT_THAT(parse("%d/%m/%Y", "14-08-2020"), HasSubstr("expected '/' at character 3"));
  EXPECT_THAT(parse("%Y-%m-%d", "1969-12-31"), HasSubstr("year from 1970"));
  EXPECT_THAT(parse("%Y-%m-%d", "2020-13-01"), HasSubstr("a month 1-12"));
  EXPECT_THAT(parse("%Y-%m-%d %H:%M", "2020-12-01 24:00"), HasSubstr("an hour 0-23"));
  EXPECT_THAT(parse("%d %b %Y", "05 Mrz 2023"), HasSubstr("a month name"));
  EXPECT_THAT(parse("%Y-%m-%d %H:%M:%S.%f", "2022-03-01 00:00:00.1234567"),
              HasSubstr("the end of the text"));
  EXPECT_THAT(parse("unix", "17e8"), HasSubstr("whole seconds"));
  EXPECT_THAT(DateTimeFormat::Create("%d/%m/%y", 0).status().message(),
              HasSubstr("unknown directive %y"));
  EXPECT_THAT(DateTimeFormat::Create("%H:%M", 0).status().message(), HasSubstr("needs a year"));
}

TEST(TextEncodingTest, NamesAndTruncatedUtf8) {
  EXPECT_EQ(ParseTextEncoding("CP1252"), TextEncoding::kWindows1252);
  EXPECT_EQ(ParseTextEncoding("UTF-8"), TextEncoding::kUtf8);
  EXPECT_FALSE(ParseTextEncoding("latin-9").has_value());
  Result<std::string> r = DecodeToUtf8("ab\xD0", TextEncoding::kUtf8, "t");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("byte offset 2"));
  Result<std::string> ok = DecodeToUtf8("\x80", TextEncoding::kWindows1252, "t");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "€");
}

TEST(CsvMappingTest, ReportsEveryProblemWithItsPosition) {
  Result<CsvMapping> m = ParseCsvMapping(R"(format: guarantor-csv-mapping/2
name: broken
encoding: latin-9
time_formats: ["%d/%m/%q"]
utc_offset: "+25:00"
colour: red
fields:
  id: {column: code, extra: 1}
  time: {column: date}
  lat: {value: "1"}
  lon: {column: lon, otherwise: x}
  height: {column: h}
skip:
  - {column: type}
)",
                                         "m.yaml");
  ASSERT_FALSE(m.ok());
  const std::string& msg = m.status().message();
  EXPECT_THAT(msg, HasSubstr("m.yaml:1:9: format: expected \"guarantor-csv-mapping/1\""));
  EXPECT_THAT(msg, HasSubstr("m.yaml:3:11: encoding: expected utf-8 or windows-1252"));
  EXPECT_THAT(msg, HasSubstr("time_formats[0]: unknown directive %q"));
  EXPECT_THAT(msg, HasSubstr("utc_offset: expected Z or +hh:mm"));
  EXPECT_THAT(msg, HasSubstr("m.yaml:6:1: colour: unknown key"));
  EXPECT_THAT(msg, HasSubstr("fields.id.extra: unknown key"));
  EXPECT_THAT(msg, HasSubstr("fields.lon.otherwise: 'otherwise' needs 'values' or 'prefixes'"));
  EXPECT_THAT(msg, HasSubstr("fields.height: unknown field"));
  EXPECT_THAT(msg, HasSubstr("fields.uncertainty_m: required field missing"));
  EXPECT_THAT(msg, HasSubstr("skip[0]: expected 'equals' (a list) or 'empty: true'"));
}

// Regression (found by csv_import_fuzz): a mapping without time_formats threw yaml-cpp's
// InvalidNode instead of reporting the missing key.
TEST(CsvMappingTest, MissingListsAreReportedNotThrown) {
  Result<CsvMapping> m = ParseCsvMapping("format: guarantor-csv-mapping/1\nname: x\n", "m.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(m.status().message(), HasSubstr("time_formats: expected a non-empty list"));
  EXPECT_THAT(m.status().message(), HasSubstr("fields: expected a mapping"));
  EXPECT_FALSE(ParseCsvMapping("- a\n- b\n", "m.yaml").ok());
  EXPECT_FALSE(ParseCsvMapping("", "m.yaml").ok());
}

TEST(CsvMappingTest, RefusesSyntaxErrorsAndDeepNesting) {
  EXPECT_THAT(ParseCsvMapping("a: [1, 2\n", "m.yaml").status().message(),
              HasSubstr("m.yaml:2:1: expected well-formed YAML"));
  EXPECT_THAT(ParseCsvMapping("a: " + std::string(100, '['), "m.yaml").status().message(),
              HasSubstr("m.yaml:1: expected at most 64 nested"));
}

TEST(ShippedMappingsTest, UcdpGedImportsByMappingAlone) {
  Result<CsvMapping> m = LoadCsvMapping(testing::Example("mappings/ucdp-ged.yaml"));
  ASSERT_TRUE(m.ok()) << m.status().message();
  std::ifstream in(testing::TestData("ucdp-ged/ged-synthetic.csv"), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Result<CsvImport> r = ImportCsv(*m, bytes.str(), "ged-synthetic.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->data_rows, 5);
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].id, "ged-900001");
  EXPECT_THAT(r->rows[0].observation_json, HasSubstr("«test» – UTF-8"));
  EXPECT_THAT(r->rows[2].observation_json, HasSubstr("\"uncertainty_m\":150000"));
  ASSERT_EQ(r->skipped.size(), 1u);
  EXPECT_THAT(r->skipped[0].ToString(), HasSubstr("row 4: skipped by rule skip[0]"));
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_THAT(r->rejected[0].ToString(), HasSubstr("row 5: matches no time format"));
}

TEST(ShippedMappingsTest, AcledMappingLoads) {
  Result<CsvMapping> m = LoadCsvMapping(testing::Example("mappings/acled.yaml"));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->encoding, TextEncoding::kWindows1252);
  EXPECT_TRUE(m->fields.contains("initiator"));
}

}  // namespace
}  // namespace guarantor::ingest

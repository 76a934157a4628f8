// guarantor import: a CSV file, through a mapping file (docs/real-data.md), into observation JSON
// Lines that `guarantor assess` reads, and optionally a reference file naming each record's
// initiator. Every data row is imported, skipped by a rule of the mapping, or rejected with its
// row number and reason; outputs are written beside their final names and renamed into place
// only when the run succeeds.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "ingest/csv_import.h"
#include "ingest/csv_mapping.h"

namespace guarantor::cli {
namespace {
namespace fs = std::filesystem;

struct ImportOptions {
  std::string mapping;
  std::string csv;
  std::string out;
  std::string reference;
  bool show_skipped = false;
  bool strict = false;
  bool json = false;
  bool quiet = false;
};

// Writes `lines` to `path` + ".partial"; the caller renames it into place.
Status WriteTemp(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path + ".partial", std::ios::binary);
  for (const std::string& l : lines) out << l << '\n';
  if (!out.flush()) return Status::IoError(path + ": could not write");
  return Status::Ok();
}

// Writes every file, then renames them all: a failure leaves no output file changed.
Status WriteAll(const std::vector<std::pair<std::string, const std::vector<std::string>*>>& files) {
  Status status;
  for (const auto& [path, lines] : files) {
    if (status.ok()) status = WriteTemp(path, *lines);
  }
  for (const auto& [path, lines] : files) {
    std::error_code ec;
    if (status.ok()) {
      fs::rename(path + ".partial", path, ec);
      if (ec) status = Status::IoError(path + ": could not move into place: " + ec.message());
    } else {
      fs::remove(path + ".partial", ec);
    }
  }
  return status;
}

int RunImport(const ImportOptions& opt) {
  Result<ingest::CsvMapping> mapping = ingest::LoadCsvMapping(opt.mapping);
  if (!mapping.ok()) {
    std::cerr << mapping.status().message() << "\n";
    return 1;
  }
  std::ifstream in(opt.csv, std::ios::binary);
  if (!in) {
    std::cerr << opt.csv << ": cannot open the CSV file\n";
    return 1;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Result<ingest::CsvImport> imported = ingest::ImportCsv(*mapping, bytes.str(), opt.csv);
  if (!imported.ok()) {
    std::cerr << "import: " << imported.status().message() << "\n";
    return 1;
  }
  for (const Diagnostic& d : imported->rejected) std::cerr << d.ToString() << "\n";
  if (opt.show_skipped) {
    for (const Diagnostic& d : imported->skipped) std::cerr << d.ToString() << "\n";
  }
  if (opt.strict && !imported->rejected.empty()) {
    std::cerr << "import: " << imported->rejected.size()
              << " row(s) rejected and --strict is set; nothing written\n";
    return 1;
  }
  std::vector<std::string> observations, reference;
  for (const ingest::ImportedRow& r : imported->rows) {
    observations.push_back(r.observation_json);
    reference.push_back(ingest::ReferenceJsonLine(r));
  }
  std::vector<std::pair<std::string, const std::vector<std::string>*>> files = {
      {opt.out, &observations}};
  if (!opt.reference.empty()) files.emplace_back(opt.reference, &reference);
  if (Status s = WriteAll(files); !s.ok()) {
    std::cerr << "import: " << s.message() << "\n";
    return 1;
  }
  if (opt.json) {
    nlohmann::ordered_json j;
    j["mapping"] = mapping->name;
    j["data_rows"] = imported->data_rows;
    j["imported"] = imported->rows.size();
    j["skipped"] = imported->skipped.size();
    j["rejected"] = imported->rejected.size();
    nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
    for (const Diagnostic& d : imported->rejected) rejected.push_back(d.ToString());
    j["rejections"] = rejected;
    std::cout << j.dump() << "\n";
  } else if (!opt.quiet) {
    std::cout << "imported " << imported->rows.size() << " of " << imported->data_rows
              << " row(s) with mapping \"" << mapping->name << "\": " << imported->skipped.size()
              << " skipped by rule, " << imported->rejected.size() << " rejected\n"
              << "observations: " << opt.out << "\n";
    if (!opt.reference.empty()) std::cout << "reference: " << opt.reference << "\n";
  }
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import a CSV file of events into observation JSON Lines through a mapping file "
      "(docs/real-data.md)");
  cmd->add_option("--mapping", opt->mapping, "mapping file (guarantor-csv-mapping/1, YAML)")
      ->required();
  cmd->add_option("--csv", opt->csv, "CSV file to import")->required();
  cmd->add_option("--out", opt->out, "observations to write (JSON Lines)")->required();
  cmd->add_option("--reference", opt->reference,
                  "also write each imported record's initiator (the mapping's 'initiator' field) "
                  "as JSON Lines, for guarantor assess --reference");
  cmd->add_flag("--show-skipped", opt->show_skipped,
                "list rows skipped by the mapping's rules on standard error");
  cmd->add_flag("--strict", opt->strict, "fail, writing nothing, if any row is rejected");
  cmd->add_flag("--json", opt->json, "print the summary as one JSON object on standard output");
  cmd->add_flag("--quiet,-q", opt->quiet, "print no summary");
  cmd->callback([opt, exit_code] { *exit_code = RunImport(*opt); });
}

}  // namespace guarantor::cli

// guarantor validate DIR: loads a scenario and reports every error, one per line.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "force/sourcing.h"
#include "monitor/agreement_map.h"
#include "scenario/scenario_loader.h"

namespace guarantor::cli {
namespace {

struct ValidateOptions {
  std::string dir;
  bool json = false;
};

int RunValidate(const ValidateOptions& opt) {
  ScenarioLoad load = LoadScenario(opt.dir);
  if (load.ok()) {
    // Geometry that loads can still fail to index (it should not: the loader validates it).
    Result<AgreementMap> map = AgreementMap::Build(load.scenario->agreement);
    if (!map.ok()) {
      load.errors.push_back(Diagnostic{opt.dir, 0, 0, "agreement", map.status().message()});
    }
    // A requirement that no contribution could ever serve is a mistake in the data.
    for (Diagnostic& d : UnmeetableRequirements(*load.scenario))
      load.errors.push_back(std::move(d));
    if (!load.errors.empty()) load.scenario.reset();
  }
  if (opt.json) {
    nlohmann::ordered_json j;
    j["scenario"] = opt.dir;
    j["valid"] = load.errors.empty();
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const Diagnostic& d : load.errors) {
      errors.push_back({{"file", d.file},
                        {"line", d.line},
                        {"column", d.column},
                        {"field", d.field},
                        {"message", d.message}});
    }
    j["errors"] = errors;
    if (load.ok()) {
      const Scenario& s = *load.scenario;
      j["summary"] = {{"parties", s.parties.size()},
                      {"line_parts", s.agreement.line_of_contact.size()},
                      {"control_areas", s.agreement.control_areas.size()},
                      {"disengagement_areas", s.agreement.disengagement_areas.size()},
                      {"sectors", s.agreement.sectors.size()},
                      {"protected_sites", s.agreement.protected_sites.size()},
                      {"prohibitions", s.agreement.prohibitions.size()}};
    }
    std::cout << j.dump() << "\n";
  } else if (load.ok()) {
    const Scenario& s = *load.scenario;
    size_t vertices = 0;
    for (const Polyline& p : s.agreement.line_of_contact) vertices += p.size();
    std::cout << opt.dir << ": valid scenario \"" << s.name << "\": " << s.parties.size()
              << " parties, line of contact of " << s.agreement.line_of_contact.size()
              << " part(s) and " << vertices << " vertices, " << s.agreement.control_areas.size()
              << " control areas, " << s.agreement.disengagement_areas.size()
              << " disengagement areas, " << s.agreement.sectors.size() << " sectors, "
              << s.agreement.protected_sites.size() << " protected sites, "
              << s.agreement.prohibitions.size() << " prohibitions\n";
  } else {
    for (const Diagnostic& d : load.errors) std::cerr << d.ToString() << "\n";
    std::cerr << opt.dir << ": " << load.errors.size() << " error(s)\n";
  }
  return load.ok() ? 0 : 1;
}

}  // namespace

void AddValidateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check a scenario directory; print every error as file:line:column: field: "
      "message and exit 1 if there is any");
  cmd->add_option("dir", opt->dir, "scenario directory (holding scenario.yaml)")->required();
  cmd->add_flag("--json", opt->json, "print the result as one JSON object on standard output");
  cmd->callback([opt, exit_code] { *exit_code = RunValidate(*opt); });
}

}  // namespace guarantor::cli

// Pledges, commitments, force coverage and what-if, activations, the ledger and the live feed.
#include <algorithm>
#include <chrono>
#include <initializer_list>

#include "force/sourcing.h"
#include "guarantee/activation_output.h"
#include "ledger/ledger_entry.h"
#include "ledger/proof_document.h"
#include "ledger/tree_head.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

// The plans as the caller may see them: contributions and commitments it may not read are left
// out, so that coverage, gaps and what-if results are computed over what it may read.
Scenario Visible(const Scenario& s, const store::ReadScope& scope) {
  Scenario v = s;
  std::erase_if(v.contributions, [&](const Contribution& c) {
    return !store::CanRead(scope, c.classification, c.party);
  });
  std::erase_if(v.commitments, [&](const Commitment& c) {
    return !store::CanRead(scope, c.classification, c.party);
  });
  return v;
}

json CoverageJson(const Scenario& s, const SourcingPlan& plan) {
  json reqs = json::array();
  for (const RequirementCoverage& c : plan.coverage) {
    const Requirement& r = s.requirements[c.requirement];
    reqs.push_back({{"requirement", r.id},
                    {"capability", ToString(r.capability)},
                    {"region", r.region},
                    {"quantity", r.quantity},
                    {"assigned", c.assigned},
                    {"coverage", c.share},
                    {"nations", c.nations},
                    {"conditional_only", c.conditional_only},
                    {"single_point_of_failure", c.single_point_of_failure},
                    {"gap", c.gap_reason}});
  }
  json readiness = json::array();
  for (const auto& [day, share] : plan.readiness)
    readiness.push_back({{"day", day}, {"share", share}});
  return {{"required_units", plan.required_units},
          {"covered_units", plan.covered_units},
          {"requirements", reqs},
          {"lead_nation", plan.lead_nation},
          {"readiness", readiness}};
}

std::vector<std::string> StringList(const json& body, const char* key) {
  std::vector<std::string> out;
  if (!body.contains(key)) return out;
  if (!body[key].is_array())
    throw std::invalid_argument(std::string(key) + ": expected an array of party codes");
  for (const json& v : body[key]) {
    if (!v.is_string())
      throw std::invalid_argument(std::string(key) + ": expected an array of party codes");
    out.push_back(v.get<std::string>());
  }
  return out;
}

json Sequence(const std::optional<uint64_t>& sequence) {
  return sequence ? json(*sequence) : json(nullptr);
}

// The plan entries on the ledger of these kinds that changed nothing, as far as the caller may
// read them, with the reason.
json IgnoredJson(const PlanSnapshot& plan, const store::ReadScope& scope,
                 std::initializer_list<ledger::EntryKind> kinds) {
  json out = json::array();
  for (const IgnoredEntry& e : plan.ignored) {
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) continue;
    if (!store::CanRead(scope, e.classification, e.author)) continue;
    out.push_back({{"sequence", e.sequence},
                   {"kind", ledger::ToString(e.kind)},
                   {"author", e.author},
                   {"reason", e.reason}});
  }
  return out;
}

}  // namespace

Status HttpService::Impl::FoldLedgerLocked() {
  ASSIGN_OR_RETURN(std::optional<ledger::StoredTreeHead> head, ledger.store().LatestTreeHead());
  const uint64_t size = head ? static_cast<uint64_t>(head->tree_size) : 0;
  if (size <= plan.size()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<ledger::StoredEntry> rows,
                   ledger.store().ReadEntries(static_cast<int64_t>(plan.size()),
                                              static_cast<int64_t>(size - plan.size())));
  for (const ledger::StoredEntry& row : rows) {
    Result<ledger::LedgerEntry> e = ledger::DecodeStoredEntry(row);
    if (!e.ok() || e->sequence != plan.size()) {
      return Status::Internal("ledger entry " + std::to_string(plan.size()) +
                              ": cannot be read in sequence (run `guarantor ledger verify`)" +
                              (e.ok() ? "" : ": " + e.status().message()));
    }
    RETURN_IF_ERROR(FoldAppendedLocked(*e));
  }
  return Status::Ok();
}

Status HttpService::Impl::FoldAppendedLocked(const ledger::LedgerEntry& e) {
  if (e.sequence > plan.size()) return FoldLedgerLocked();  // another process appended first
  if (e.sequence < plan.size()) return Status::Ok();        // folded already
  plan.Apply(e);
  if (e.kind == ledger::EntryKind::kActivation && e.author == config.commission_party) {
    const json payload = json::parse(e.payload, nullptr, /*allow_exceptions=*/false);
    if (payload.is_object() && payload.contains("activation") && payload["activation"].is_string())
      activation_entries.emplace(payload["activation"].get<std::string>(), e.sequence);
  }
  return Status::Ok();
}

Result<std::shared_ptr<const PlanSnapshot>> HttpService::Impl::CurrentPlan() {
  std::lock_guard<std::mutex> lock(ledger_mu);
  RETURN_IF_ERROR(FoldLedgerLocked());
  return plan.Snapshot();
}

void HttpService::Impl::AddPlanRoutes() {
  Route("GET", "/v1/pledges", Action::kReadPlans, [this](Call& c) {
    Result<std::shared_ptr<const PlanSnapshot>> now = CurrentPlan();
    if (!now.ok()) return ReplyStatus(c.res, now.status());
    json items = json::array();
    for (const PlannedContribution& pc : (*now)->contributions) {
      const Contribution& p = pc.contribution;
      if (!store::CanRead(c.scope, p.classification, p.party)) continue;
      items.push_back({{"id", p.id},
                       {"party", p.party},
                       {"capability", ToString(p.capability)},
                       {"quantity", p.quantity},
                       {"readiness_days", p.readiness_days},
                       {"status", ToString(p.status)},
                       {"classification", ToString(p.classification)},
                       {"source", pc.pledged_in ? "ledger" : "scenario"},
                       {"ledger_sequence", Sequence(pc.pledged_in)},
                       {"changed_in", pc.changed_in},
                       {"withdrawn", pc.withdrawn_in.has_value()}});
    }
    ReplyJson(c.res, {{"items", items},
                      {"total", items.size()},
                      {"ledger_size", (*now)->ledger_size},
                      {"ignored_entries", IgnoredJson(**now, c.scope,
                                                      {ledger::EntryKind::kPledge,
                                                       ledger::EntryKind::kContributionChange})}});
  });
  Route("GET", "/v1/commitments", Action::kReadPlans, [this](Call& c) {
    Result<std::shared_ptr<const PlanSnapshot>> now = CurrentPlan();
    if (!now.ok()) return ReplyStatus(c.res, now.status());
    json items = json::array();
    for (const PlannedCommitment& pm : (*now)->commitments) {
      const Commitment& m = pm.commitment;
      if (!store::CanRead(c.scope, m.classification, m.party)) continue;
      json j = {{"id", m.id},
                {"party", m.party},
                {"trigger", m.trigger},
                {"response", m.response},
                {"deadline_hours", m.deadline_hours},
                {"legally_binding", m.legally_binding},
                {"classification", ToString(m.classification)}};
      if (m.capability) {
        j["capability"] = ToString(*m.capability);
        j["quantity"] = m.quantity;
      }
      j["source"] = pm.committed_in ? "ledger" : "scenario";
      j["ledger_sequence"] = Sequence(pm.committed_in);
      items.push_back(j);
    }
    ReplyJson(c.res,
              {{"items", items},
               {"total", items.size()},
               {"ledger_size", (*now)->ledger_size},
               {"ignored_entries", IgnoredJson(**now, c.scope, {ledger::EntryKind::kCommitment})}});
  });
  Route("GET", "/v1/force/coverage", Action::kReadPlans, [this](Call& c) {
    Result<std::shared_ptr<const PlanSnapshot>> now = CurrentPlan();
    if (!now.ok()) return ReplyStatus(c.res, now.status());
    const Scenario visible = Visible((*now)->planned, c.scope);
    Result<SourcingPlan> plan = SolveSourcing(visible, WhatIf{});
    if (!plan.ok()) return ReplyStatus(c.res, plan.status());
    ReplyJson(c.res, CoverageJson(visible, *plan));
  });
  Route("POST", "/v1/force/whatif", Action::kReadPlans, [this](Call& c) {
    WhatIf what_if;
    try {
      const json body = json::parse(c.req.body);
      if (!body.is_object()) throw std::invalid_argument("expected a JSON object");
      for (const auto& [k, v] : body.items()) {
        if (k != "drop" && k != "parliament_rejects" && k != "us_backstop") {
          throw std::invalid_argument("unknown field " + k +
                                      "; expected drop, parliament_rejects, us_backstop");
        }
      }
      what_if.dropped_parties = StringList(body, "drop");
      what_if.parliament_rejects = StringList(body, "parliament_rejects");
      if (body.contains("us_backstop")) {
        if (!body["us_backstop"].is_boolean())
          throw std::invalid_argument("us_backstop: expected true or false");
        what_if.us_backstop = body["us_backstop"].get<bool>();
      }
    } catch (const std::exception& e) {
      return ReplyError(c.res, 400, std::string("request body: ") + e.what());
    }
    Result<std::shared_ptr<const PlanSnapshot>> now = CurrentPlan();
    if (!now.ok()) return ReplyStatus(c.res, now.status());
    const Scenario visible = Visible((*now)->planned, c.scope);
    Result<SourcingPlan> before = SolveSourcing(visible, WhatIf{});
    Result<SourcingPlan> after = SolveSourcing(visible, what_if);
    if (!before.ok()) return ReplyStatus(c.res, before.status());
    if (!after.ok()) return ReplyStatus(c.res, after.status());
    ReplyJson(c.res, {{"before", CoverageJson(visible, *before)},
                      {"after", CoverageJson(visible, *after)}});
  });
  Route("GET", "/v1/activations", Action::kReadPlans, [this](Call& c) {
    std::string body = "{\"items\":[";
    size_t total = 0;
    for (ActivationRow& row : monitor.Activations(c.scope)) {
      Activation a = std::move(row.activation);
      std::erase_if(a.obligations, [&](const Obligation& o) {
        return !store::CanRead(c.scope, o.classification, o.party);
      });
      for (const Trigger& t : scenario.triggers) {
        if (t.id == a.trigger)
          a.restoration = CheckRestoration(t.restoration, a.fired_at, a.obligations);
      }
      // The activation's object with "ledger_sequence" added last, as text: it is not parsed
      // again to add one field.
      std::string item = ActivationJsonLine(a);
      item.pop_back();
      item += ",\"ledger_sequence\":" + Sequence(ActivationEntry(a)).dump() + "}";
      if (total++ > 0) body += ',';
      body += item;
    }
    body += "],\"total\":" + std::to_string(total) + "}";
    ReplyBody(c.res, std::move(body), "application/json");
  });
}

void HttpService::Impl::AddLedgerRoutes() {
  Route("GET", "/v1/ledger/head", Action::kReadLedger, [this](Call& c) {
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::SignedTreeHead> head = ledger.LatestHead();
    if (!head.ok()) return ReplyStatus(c.res, head.status());
    c.res.set_content(ledger::TreeHeadToJson(*head), "application/json");
  });
  // Where the next entry goes: what an author seals against (sequence and previous hash reveal
  // nothing of the entries' contents).
  Route("GET", "/v1/ledger/next", Action::kAppendLedger, [this](Call& c) {
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::SignedTreeHead> head = ledger.LatestHead();
    if (!head.ok()) return ReplyStatus(c.res, head.status());
    std::string previous(64, '0');
    if (head->tree_size > 0) {
      Result<ledger::LedgerEntry> last = ledger.ReadEntry(head->tree_size - 1);
      if (!last.ok()) return ReplyStatus(c.res, last.status());
      previous = ledger::ToHex(last->entry_hash);
    }
    ReplyJson(c.res, {{"sequence", head->tree_size}, {"previous_hash", previous}});
  });
  Route("GET", "/v1/ledger/entries", Action::kReadLedger, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, {"after", "limit"});
    if (!q) return;
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::SignedTreeHead> head = ledger.LatestHead();
    if (!head.ok()) return ReplyStatus(c.res, head.status());
    json items = json::array();
    // `after` counts entries: the page starts at sequence `after` (0-based). Entries the caller
    // may not read are skipped, so the rows are read in chunks until the page is full.
    for (uint64_t seq = static_cast<uint64_t>(q->after);
         seq < head->tree_size && static_cast<int>(items.size()) < q->limit;) {
      Result<std::vector<ledger::LedgerEntry>> chunk =
          ledger.ReadEntries(seq, static_cast<uint64_t>(std::max(q->limit, 100)));
      if (!chunk.ok()) return ReplyStatus(c.res, chunk.status());
      if (chunk->empty()) break;
      for (const ledger::LedgerEntry& e : *chunk) {
        if (e.sequence >= head->tree_size || static_cast<int>(items.size()) == q->limit) break;
        if (store::CanRead(c.scope, EntryClassification(e), e.author))
          items.push_back(json::parse(ledger::EntryToJson(e)));
      }
      seq = chunk->back().sequence + 1;
    }
    ReplyJson(c.res, {{"items", items}, {"tree_size", head->tree_size}});
  });
  Route("GET", R"(/v1/ledger/entries/(\d{1,18}))", Action::kReadLedger, [this](Call& c) {
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::LedgerEntry> e = ledger.ReadEntry(std::stoull(c.req.matches[1]));
    if (!e.ok()) return ReplyStatus(c.res, e.status());
    if (!store::CanRead(c.scope, EntryClassification(*e), e->author)) {
      return ReplyError(c.res, 403,
                        "entry " + std::string(c.req.matches[1]) +
                            ": beyond your clearance (its hash stays provable by inclusion)");
    }
    c.res.set_content(ledger::EntryToJson(*e), "application/json");
  });
  Route("GET", "/v1/ledger/proofs/inclusion", Action::kReadLedger, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, {"sequence", "tree_size"});
    if (!q) return;
    if (!q->sequence) return ReplyError(c.res, 400, "query parameter sequence: required");
    std::optional<uint64_t> size;
    if (q->tree_size) size = static_cast<uint64_t>(*q->tree_size);
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::InclusionProofDocument> proof =
        ledger.ProveInclusion(static_cast<uint64_t>(*q->sequence), size);
    if (!proof.ok()) return ReplyStatus(c.res, proof.status());
    c.res.set_content(ledger::InclusionProofToJson(*proof), "application/json");
  });
  Route("GET", "/v1/ledger/proofs/consistency", Action::kReadLedger, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, {"first", "second"});
    if (!q) return;
    if (!q->first) return ReplyError(c.res, 400, "query parameter first: required");
    std::optional<uint64_t> second;
    if (q->second) second = static_cast<uint64_t>(*q->second);
    std::lock_guard<std::mutex> lock(ledger_mu);
    Result<ledger::ConsistencyProofDocument> proof =
        ledger.ProveConsistency(static_cast<uint64_t>(*q->first), second);
    if (!proof.ok()) return ReplyStatus(c.res, proof.status());
    c.res.set_content(ledger::ConsistencyProofToJson(*proof), "application/json");
  });
  Route("POST", "/v1/ledger/entries", Action::kAppendLedger, [this](Call& c) {
    Result<ledger::LedgerEntry> entry = ledger::EntryFromJson(c.req.body);
    if (!entry.ok()) return ReplyError(c.res, 400, "request body: " + entry.status().message());
    if (entry->author != c.who.organisation) {
      return ReplyError(c.res, 403,
                        "author: " + entry->author + " is not your organisation (" +
                            c.who.organisation + "); entries are submitted by their authors");
    }
    if (entry->kind == ledger::EntryKind::kActivation ||
        entry->kind == ledger::EntryKind::kCommissionDecision) {
      return ReplyError(c.res, 400,
                        "kind: expected pledge, contribution_change, commitment or statement; "
                        "found " +
                            std::string(ledger::ToString(entry->kind)) +
                            " (the service records activations and Commission decisions itself)");
    }
    std::lock_guard<std::mutex> lock(ledger_mu);
    // An entry cannot be removed once appended: one that would change the plans must apply to
    // them as they stand at the ledger's end, where it goes.
    if (Status folded = FoldLedgerLocked(); !folded.ok()) return ReplyStatus(c.res, folded);
    // (An entry sealed for another place is refused by AppendSealed: 409, re-seal and retry.)
    const EntryCheck check = entry->sequence == plan.size() ? plan.Check(*entry) : EntryCheck{};
    if (check.verdict == EntryCheck::Verdict::kMalformed)
      return ReplyError(c.res, 400, check.message);
    if (check.verdict == EntryCheck::Verdict::kNotItsParty)
      return ReplyError(c.res, 403, check.message);
    Result<ledger::LedgerEntry> stored = ledger.AppendSealed(*entry);
    if (!stored.ok()) return ReplyStatus(c.res, stored.status());
    // The entry is appended: should its fold fail, the next fold (at the next request) retries.
    (void)FoldAppendedLocked(*stored);
    Result<ledger::SignedTreeHead> head = ledger.LatestHead();
    if (!head.ok()) return ReplyStatus(c.res, head.status());
    ReplyJson(
        c.res,
        {{"sequence", stored->sequence}, {"head", json::parse(ledger::TreeHeadToJson(*head))}},
        201);
  });
}

void HttpService::Impl::AddFeedRoute() {
  Route("GET", "/v1/feed", Action::kReadMonitoring, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, {"bbox", "kind", "types", "after"});
    if (!q) return;
    FeedSubscription sub;
    sub.scope = c.scope;
    sub.kinds = q->kinds;
    sub.south = q->south;
    sub.west = q->west;
    sub.north = q->north;
    sub.east = q->east;
    // Only the types whose records the caller's role may read: cases and activations are not
    // every reader's (the monitors and the public read neither), whatever their labels.
    const std::set<std::string> permitted = FeedTypesFor(c.who);
    for (const std::string& type : q->types) {
      if (!permitted.count(type)) {
        return ReplyError(c.res, 403,
                          "query parameter types: your role may not read " + type + " events");
      }
    }
    sub.types = q->types.empty() ? permitted : q->types;
    int64_t after = q->after;
    const std::string last_event = c.req.get_header_value("Last-Event-ID");
    if (!last_event.empty()) {
      try {
        after = std::stoll(last_event);
      } catch (const std::exception&) {
        return ReplyError(c.res, 400, "Last-Event-ID: expected an event id");
      }
    }
    const bool coarse = c.detail == Detail::kPublic;
    c.res.set_header("Cache-Control", "no-store");
    c.res.set_chunked_content_provider(
        "text/event-stream", [this, sub, after, coarse](size_t, httplib::DataSink& sink) mutable {
          ++feed_readers;
          sink.write(": guarantor live feed\n\n", 23);
          while (!stopping && sink.is_writable()) {
            int64_t last = after;
            std::vector<NumberedEvent> events =
                feed.Next(after, sub, std::chrono::milliseconds(15000), &last);
            after = last;
            std::string out;
            for (const NumberedEvent& e : events) {
              std::string data = e.event.json;
              if (coarse) {
                json j = json::parse(data);
                j.erase("observation");
                data = j.dump();
              }
              out += "id: " + std::to_string(e.id) + "\nevent: " + e.event.type +
                     "\ndata: " + data + "\n\n";
            }
            if (out.empty()) out = ": keep-alive\n\n";
            if (!sink.write(out.data(), out.size())) break;
          }
          --feed_readers;
          sink.done();
          return true;
        });
  });
}

}  // namespace guarantor::server

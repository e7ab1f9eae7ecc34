// SPDX-License-Identifier: MIT
// Audiences (docs/privacy.md): one evaluation, shown to different people.
// A view never changes the decision — a verdict, status, count, share,
// credit, date, gap, flag, timeline or follow-up date — only what is shown.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "rung/id_set.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

inline std::optional<Audience> audience_from(std::string_view s) {
  for (Audience a : {Audience::full, Audience::employee, Audience::manager, Audience::committee})
    if (name(a) == s) return a;
  return std::nullopt;
}

/// Whether `audience` may see an evidence item of this visibility: the
/// employee sees their whole record, the manager what is shared with the
/// manager or wider, the committee what is shared with decision makers.
inline bool sees(Audience audience, Visibility visibility) {
  switch (audience) {
    case Audience::full:
    case Audience::employee: return true;
    case Audience::manager: return visibility >= Visibility::manager;
    case Audience::committee: return visibility >= Visibility::decision_makers;
  }
  return false;
}

/// The report as `audience` may see it. Evidence ids (an expectation's and
/// each criterion's) and the uncounted items people's outputs name are kept
/// only for items the audience may see — their counts stay; the committee's agenda has no `blocker` items (1:1 notes
/// stay between the two people). Rater ids, feedback authors and feedback
/// texts are in no report whatever the audience.
inline Report view(Report r, const Case& c, Audience audience) {
  r.audience = audience;
  if (audience == Audience::full || audience == Audience::employee) return r;
  std::vector<bool> shown(c.evidence.size());
  IdSet hidden;
  for (std::size_t i = 0; i < c.evidence.size(); ++i) {
    shown[i] = sees(audience, c.evidence[i].visibility);
    if (!shown[i]) hidden.insert(c.evidence[i].id);
  }
  for (ExpectationResult& x : r.expectations) {
    std::vector<std::string> ids;
    std::vector<std::size_t> items;
    for (std::size_t k = 0; k < x.evidence_items.size(); ++k)
      if (shown[x.evidence_items[k]]) {
        ids.push_back(std::move(x.evidence_ids[k]));
        items.push_back(x.evidence_items[k]);
      }
    x.evidence_ids = std::move(ids);
    x.evidence_items = std::move(items);
    for (auto* uncounted : {&x.uncounted.below_visibility_items, &x.uncounted.outside_window_items})
      uncounted->erase(std::remove_if(uncounted->begin(), uncounted->end(), [&](std::size_t i) { return !shown[i]; }),
                       uncounted->end());
    for (CriterionResult& cr : x.criteria)
      cr.evidence_ids.erase(std::remove_if(cr.evidence_ids.begin(), cr.evidence_ids.end(),
                                           [&](const std::string& id) { return hidden.contains(id); }),
                            cr.evidence_ids.end());
  }
  if (audience == Audience::committee) {
    auto& agenda = r.followup.agenda;
    agenda.erase(std::remove_if(agenda.begin(), agenda.end(),
                                [](const AgendaItem& a) { return a.kind == AgendaKind::blocker; }),
                 agenda.end());
  }
  return r;
}

}  // namespace rung

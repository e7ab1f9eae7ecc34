// SPDX-License-Identifier: MIT
// Threshold (T): can this person be put forward?
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "rung/ratings.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// Shares are compared with a tolerance of 1e-9 (T4): weights 1.2 and 0.3
/// with only the first met give 0.7999999999999999, which meets 0.8.
inline constexpr double kShareTolerance = 1e-9;

inline bool share_at_least(double share, double minimum) {
  return share >= minimum - kShareTolerance;
}

/// Weighted share of expectations for which `counts(i)` holds; a level with
/// no expectations has share 1 (docs/rules.md). Weights are summed in order.
template <class Counts>
double weighted_share(const std::vector<Expectation>& expectations, Counts counts) {
  if (expectations.empty()) return 1.0;
  double total = 0.0, hit = 0.0;
  for (std::size_t i = 0; i < expectations.size(); ++i) {
    total += expectations[i].weight;
    if (counts(i)) hit += expectations[i].weight;
  }
  return hit / total;
}

/// T1: current delivery.
struct CurrentDelivery {
  double coverage = 1.0;
  bool review_failed = false;
  bool passed = true;
};

/// T1: an expectation of the current level is delivered when its agreed
/// rating reaches the expectation's level.
inline bool t1_delivered(const Expectation& x, const Ratings& ratings) {
  return ratings.agreed && *ratings.agreed >= x.level;
}

/// T1's review term: a last review counts when dated within 365 days before
/// as_of (a review after as_of is ignored); a counted review whose rating is
/// below `review_min` fails.
inline constexpr int kReviewCountsDays = 365;
inline bool t1_review_counted(const Review& review, Date as_of) {
  return within_days(review.date, as_of, kReviewCountsDays);
}
inline bool t1_review_below_min(const Review& review, const Policy& policy) { return review.rating < policy.review_min; }
inline bool t1_review_failed(const std::optional<Review>& review, Date as_of, const Policy& policy) {
  return review && t1_review_counted(*review, as_of) && t1_review_below_min(*review, policy);
}

/// T1: `ratings[i]` are the ratings of `current.expectations[i]`.
inline CurrentDelivery t1_current_delivery(const Level& current, const std::vector<Ratings>& ratings,
                                           const std::optional<Review>& review, Date as_of,
                                           const Policy& policy) {
  CurrentDelivery d;
  d.coverage =
      weighted_share(current.expectations, [&](std::size_t i) { return t1_delivered(current.expectations[i], ratings[i]); });
  d.review_failed = t1_review_failed(review, as_of, policy);
  d.passed = share_at_least(d.coverage, policy.current_min) && !d.review_failed;
  return d;
}

/// T2: whether an item counts for what it names: dated within
/// `evidence_window_days` up to as_of, visible at least to
/// `evidence_visibility_min`.
inline bool t2_in_window_and_shown(const Evidence& e, Date as_of, const Policy& policy) {
  return e.visibility >= policy.evidence_visibility_min && within_days(e.date, as_of, policy.evidence_window_days);
}

/// T2: the evidence items that count for a competency: naming it, in the
/// window and shown widely enough (t2_in_window_and_shown).
inline bool t2_counts(const Evidence& e, std::size_t competency, Date as_of, const Policy& policy) {
  if (!t2_in_window_and_shown(e, as_of, policy)) return false;
  for (std::size_t c : e.competencies)
    if (c == competency) return true;
  return false;
}

/// T2: the skill is there and so is the proof (`met`); the skill is there,
/// the proof is not (`evidence_gap`); `skill_gap`; `unassessed`.
inline Status t2_status(int level, std::optional<int> agreed, int evidence, const Policy& policy) {
  if (!agreed) return Status::unassessed;
  if (*agreed < level) return Status::skill_gap;
  return evidence >= policy.evidence_min ? Status::met : Status::evidence_gap;
}

/// T2: what an expectation's result starts from: its ratings and the items
/// that count for it (indexes into the case's evidence, in case order).
inline ExpectationResult t2_result(const Expectation& x, const Ratings& ratings, const std::vector<Evidence>& evidence,
                                   std::vector<std::size_t> items) {
  ExpectationResult r;
  r.competency = x.competency;
  r.competency_index = x.competency_index;
  r.level = x.level;
  r.weight = x.weight;
  r.critical = x.critical;
  r.ratings = ratings;
  r.evidence_ids.reserve(items.size());
  for (std::size_t i : items) {
    const Evidence& e = evidence[i];
    ++r.evidence;
    r.evidence_ids.emplace_back(e.id);
    if (e.visibility >= Visibility::stakeholders) r.stakeholder_visible = true;
  }
  r.evidence_items = std::move(items);
  return r;
}

/// For each key (a competency or a criterion), the evidence items that
/// count for it, in case order: every list in one array.
class Postings {
 public:
  Postings() = default;
  std::span<const std::size_t> operator[](std::size_t key) const {
    return {items_.data() + range_[key].first, items_.data() + range_[key].second};
  }
  std::size_t size() const { return range_.size(); }

  /// T2: for each of `n` competencies (`names` = &Evidence::competencies)
  /// or criteria (&Evidence::criteria), the items that count for it (window
  /// and visibility): one pass over the evidence for every expectation at
  /// once, a second to place them. An item naming one twice counts once.
  static Postings counted(const std::vector<Evidence>& evidence, std::vector<std::size_t> Evidence::*names,
                          std::size_t n, Date as_of, const Policy& policy) {
    auto counts = [&](const Evidence& e) {
      return !(e.*names).empty() && t2_in_window_and_shown(e, as_of, policy);
    };
    Postings p;
    p.range_.assign(n, {0, 0});
    std::size_t total = 0;
    for (const Evidence& e : evidence)
      if (counts(e))
        for (std::size_t k : e.*names) ++p.range_[k].second, ++total;  // at most this many
    for (std::size_t k = 0, at = 0; k < n; ++k) {
      const std::size_t room = p.range_[k].second;
      p.range_[k] = {at, at};
      at += room;
    }
    p.items_.resize(total);
    for (std::size_t i = 0; i < evidence.size(); ++i) {
      if (!counts(evidence[i])) continue;
      for (std::size_t k : evidence[i].*names) {
        auto& [begin, end] = p.range_[k];
        if (end == begin || p.items_[end - 1] != i) p.items_[end++] = i;
      }
    }
    return p;
  }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> range_;  // [begin, end) of each key in items_
  std::vector<std::size_t> items_;
};

inline Postings t2_counted_by_competency(const std::vector<Evidence>& evidence, std::size_t competencies, Date as_of,
                                         const Policy& policy) {
  return Postings::counted(evidence, &Evidence::competencies, competencies, as_of, policy);
}

/// T2 for one target expectation (flags are G2's), given the items that
/// count for its competency (`t2_counted_by_competency`).
inline ExpectationResult t2_assess(const Expectation& x, const Ratings& ratings,
                                   const std::vector<Evidence>& evidence, std::span<const std::size_t> counted,
                                   const Policy& policy) {
  ExpectationResult r = t2_result(x, ratings, evidence, std::vector<std::size_t>(counted.begin(), counted.end()));
  r.status = t2_status(x.level, ratings.agreed, r.evidence, policy);
  return r;
}

/// T2 for one target expectation, from the whole evidence list.
inline ExpectationResult t2_assess(const Expectation& x, const Ratings& ratings,
                                   const std::vector<Evidence>& evidence, Date as_of,
                                   const Policy& policy) {
  std::vector<std::size_t> counted;
  for (std::size_t i = 0; i < evidence.size(); ++i)
    if (t2_counts(evidence[i], x.competency_index, as_of, policy)) counted.push_back(i);
  return t2_assess(x, ratings, evidence, counted, policy);
}

/// T2, for every expectation of `target`: the items dated up to as_of that
/// name it (its competency or one of its criteria) but do not count, and
/// why: older than the window, else visible to fewer people than
/// `evidence_visibility_min`. One pass over the evidence for all of them,
/// so a case of 100,000 items is read once. `competencies` and `criteria`
/// count the framework's.
inline std::vector<Uncounted> t2_uncounted_each(const std::vector<Expectation>& target,
                                                const std::vector<Evidence>& evidence, Date as_of,
                                                const Policy& policy, std::size_t competencies,
                                                std::size_t criteria) {
  constexpr std::uint32_t kNone = UINT32_MAX;
  const std::size_t n = target.size();
  std::vector<Uncounted> out(n);
  // One table: each competency's first target expectation, the next one of
  // the same competency, the expectation each criterion belongs to, and the
  // last item each expectation took (an item naming it twice counts once).
  std::vector<std::uint32_t> table(competencies + 2 * n + criteria, kNone);
  const std::span<std::uint32_t> first(table.data(), competencies), next(first.data() + competencies, n),
      owner(next.data() + n, criteria), seen(owner.data() + criteria, n);
  for (std::size_t x = 0; x < n; ++x) {
    next[x] = first[target[x].competency_index];
    first[target[x].competency_index] = static_cast<std::uint32_t>(x);
    for (std::size_t k = 0; k < target[x].criteria.size(); ++k)
      owner[target[x].first_criterion + k] = static_cast<std::uint32_t>(x);
  }
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const Evidence& e = evidence[i];
    if (days_between(e.date, as_of) < 0 || t2_in_window_and_shown(e, as_of, policy)) continue;  // later, or it counts
    const bool outside = !within_days(e.date, as_of, policy.evidence_window_days);
    const auto item = static_cast<std::uint32_t>(i);
    auto take = [&](std::uint32_t x) {
      if (x == kNone || seen[x] == item) return;
      seen[x] = item;
      (outside ? out[x].outside_window_items : out[x].below_visibility_items).push_back(i);
    };
    for (std::size_t k : e.competencies)
      for (std::uint32_t x = first[k]; x != kNone; x = next[x]) take(x);
    for (std::size_t k : e.criteria) take(owner[k]);
  }
  for (Uncounted& u : out) {
    u.outside_window = static_cast<int>(u.outside_window_items.size());
    u.below_visibility = static_cast<int>(u.below_visibility_items.size());
  }
  return out;
}

// ------------------------------------------------------------ /2

/// T2 in /2: for each criterion (by index into Framework::criteria), the
/// items that count for it, in case order.
inline Postings t2_counted_by_criterion(const std::vector<Evidence>& evidence, std::size_t criteria, Date as_of,
                                        const Policy& policy) {
  return Postings::counted(evidence, &Evidence::criteria, criteria, as_of, policy);
}

/// T5: the date from which the manager's rating of a competency has held at
/// `level`: the earliest of the manager's assessments in R1's window (date
/// order, array order on ties) such that it and every later one are at
/// least `level`. None when the latest is below it.
inline std::optional<Date> t5_sustained_since(const std::vector<Assessment>& assessments, std::size_t competency,
                                              int level, Date as_of, const Policy& policy) {
  std::vector<const Assessment*> manager;
  for (const Assessment& a : assessments)
    if (a.competency == competency && a.rater == Rater::manager &&
        within_days(a.date, as_of, policy.assessment_window_days))
      manager.push_back(&a);
  std::stable_sort(manager.begin(), manager.end(), [](const Assessment* x, const Assessment* y) { return x->date < y->date; });
  std::optional<Date> since;
  for (auto it = manager.rbegin(); it != manager.rend() && (*it)->level >= level; ++it) since = (*it)->date;
  return since;
}

/// T5: the date the level will have held `sustained_days` since `since`:
/// when an emerging expectation counts (an emerging gap's expected finish).
inline Date t5_counts_from(Date since, const Policy& policy) { return add_days(since, policy.sustained_days); }

/// T5: a `met` expectation is `emerging` until the level has held
/// `sustained_days`.
inline bool t5_emerging(const std::optional<Date>& since, Date as_of, const Policy& policy) {
  return policy.sustained_days > 0 && (!since || days_between(*since, as_of) < policy.sustained_days);
}

/// T2 in /2 for one target expectation: criteria, credit, uncounted
/// evidence and T5. `by_competency` and `by_criterion` are the counted
/// items (t2_counted_by_competency, t2_counted_by_criterion).
inline ExpectationResult t2_assess_v2(const Expectation& x, const Ratings& ratings,
                                      const Case& c, const Postings& by_competency, const Postings& by_criterion,
                                      Uncounted uncounted,
                                      const Policy& policy) {
  // The expectation's items: those naming its competency or one of its
  // criteria, each once, in case order.
  const auto own = by_competency[x.competency_index];
  std::vector<std::size_t> items(own.begin(), own.end());
  for (std::size_t k = 0; k < x.criteria.size(); ++k) {
    const auto& named = by_criterion[x.first_criterion + k];
    items.insert(items.end(), named.begin(), named.end());
  }
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  ExpectationResult r = t2_result(x, ratings, c.evidence, std::move(items));
  r.uncounted = std::move(uncounted);
  // Criteria: each shown by at least evidence_min counted items.
  double total = 0.0, shown = 0.0;
  r.criteria.reserve(x.criteria.size());
  for (std::size_t k = 0; k < x.criteria.size(); ++k) {
    CriterionResult cr;
    cr.id = x.criteria[k].id;
    cr.index = x.first_criterion + k;
    cr.evidence_ids.reserve(by_criterion[x.first_criterion + k].size());
    for (std::size_t i : by_criterion[x.first_criterion + k]) {
      ++cr.evidence;
      cr.evidence_ids.emplace_back(c.evidence[i].id);
    }
    cr.met = cr.evidence >= policy.evidence_min;
    total += x.criteria[k].weight;
    if (cr.met) shown += x.criteria[k].weight;
    r.criteria.push_back(std::move(cr));
  }
  if (!x.criteria.empty()) r.criteria_met = shown / total;
  // Status: the proof is the criteria when there are some.
  if (!ratings.agreed) r.status = Status::unassessed;
  else if (*ratings.agreed < x.level) r.status = Status::skill_gap;
  else if (r.criteria_met) r.status = share_at_least(*r.criteria_met, policy.criteria_min) ? Status::met : Status::evidence_gap;
  else r.status = r.evidence >= policy.evidence_min ? Status::met : Status::evidence_gap;
  // T5: met only once the level has held long enough.
  if (policy.sustained_days > 0 && r.status == Status::met) {
    r.sustained_since = t5_sustained_since(c.assessments, x.competency_index, x.level, c.as_of, policy);
    if (t5_emerging(r.sustained_since, c.as_of, policy)) r.status = Status::emerging;
  }
  // Credit towards coverage.
  if (r.status == Status::met) r.credit = 1.0;
  else if (policy.credit == Credit::partial && r.status == Status::evidence_gap && r.criteria_met) r.credit = *r.criteria_met;
  return r;
}

/// Coverage in /2: weight x credit over the weights.
inline double t2_coverage_v2(const std::vector<Expectation>& target, const std::vector<ExpectationResult>& results) {
  if (target.empty()) return 1.0;
  double total = 0.0, hit = 0.0;
  for (std::size_t i = 0; i < target.size(); ++i) {
    total += target[i].weight;
    hit += target[i].weight * results[i].credit;
  }
  return hit / total;
}

/// T2: weight share of `met`.
inline double t2_coverage(const std::vector<Expectation>& target,
                          const std::vector<ExpectationResult>& results) {
  return weighted_share(target, [&](std::size_t i) { return results[i].status == Status::met; });
}

/// T3: every critical target expectation is met.
inline bool t3_critical_met(const std::vector<ExpectationResult>& results) {
  for (const auto& r : results)
    if (r.critical && r.status != Status::met) return false;
  return true;
}

/// T4.
inline Verdict t4_verdict(bool current_passed, double coverage, bool critical_met, const Policy& policy) {
  if (!current_passed) return Verdict::blocked;
  if (share_at_least(coverage, policy.coverage_min) && critical_met) return Verdict::ready;
  if (share_at_least(coverage, policy.coverage_min - policy.close_margin)) return Verdict::close;
  return Verdict::not_ready;
}

}  // namespace rung

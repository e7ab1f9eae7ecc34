// SPDX-License-Identifier: MIT
// Moves (M1, docs/rules.md): from the current level to a target level, over
// tracks that levels may share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// M1: the employee's tracks: `employee.track` when given, else the
/// current level's tracks. (/1: the current level's one track.)
inline std::vector<std::string> m1_tracks(const Level& current, const std::optional<std::string_view>& track) {
  if (track) return {std::string(*track)};
  return current.tracks;
}

inline bool shares_track(const Level& level, const std::vector<std::string>& tracks) {
  for (const auto& t : tracks)
    if (level.on_track(t)) return true;
  return false;
}

/// M1: `promotion` (higher rank) or `sideways` (same rank, another level);
/// none for a lower rank or the current level itself (`invalid_move`).
inline std::optional<MoveKind> classify_move(const Level& from, const Level& to) {
  if (to.rank > from.rank) return MoveKind::promotion;
  if (to.rank == from.rank && &to != &from && to.id != from.id) return MoveKind::sideways;
  return std::nullopt;
}

/// M1 without `employee.target`: the levels of the lowest higher rank that
/// share one of the employee's tracks, in framework order. One: the target;
/// none: `no_target`; several: `no_target` with `choose_track`.
inline std::vector<std::size_t> m1_candidates(const Framework& fw, std::size_t from,
                                              const std::vector<std::string>& tracks) {
  const Level& current = fw.levels[from];
  std::optional<std::int64_t> lowest;
  for (const Level& l : fw.levels)
    if (l.rank > current.rank && shares_track(l, tracks) && (!lowest || l.rank < *lowest)) lowest = l.rank;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; lowest && i < fw.levels.size(); ++i)
    if (fw.levels[i].rank == *lowest && shares_track(fw.levels[i], tracks)) candidates.push_back(i);
  return candidates;
}

/// Signals of a promotion: `skip_level` at rank + 2 or more, `track_change`
/// into a level that shares none of the employee's tracks.
inline bool is_skip_level(const Level& from, const Level& to) { return to.rank - from.rank >= 2; }
inline bool is_track_change(const Level& from, const Level& to, const std::vector<std::string>& tracks) {
  return to.rank > from.rank && !shares_track(to, tracks);
}

}  // namespace rung

// Moves (SPEC §1.1): from the current level to a target level.
#pragma once

#include <optional>

#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// `promotion` (higher rank) or `sideways` (other track, same rank); none
/// for a lower rank or the current level itself (`invalid_move`).
inline std::optional<MoveKind> classify_move(const Level& from, const Level& to) {
  if (to.rank > from.rank) return MoveKind::promotion;
  if (to.rank == from.rank && to.track != from.track) return MoveKind::sideways;
  return std::nullopt;
}

/// Without `employee.target`: the level of the lowest higher rank in the
/// same track, or none (`no_target`).
inline std::optional<std::size_t> default_target(const Framework& fw, std::size_t from) {
  const Level& current = fw.levels[from];
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < fw.levels.size(); ++i) {
    const Level& l = fw.levels[i];
    if (l.track == current.track && l.rank > current.rank && (!best || l.rank < fw.levels[*best].rank))
      best = i;
  }
  return best;
}

/// Signals of a promotion: `skip_level` at rank + 2 or more, `track_change`
/// into another track.
inline bool is_skip_level(const Level& from, const Level& to) { return to.rank - from.rank >= 2; }
inline bool is_track_change(const Level& from, const Level& to) {
  return to.rank > from.rank && to.track != from.track;
}

}  // namespace rung

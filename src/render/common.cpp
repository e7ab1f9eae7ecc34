#include <cmath>
#include <cstdio>

#include "render/render.hpp"

namespace rung::render {

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

std::string number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string title_of(const Framework& fw, const std::string& competency) {
  auto it = fw.competency_index.find(competency);
  if (it == fw.competency_index.end()) return competency;
  const auto& name = fw.competencies[it->second].name;
  return name.empty() ? competency : name;
}

}  // namespace rung::render

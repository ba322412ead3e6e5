#include "sweep/sweep_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace driftlab {

namespace {

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string brief(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string groupName(const SweepGroup& g, SweepAxis axis) {
  std::string s = "flow=" + g.flow + " dim=" + std::to_string(g.dim);
  if (axis == SweepAxis::Bandwidth) return s + " N=" + brief(g.fixed);
  return g.fixed > 0 ? s + " h=" + brief(g.fixed) : s;
}

std::vector<SweepLevel> levelsOf(const std::vector<const SweepPoint*>& pts, SweepAxis axis) {
  std::map<double, std::vector<const SweepPoint*>> byX;
  for (const auto* p : pts)
    byX[axis == SweepAxis::Particles ? double(p->particles) : p->requestedBandwidth].push_back(p);
  std::vector<SweepLevel> out;
  for (const auto& [x, runs] : byX) {
    SweepLevel l;
    l.x = x;
    l.runs = int(runs.size());
    double lo = runs[0]->meanRootResidual, hi = lo;
    for (const auto* p : runs) {
      l.mean += p->meanRootResidual / l.runs;
      l.meanStopTime += p->stopTime / l.runs;
      l.converged += p->converged;
      lo = std::min(lo, p->meanRootResidual), hi = std::max(hi, p->meanRootResidual);
    }
    double var = 0;
    for (const auto* p : runs)
      var += std::pow(p->meanRootResidual - l.mean, 2) / std::max(1, l.runs - 1);
    const double half = l.runs > 1 ? studentT975(l.runs - 1) * std::sqrt(var / l.runs) : 0.0;
    l.low = l.mean - half, l.high = l.mean + half;
    l.maxOverMin = lo > 0 ? hi / lo : INFINITY;
    out.push_back(l);
  }
  return out;
}

void fitGroup(SweepGroup& g, const std::vector<const SweepPoint*>& pts, SweepAxis axis) {
  std::vector<SeedValue> runs, half;
  std::vector<double> x, r, rHalf;
  for (const auto* p : pts) {
    const double xv = axis == SweepAxis::Particles ? double(p->particles) : p->requestedBandwidth;
    runs.push_back({xv, p->seed, p->meanRootResidual});
    half.push_back({xv, p->seed, p->halfTimeRootResidual});
    x.push_back(xv), r.push_back(p->meanRootResidual), rHalf.push_back(p->halfTimeRootResidual);
  }
  g.fitted = g.levels.size() >= 2 && pts.size() >= 3;
  if (!g.fitted) return;
  const double theory = axis == SweepAxis::Particles ? -1.0 / (g.dim + 4) : 0.0;
  g.fit = fitLogLog(x, r);
  g.fit.theory = theory;
  g.halfTimeFit = fitLogLog(x, rHalf);
  g.halfTimeFit.theory = theory;
  g.bootstrap95 = bootstrapSlopeOverSeeds(runs);
  g.seedSlopes = slopesPerSeed(runs);
  g.local = localSlopes(runs);
  const double scale =
      axis == SweepAxis::Particles ? std::abs(theory) : std::max(std::abs(g.fit.slope), 0.05);
  const double moved = std::abs(g.fit.slope - g.halfTimeFit.slope);
  if (moved > kSlopeDriftFraction * scale)
    g.warnings.push_back(groupName(g, axis) +
                         ": the slope still moves with time: " + brief(g.fit.slope) +
                         " at T_stop, " + brief(g.halfTimeFit.slope) + " at T_stop/2 (difference " +
                         brief(moved) + " > " + brief(kSlopeDriftFraction * scale) + ")");
}

}  // namespace

SweepSummary summarizeSweep(std::vector<SweepPoint> points) {
  std::sort(points.begin(), points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.job < b.job; });
  SweepSummary s;
  std::set<std::int64_t> ns;
  for (const auto& p : points) ns.insert(p.particles), s.converged += p.converged;
  s.jobs = int(points.size());
  s.axis = ns.size() >= 2 ? SweepAxis::Particles : SweepAxis::Bandwidth;
  std::set<double> hs;
  for (const auto& p : points) hs.insert(p.requestedBandwidth);
  if (s.axis == SweepAxis::Bandwidth && hs.size() < 2) s.axis = SweepAxis::Particles;
  // Groups in order of first appearance (the plan's order: flow, dim, ...).
  std::vector<std::tuple<std::string, int, double>> order;
  std::map<std::tuple<std::string, int, double>, std::vector<const SweepPoint*>> members;
  for (const auto& p : points) {
    const double fixed =
        s.axis == SweepAxis::Particles ? p.requestedBandwidth : double(p.particles);
    const auto key = std::make_tuple(p.flow, p.dim, fixed);
    if (!members.count(key)) order.push_back(key);
    members[key].push_back(&p);
  }
  for (const auto& key : order) {
    SweepGroup g;
    std::tie(g.flow, g.dim, g.fixed) = key;
    const auto& pts = members[key];
    g.levels = levelsOf(pts, s.axis);
    fitGroup(g, pts, s.axis);
    for (const auto& l : g.levels)
      if (l.maxOverMin > kSeedSpreadLimit)
        g.warnings.push_back(
            groupName(g, s.axis) + (s.axis == SweepAxis::Particles ? " N=" : " h=") + brief(l.x) +
            ": seeds disagree: max/min = " + brief(l.maxOverMin) + " > " + brief(kSeedSpreadLimit));
    int notConverged = 0;
    for (const auto* p : pts) notConverged += !p->converged;
    if (notConverged > 0)
      g.warnings.push_back(groupName(g, s.axis) + ": " + std::to_string(notConverged) + " of " +
                           std::to_string(pts.size()) +
                           " runs did not become stationary before --max-time (converged=0)");
    s.groups.push_back(std::move(g));
  }
  return s;
}

namespace {

std::string groupJson(const SweepGroup& g, SweepAxis axis) {
  std::ostringstream o;
  o << "\"flow\": \"" << g.flow << "\", \"dim\": " << g.dim;
  o << (axis == SweepAxis::Particles ? ", \"bandwidth\": " : ", \"particles\": ")
    << (axis == SweepAxis::Particles && g.fixed == 0 ? "null" : num(g.fixed));
  if (g.fitted) {
    o << ", \"slope\": " << num(g.fit.slope) << ", \"ci95\": [" << num(g.fit.slopeLow) << ", "
      << num(g.fit.slopeHigh) << "], \"bootstrap95\": [" << num(g.bootstrap95.low) << ", "
      << num(g.bootstrap95.high) << "], \"seed_slopes\": [";
    for (size_t i = 0; i < g.seedSlopes.slopes.size(); ++i)
      o << (i ? ", " : "") << num(g.seedSlopes.slopes[i]);
    o << "], \"seed_slopes_ci95\": [" << num(g.seedSlopes.ci95.low) << ", "
      << num(g.seedSlopes.ci95.high) << "], \"half_time_slope\": " << num(g.halfTimeFit.slope)
      << ", \"points\": " << g.fit.points << ", \"local_slopes\": [";
    for (size_t i = 0; i < g.local.size(); ++i)
      o << (i ? ", " : "") << "{\"from\": " << num(g.local[i].from)
        << ", \"to\": " << num(g.local[i].to) << ", \"slope\": " << num(g.local[i].slope) << "}";
    o << "]";
  }
  o << ", \"theory\": " << (axis == SweepAxis::Particles ? num(-1.0 / (g.dim + 4)) : "null");
  o << ", \"levels\": [";
  for (size_t i = 0; i < g.levels.size(); ++i) {
    const auto& l = g.levels[i];
    o << (i ? ", " : "") << "{\"x\": " << num(l.x) << ", \"mean\": " << num(l.mean)
      << ", \"ci95\": [" << num(l.low) << ", " << num(l.high) << "], \"runs\": " << l.runs
      << ", \"converged\": " << l.converged << ", \"mean_stop_time\": " << num(l.meanStopTime)
      << "}";
  }
  o << "], \"warnings\": " << g.warnings.size();
  return o.str();
}

}  // namespace

std::string sweepSummaryJson(const SweepSummary& s) {
  std::ostringstream o;
  o << "{\"axis\": \"" << (s.axis == SweepAxis::Particles ? "particles" : "bandwidth")
    << "\", \"jobs\": " << s.jobs << ", \"converged\": " << s.converged << ", \"groups\": [";
  for (size_t i = 0; i < s.groups.size(); ++i)
    o << (i ? ", " : "") << "{" << groupJson(s.groups[i], s.axis) << "}";
  o << "]";
  if (s.groups.size() == 1) o << ", " << groupJson(s.groups[0], s.axis);
  o << "}";
  return o.str();
}

}  // namespace driftlab

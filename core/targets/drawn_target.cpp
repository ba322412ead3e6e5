#include "targets/drawn_target.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "targets/target.h"

namespace driftlab {

namespace {

class DrawnTarget final : public Target {
 public:
  DrawnTarget(std::vector<double> points, double jitter)
      : m_points(std::move(points)), m_jitter(jitter) {}
  int dim() const override { return 2; }
  void sampleOne(RandomStream& rng, double* out) const override {
    const std::size_t i = rng.below(m_points.size() / 2);
    out[0] = m_points[2 * i] + m_jitter * rng.normal();
    out[1] = m_points[2 * i + 1] + m_jitter * rng.normal();
  }
  /// The painting's bounding box, widened by 3 jitter and at least 1 unit wide.
  Bounds bounds() const override {
    Bounds b{{1e300, 1e300}, {-1e300, -1e300}};
    for (std::size_t i = 0; i < m_points.size(); ++i) {
      b.lo[i % 2] = std::min(b.lo[i % 2], m_points[i]);
      b.hi[i % 2] = std::max(b.hi[i % 2], m_points[i]);
    }
    for (int k = 0; k < 2; ++k) {
      const double pad = 3.0 * m_jitter + std::max(0.0, 0.5 * (1.0 - (b.hi[k] - b.lo[k])));
      b.lo[k] -= pad;
      b.hi[k] += pad;
    }
    return b;
  }

 private:
  std::vector<double> m_points;
  double m_jitter;
};

}  // namespace

std::vector<double> defaultDrawnPoints() {
  std::vector<double> out;
  constexpr int kCount = 160;
  for (int i = 0; i < kCount; ++i) {
    const double t = 2.0 * std::numbers::pi * i / kCount;
    const double s = std::sin(t);
    const double x = 16.0 * s * s * s;
    const double y =
        13.0 * std::cos(t) - 5.0 * std::cos(2 * t) - 2.0 * std::cos(3 * t) - std::cos(4 * t);
    // Rounded so that scene files stay short and round-trip exactly.
    out.push_back(std::round(x / 8.0 * 1000.0) / 1000.0);
    out.push_back(std::round((y / 8.0 + 0.3) * 1000.0) / 1000.0);
  }
  return out;
}

TargetInfo drawnTargetInfo() {
  return {"drawn",
          "points painted in the 2D view (Draw target tool), each blurred by a Gaussian jitter",
          2,
          {ParamSpec::points("points", 2, kMaxDrawnPoints, defaultDrawnPoints(),
                             "the painted points [[x, y], ...] (default: a heart)"),
           ParamSpec::number("jitter", 0.05, 1e-4, 10.0,
                             "standard deviation of the Gaussian noise around each point")},
          [](const ParamSet& p, int) -> std::unique_ptr<Target> {
            return std::make_unique<DrawnTarget>(p.points("points"), p.number("jitter"));
          }};
}

}  // namespace driftlab

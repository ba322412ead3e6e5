#pragma once
/// Test support: every flow of the registry under each option that changes the field, and the
/// scalar reference kernel sums as a backend. Header-only; tests include it by name.
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "evaluators/direct_kernel_sums.h"
#include "fields/drift_field.h"
#include "registry/registry.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab::test {

/// A flow id and parameters; name = "<flow id> <option label>".
struct FlowVariant {
  std::string name;
  ParamSet params;
  std::string flowId() const { return name.substr(0, name.find(' ')); }
};

/// svgd under each kernel bandwidth rule and in drift units, with the KDE score; withExact adds
/// the exact (mixture) score, which needs FieldInputs::target (e.g. TestMixtureTarget).
inline std::vector<FlowVariant> svgdVariants(bool withExact) {
  std::vector<FlowVariant> out;
  for (const char* score : {"kde", "exact"}) {
    if (std::string(score) == "exact" && !withExact) continue;
    for (const char* bw : {"fixed", "median"}) {
      ParamSet p;
      p.set("score", std::string(score));
      p.set("kernel_bandwidth", std::string(bw));
      out.push_back({std::string("svgd ") + score + " " + bw, p});
    }
  }
  ParamSet p;
  p.set("drift_units", true);
  out.push_back({"svgd kde fixed drift_units", p});
  return out;
}

/// A three-component isotropic Gaussian mixture target in any dimension (the exact score that
/// pf-ode and the like need in FieldInputs::target).
class TestMixtureTarget final : public Target {
 public:
  explicit TestMixtureTarget(int dim)
      : m_mix(
            [dim] {
              PointSet means(3, dim);
              for (int c = 0; c < dim; ++c) {
                means(0, c) = 1.0 - 0.3 * c;
                means(1, c) = -0.8 + 0.5 * c;
                means(2, c) = c % 2 == 0 ? 0.2 : -1.1;
              }
              return means;
            }(),
            {0.4, 0.6, 0.8}, {0.5, 0.3, 0.2}) {}
  int dim() const override { return m_mix.dim(); }
  void sampleOne(RandomStream& rng, double* out) const override { m_mix.sample(rng, out); }
  const GaussianMixture* mixture() const override { return &m_mix; }
  Bounds bounds() const override {
    return {std::vector<double>(dim(), -3.0), std::vector<double>(dim(), 3.0)};
  }

 private:
  GaussianMixture m_mix;
};

/// The target a variant's field reads in dimension `dim`: a mixture for the flows that need
/// one (FlowInfo::needsMixture), else null. Set it as FieldInputs::target.
inline std::shared_ptr<const Target> variantTarget(const std::string& flowId,
                                                   const ParamSet& params, int dim) {
  const auto& info = flows().require(flowId, "flow.name");
  if (!info.needsMixture || !info.needsMixture(validateParams(info.params, params, "flow")))
    return nullptr;
  return std::make_shared<TestMixtureTarget>(dim);
}

/// Every flow with its defaults, the mean-shift flows under each normalisation and self rule,
/// conservative in both units, f-divergence under each weight and a mixture, svgd's variants
/// with the KDE score, pf-ode VP and VE at two start times (its target: variantTarget).
inline std::vector<FlowVariant> allFlowVariants() {
  std::vector<FlowVariant> out;
  for (const auto& f : flows().entries()) {
    if (f.id == "laplace" || f.id == "gaussian-meanshift") {
      for (const char* norm : {"separate", "joint", "none"})
        for (bool self : {false, true}) {
          ParamSet p;
          p.set("normalisation", std::string(norm));
          p.set("include_self", self);
          out.push_back({f.id + " " + norm + (self ? " include_self" : " leave-one-out"), p});
        }
    } else if (f.id == "conservative") {
      for (bool units : {false, true}) {
        ParamSet p;
        p.set("drift_units", units);
        out.push_back({f.id + (units ? " drift_units" : " score_units"), p});
      }
    } else if (f.id == "f-divergence") {
      const std::vector<std::pair<const char*, std::array<double, 4>>> weights{
          {"KL(q||p)", {1, 0, 0, 0}},
          {"KL(p||q)", {0, 1, 0, 0}},
          {"chi2(q||p)", {0, 0, 1, 0}},
          {"chi2(p||q)", {0, 0, 0, 1}},
          {"mixed", {0, 0.7, 0.3, 0}}};
      for (const auto& [label, w] : weights) {
        ParamSet p;
        p.set("kl_qp", w[0]);
        p.set("kl_pq", w[1]);
        p.set("chi2_qp", w[2]);
        p.set("chi2_pq", w[3]);
        out.push_back({f.id + " " + label, p});
      }
    } else if (f.id == "svgd") {
      for (FlowVariant& v : svgdVariants(false)) out.push_back(std::move(v));
    } else if (f.id == "pf-ode") {
      for (const char* schedule : {"vp", "ve"})
        for (double T : {1.0, 0.3}) {
          ParamSet p;
          p.set("schedule", std::string(schedule));
          p.set("T", T);
          out.push_back({f.id + " " + schedule + " T=" + (T == 1.0 ? "1" : "0.3"), p});
        }
    } else {
      out.push_back({f.id, ParamSet()});
    }
  }
  return out;
}

/// The field of a registry flow with `params` (validated, defaults filled in).
inline std::unique_ptr<DriftField> makeFlow(const std::string& id, const ParamSet& params) {
  const auto& info = flows().require(id, "flow.name");
  return info.make(validateParams(info.params, params, "flow"));
}

/// The stabilised scalar reference sums as a backend (every row): finite differences of
/// velocities need sums accurate to ~1e-16, not the vectorised backend's ~1e-14.
class ReferenceBackend final : public KernelSumBackend {
 public:
  std::string id() const override { return "reference"; }
  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources, bool excludeSelf,
            KernelSums& out) override {
    directKernelSums(kernel, queries, sources.points, excludeSelf, out);
  }
};

}  // namespace driftlab::test

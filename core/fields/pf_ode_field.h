#pragma once
#include <vector>

#include "diffusion/diffusion_schedule.h"
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

class GaussianMixture;

/// The probability-flow ODE of a VP or VE diffusion (diffusion/diffusion_schedule.h) with the
/// exact score of the target's Gaussian mixture (the noised mixture stays a mixture), run
/// backwards from diffusion time T to t_min. Diffusion time t = T - s, s the simulation time
/// (FieldInputs::time), so the velocity is the s-derivative of the ODE's solution:
///   v(x, s) = -(f(t) x - 0.5 g(t)^2 score_t(x)),   t = T - s.
/// It is the gradient in x of -f(t) |x|^2 / 2 + 0.5 g^2 log p_t(x): conservative. Particles do
/// not interact (no self term). The step sizes come from the field's own time grid
/// (scheduledStep), T = t_0 > ... > t_steps = t_min, uniform in t or in log-SNR.
/// The data and the backend are not used; bandwidth() is only the Gaussian bandwidth of the
/// KDE diagnostics (flow.bandwidth).
class PfOdeField final : public DriftField {
 public:
  PfOdeField(DiffusionSchedule schedule, double tMin, int steps, bool logSnrGrid, double bandwidth);
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_bandwidth; }
  bool conservative() const override { return true; }
  bool gaussianKernel() const override { return false; }
  std::optional<double> scheduledStep(double time) const override;
  const DiffusionSchedule* diffusionSchedule() const override { return &m_schedule; }

  double tMin() const { return m_grid.back(); }
  const std::vector<double>& timeGrid() const { return m_grid; }
  /// v = attraction - repulsion without cancellation: with c x + score_t = sum_k r_k (e_k x +
  /// alpha mu_k / var_k) (pf_ode_field.cpp), attraction = 0.5 g^2 sum_k r_k alpha mu_k / var_k
  /// (toward the noised means) and repulsion = -0.5 g^2 (sum_k r_k e_k) x. queries: n x d.
  void parts(const FieldInputs& in, ConstPointRef queries, PointRef attraction,
             PointRef repulsion) const;

 private:
  const GaussianMixture& requireMixture(const FieldInputs& in, Eigen::Index dim) const;

  DiffusionSchedule m_schedule;
  std::vector<double> m_grid;
  double m_bandwidth;
};

FlowInfo pfOdeFlowInfo();

}  // namespace driftlab

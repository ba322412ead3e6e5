#pragma once
/// Radial kernels in log form: log k(r^2). Normalising constants are applied by callers.
#include <cmath>
#include <string>

namespace driftlab {

enum class KernelKind { kGaussian, kLaplace };

/// Gaussian: k = exp(-|z|^2 / (2 h^2)); Laplace: k = exp(-|z| / tau). `scale` is h or tau.
struct Kernel {
  KernelKind kind = KernelKind::kGaussian;
  double scale = 1.0;

  /// log k as a function of the squared distance r2.
  double logValue(double r2) const {
    return kind == KernelKind::kGaussian ? -r2 / (2.0 * scale * scale) : -std::sqrt(r2) / scale;
  }
  std::string name() const { return kind == KernelKind::kGaussian ? "gaussian" : "laplace"; }
};

/// log of the Gaussian normalising constant (2 pi h^2)^(-d/2).
double gaussianLogNormaliser(int dim, double h);

}  // namespace driftlab

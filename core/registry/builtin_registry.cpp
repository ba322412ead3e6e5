/// The registry's entries: one line per flow, target, cloud, integrator, backend, diagnostic.
#include <algorithm>

#include "diagnostics/diffusion_diagnostics.h"
#include "diagnostics/field_diagnostics.h"
#include "diagnostics/fisher_diagnostics.h"
#include "diagnostics/kde_diagnostics.h"
#include "diagnostics/laplace_decomposition_diagnostics.h"
#include "diagnostics/mixture_diagnostics.h"
#include "diagnostics/sample_distance_diagnostics.h"
#include "diagnostics/step_diagnostics.h"
#include "diagnostics/velocity_diagnostics.h"
#include "evaluators/auto_backend.h"
#include "evaluators/direct_kernel_sums.h"
#include "evaluators/fft_backend.h"
#include "fields/conservative_field.h"
#include "fields/f_divergence_field.h"
#include "fields/mean_shift_field.h"
#include "fields/mmd_field.h"
#include "fields/pf_ode_field.h"
#include "fields/sharp_laplace_field.h"
#include "fields/svgd_field.h"
#include "integrators/exponential_integrator.h"
#include "integrators/integrator.h"
#include "registry/registry.h"
#include "targets/drawn_target.h"
#include "targets/image_target.h"
#include "targets/initial_clouds.h"
#include "targets/mixture_targets.h"
#include "targets/one_mode_cloud.h"
#include "targets/shape_targets.h"
#include "targets/sphere_cloud.h"
#include "targets/target.h"
#include "targets/vmf_mixture.h"

namespace driftlab {

namespace {
FlowInfo withPreset(FlowInfo info, std::string preset) {
  info.preset = std::move(preset);
  return info;
}
}  // namespace

const Registry<FlowInfo>& flows() {
  static const Registry<FlowInfo> r = [] {
    Registry<FlowInfo> r("flow");
    r.add(withPreset(conservativeFlowInfo(), "default.json"));
    r.add(withPreset(laplaceFlowInfo(), "laplace-8gaussians.json"));
    r.add(withPreset(gaussianMeanShiftFlowInfo(), "gaussian-meanshift.json"));
    r.add(withPreset(sharpLaplaceFlowInfo(), "sharp-laplace.json"));
    r.add(withPreset(mmdFlowInfo(), "mmd-8gaussians.json"));
    r.add(withPreset(fDivergenceFlowInfo(), "f-divergence-mixed.json"));
    r.add(withPreset(svgdFlowInfo(), "svgd-8gaussians.json"));
    r.add(withPreset(pfOdeFlowInfo(), "pf-ode-vp.json"));
    return r;
  }();
  return r;
}

const Registry<TargetInfo>& targets() {
  static const Registry<TargetInfo> r = [] {
    Registry<TargetInfo> r("target");
    r.add(eightGaussiansTargetInfo());
    r.add(twentyFiveGaussiansTargetInfo());
    r.add(moonsTargetInfo());
    r.add(swissrollTargetInfo());
    r.add(checkerboardTargetInfo());
    r.add(ringsTargetInfo());
    r.add(pinwheelTargetInfo());
    r.add(spiralsTargetInfo());
    r.add(bimodalTargetInfo());
    r.add(cubeCornersTargetInfo());
    r.add(swissroll3dTargetInfo());
    r.add(torusTargetInfo());
    r.add(helixTargetInfo());
    r.add(linkedRingsTargetInfo());
    r.add(sCurveTargetInfo());
    r.add(shellTargetInfo());
    r.add(isotropicGaussianTargetInfo());
    r.add(vmfMixtureTargetInfo());
    r.add(imageTargetInfo());
    r.add(drawnTargetInfo());
    return r;
  }();
  return r;
}

const Registry<InitInfo>& initialClouds() {
  static const Registry<InitInfo> r = [] {
    Registry<InitInfo> r("initial cloud");
    r.add(gaussianCloudInfo());
    r.add(uniformCloudInfo());
    r.add(collapsedCloudInfo());
    r.add(farCloudInfo());
    r.add(sphereCloudInfo());
    r.add(oneModeCloudInfo());
    return r;
  }();
  return r;
}

const Registry<IntegratorInfo>& integrators() {
  static const Registry<IntegratorInfo> r = [] {
    Registry<IntegratorInfo> r("integrator");
    r.add(eulerIntegratorInfo());
    r.add(heunIntegratorInfo());
    r.add(exponentialIntegratorInfo());
    return r;
  }();
  return r;
}

const Registry<BackendInfo>& backends() {
  static const Registry<BackendInfo> r = [] {
    Registry<BackendInfo> r("backend");
    r.add({"auto",
           "per call, direct or fft by N, M, d, kernel and grid size (id: auto:direct / "
           "auto:fft); small problems run exact",
           [] { return std::make_unique<AutoBackend>(); }});
    r.add({"direct", "exact O(N M) kernel sums (vectorised, double precision)",
           [] { return std::make_unique<DirectBackend>(); }});
    r.add({"fft",
           "Gaussian kernel sums on an FFT grid (2D/3D, spacing h/4, cubic B-splines); tails "
           "from exact sums; Laplace and other dimensions run direct",
           [] { return std::make_unique<FftBackend>(); }});
    return r;
  }();
  return r;
}

const Registry<DiagnosticInfo>& diagnostics() {
  static const Registry<DiagnosticInfo> r = [] {
    Registry<DiagnosticInfo> r("diagnostic");
    r.add(residualDiagnosticInfo());
    r.add(rootResidualDiagnosticInfo());
    r.add(centerDiagnosticInfo());
    r.add(entropyDiagnosticInfo());
    r.add(crossEntropyDiagnosticInfo());
    r.add(klDiagnosticInfo());
    r.add(klStandardErrorDiagnosticInfo());
    r.add(klPlugInDiagnosticInfo());
    r.add(selfInteractionDiagnosticInfo());
    r.add(modeCoverageDiagnosticInfo());
    r.add(highQualityFractionDiagnosticInfo());
    r.add(slicedWassersteinDiagnosticInfo());
    r.add(msPerStepDiagnosticInfo());
    r.add(effectiveEtaDiagnosticInfo());
    r.add(fisherDiagnosticInfo());
    r.add(fisherStandardErrorDiagnosticInfo());
    r.add(laplaceResidualTermDiagnosticInfo());
    r.add(laplaceResidualShareDiagnosticInfo());
    r.add(mmd2DiagnosticInfo());
    r.add(energyDiagnosticInfo());
    r.add(nonconservativeDiagnosticInfo());
    r.add(steinDiagnosticInfo());
    r.add(diffusionTimeDiagnosticInfo());
    return r;
  }();
  return r;
}

std::unique_ptr<KernelSumBackend> makeBackend(const std::string& id) {
  return backends().require(id, "backend").make();
}

bool diagnosticDue(const DiagnosticInfo& d, std::int64_t step, const Target& target,
                   const DriftField& field) {
  return step % std::max(1, d.every) == 0 && (!d.mixtureOnly || target.mixture() != nullptr) &&
         (!d.forField || d.forField(field));
}

}  // namespace driftlab

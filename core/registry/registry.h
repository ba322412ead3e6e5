#pragma once
/// The one registry of flows, targets, initial clouds, integrators, backends and
/// diagnostics. The GUI, the CLI, the scene parser and the tests all read it.
///
/// Adding a flow = one file defining `FlowInfo myFlowInfo()` + one line in builtin_registry.cpp.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/input_error.h"
#include "base/param_set.h"

namespace driftlab {

class DriftField;
class Target;
class InitialCloud;
class Integrator;
class KernelSumBackend;
class DiagnosticContext;

struct FlowInfo {
  std::string id;
  std::string description;
  std::vector<ParamSpec> params;  ///< includes "bandwidth"
  /// params: validated, with "bandwidth" already absolute (see resolveBandwidth).
  std::function<std::unique_ptr<DriftField>(const ParamSet& params)> make;
  /// Whether the flow, with these (validated) params, needs the target's exact Gaussian
  /// mixture (an exact score: svgd's score option, pf-ode); validateScene refuses other
  /// targets. Empty: never.
  std::function<bool(const ParamSet& params)> needsMixture = nullptr;
  /// The flow's preset: a scene file in resources/scenes/ that runs it on 8gaussians with
  /// parameters that work (the Examples menu, `driftlab compare`, tst_flow_presets).
  std::string preset = {};
  bool onSphere = true;  ///< allowed with `manifold: sphere` (validateScene refuses it if not)
};

struct TargetInfo {
  std::string id;
  std::string description;
  int dim = 2;  ///< 0: any dimension 1..8 (the "dim" is then passed to make)
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Target>(const ParamSet& params, int dim)> make;
};

struct InitInfo {
  std::string id;
  std::string description;
  std::vector<ParamSpec> params;
  /// target: the scene's target (clouds placed relative to it, e.g. on one of its modes).
  std::function<std::unique_ptr<InitialCloud>(const ParamSet& params, int dim,
                                              const Target& target)>
      make;
};

struct IntegratorInfo {
  std::string id;
  std::string description;
  std::function<std::unique_ptr<Integrator>()> make;
  /// Only for fields with a diffusion schedule (DriftField::diffusionSchedule: pf-ode);
  /// validateScene refuses it with other flows.
  bool needsDiffusion = false;
};

struct BackendInfo {
  std::string id;
  std::string description;
  std::function<std::unique_ptr<KernelSumBackend>()> make;
};

struct DiagnosticInfo {
  std::string id;
  std::string description;
  bool logAxis = false;  ///< plot on a log axis by default
  int every = 1;         ///< computed every k-th step (costly ones > 1)
  std::function<double(DiagnosticContext&)> compute;
  bool mixtureOnly = false;  ///< defined for Gaussian-mixture targets only
  /// Defined only for some fields (e.g. the Laplace decomposition); empty: for every field.
  std::function<bool(const DriftField&)> forField = nullptr;
};

/// Whether diagnostic d is computed at `step` for `target` and `field` (its schedule,
/// mixtureOnly and forField): rows hold NaN exactly where it is not, and a computed value
/// must be finite.
bool diagnosticDue(const DiagnosticInfo& d, std::int64_t step, const Target& target,
                   const DriftField& field);

/// An ordered list of entries with lookup by id.
template <class Info>
class Registry {
 public:
  explicit Registry(std::string kind) : m_kind(std::move(kind)) {}
  void add(Info info) { m_entries.push_back(std::move(info)); }
  const std::vector<Info>& entries() const { return m_entries; }
  const Info* find(const std::string& id) const {
    for (const auto& e : m_entries)
      if (e.id == id) return &e;
    return nullptr;
  }
  /// Like find, but throws InputError(field, "unknown <kind> 'id'", allowed ids).
  const Info& require(const std::string& id, const std::string& field) const {
    if (const Info* info = find(id)) return *info;
    throw InputError(field, "unknown " + m_kind + " '" + id + "'", idList());
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e.id);
    return out;
  }
  std::string idList() const {
    std::string s;
    for (const auto& e : m_entries) s += (s.empty() ? "" : ", ") + e.id;
    return s;
  }

 private:
  std::string m_kind;
  std::vector<Info> m_entries;
};

const Registry<FlowInfo>& flows();
const Registry<TargetInfo>& targets();
const Registry<InitInfo>& initialClouds();
const Registry<IntegratorInfo>& integrators();
const Registry<BackendInfo>& backends();
const Registry<DiagnosticInfo>& diagnostics();

}  // namespace driftlab

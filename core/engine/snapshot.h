#pragma once
/// What the engine publishes after each step: immutable, shared with the GUI thread.
#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/simulation.h"

namespace driftlab {

/// A regular grid over a box on which the engine samples the field and the KDEs for the
/// display layers (2D: nx x ny, 3D: nx x ny x nz; x varies fastest).
struct GridRequest {
  bool enabled = false;
  std::vector<double> lo, hi;  ///< box corners, dim entries each
  int resolution = 48;         ///< points per axis
  int every = 1;               ///< sample every k-th step
  /// Extra quantities, each sampled only while a layer shows it. The curl needs the field's
  /// Jacobian at every point: about res^dim (N + M) d^2 kernel terms.
  bool curl = false;
  bool halves = false;         ///< attraction and repulsion (v = attraction - repulsion)
  bool decomposition = false;  ///< the Laplace decomposition (`laplace` fields only)
  bool operator==(const GridRequest&) const = default;
};

struct FieldGrid {
  std::int64_t step = -1;  ///< the step whose state was sampled
  int resolution = 0;
  std::vector<double> lo, hi;
  PointSet points;    ///< resolution^dim x dim
  PointSet velocity;  ///< the field at the points
  Vector logP, logQ;  ///< log p_h and log q_h at the points
  /// Filled only when requested (GridRequest), else empty.
  Vector curl;                     ///< 2D: J10 - J01 (scalar curl); 3D: |curl v|
  double jacobianScale = 0.0;      ///< with curl: 90th percentile of ||J||_F over the points
  PointSet attraction, repulsion;  ///< the field's two halves
  PointSet companion, residual;    ///< the Laplace decomposition's two parts
  bool conservativeField = false;  ///< the sampled field is a gradient (its curl is 0)
  /// The sampled field has the Laplace decomposition (companion and residual are filled
  /// whenever it was requested).
  bool hasDecomposition = false;
};

struct Snapshot {
  std::int64_t step = 0;
  double time = 0.0;
  SceneConfig scene;
  std::string backend;
  double bandwidth = 0.0;  ///< absolute bandwidth in use
  double effectiveEta =
      0.0;  ///< the step actually taken by the last step (eta where the step control does not bind)
  std::shared_ptr<const PointSet> particles, velocities, initial, data;
  /// Changes when particles or data were re-laid (scene change, reset, N, M), not when the
  /// data were only resampled by a step (target.resample): views re-fit on this.
  std::uint64_t layoutSerial = 0;
  DiagnosticRow diagnostics;
  std::shared_ptr<const FieldGrid> grid;
  bool running = false;
  /// The flow's own time grid is complete (pf-ode at t_min): Play stopped, steps do nothing.
  bool finished = false;
  /// The diffusion time t of a probability-flow field (pf-ode: T at step 0, t_min at the end);
  /// NaN for every other field.
  double diffusionTime = std::numeric_limits<double>::quiet_NaN();
  double stepsPerSecond = 0.0;
  std::string error;              ///< last error message (one line), empty if none
  std::uint64_t errorSerial = 0;  ///< increments with every new error
  int historySize = 0;            ///< states available to StepBack
};

namespace command {
struct ApplyScene {
  SceneConfig scene;  ///< validated
};
struct Play {};
struct Pause {};
struct StepOnce {};
struct Reset {};
/// Back one step through the history ring (pauses); an error if the ring is empty.
struct StepBack {};
struct SetMaxStepsPerSecond {
  double value = 0.0;  ///< 0: as fast as possible
};
struct SetGrid {
  GridRequest grid;
};
struct SetParticles {
  PointSet positions;  ///< N x dim, finite
};
/// Changes nothing; the engine publishes its state after it (the bridge's liveness ping).
struct Ping {};
/// true (the default): diagnostics after every step, so the curves and their CSV hold every
/// step; false: while running, only as often as keeps them at a quarter of the worker's time
/// (large N: faster stepping, sparser curves).
struct SetDiagnosticsEveryStep {
  bool value = true;
};
}  // namespace command

using Command =
    std::variant<command::ApplyScene, command::Play, command::Pause, command::StepOnce,
                 command::Reset, command::SetMaxStepsPerSecond, command::SetGrid, command::Ping,
                 command::SetParticles, command::StepBack, command::SetDiagnosticsEveryStep>;

}  // namespace driftlab

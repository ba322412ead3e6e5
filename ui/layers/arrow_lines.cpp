#include "layers/arrow_lines.h"

#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkUnsignedCharArray.h>
#include <cmath>

#include "layers/polyline_data.h"

namespace driftlab::ui {

ArrowLines::ArrowLines() {
  setUpPolylineActor(m_poly, m_mapper, m_actor);
}

void ArrowLines::set(const std::vector<float>& tails, const std::vector<float>& vectors,
                     const std::vector<unsigned char>& colors) {
  const vtkIdType n = vtkIdType(tails.size() / 3);
  vtkNew<vtkFloatArray> coords;
  coords->SetNumberOfComponents(3);
  coords->SetNumberOfTuples(4 * n);
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(4 * n);
  float* p = coords->GetPointer(0);
  unsigned char* c = rgb->GetPointer(0);
  for (vtkIdType i = 0; i < n; ++i) {
    const float* t = &tails[3 * i];
    const float* v = &vectors[3 * i];
    const float len = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    // A unit vector perpendicular to v: in the xy plane when possible (the 2D case).
    float q[3] = {-v[1], v[0], 0.0f};
    float ql = std::sqrt(q[0] * q[0] + q[1] * q[1]);
    if (ql < 1e-6f * (len + 1e-30f)) {
      q[0] = 0.0f;
      q[1] = -v[2];
      q[2] = v[1];
      ql = std::sqrt(q[1] * q[1] + q[2] * q[2]);
    }
    const float s = ql > 0 ? 0.12f * len / ql : 0.0f;
    float* o = p + 12 * i;
    for (int k = 0; k < 3; ++k) {
      const float tip = t[k] + v[k];
      o[k] = t[k];
      o[3 + k] = tip;
      o[6 + k] = tip - 0.28f * v[k] + s * q[k];
      o[9 + k] = tip - 0.28f * v[k] - s * q[k];
    }
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 3; ++k) c[12 * i + 3 * j + k] = colors[3 * i + k];
  }
  vtkNew<vtkIdTypeArray> offsets, connectivity;
  offsets->SetNumberOfValues(3 * n + 1);
  connectivity->SetNumberOfValues(6 * n);
  for (vtkIdType i = 0; i < n; ++i) {
    const vtkIdType base = 4 * i;
    const vtkIdType seg[6] = {base, base + 1, base + 1, base + 2, base + 1, base + 3};
    for (int j = 0; j < 6; ++j) connectivity->SetValue(6 * i + j, seg[j]);
    for (int j = 0; j < 3; ++j) offsets->SetValue(3 * i + j, 6 * i + 2 * j);
  }
  offsets->SetValue(3 * n, 6 * n);
  setPolylines(m_poly, coords, offsets, connectivity, rgb);
}

}  // namespace driftlab::ui

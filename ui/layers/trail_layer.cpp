#include "layers/trail_layer.h"

#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkUnsignedCharArray.h>
#include <algorithm>

#include "layers/color_maps.h"
#include "layers/polyline_data.h"

namespace driftlab::ui {

TrailLayer::TrailLayer() : Layer("trails", QStringLiteral("Trails"), QKeySequence("T"), -1.0) {
  setUpPolylineActor(m_poly, m_mapper, m_actor);
  addProp(m_actor);
  setEnabled(false);
}

void TrailLayer::setLength(int k) {
  k = std::clamp(k, 2, 500);
  if (k == m_length) return;
  m_length = k;
  clear();
}

void TrailLayer::clear() {
  m_filled = 0;
  m_head = 0;
  m_particleCount = -1;
  m_lastStep = -1;
}

std::optional<ColorLegend> TrailLayer::legend() const {
  if (m_filled < 2) return std::nullopt;
  return ColorLegend{QStringLiteral("trail: steps before now"), ColorMap::trail(),
                     -double(m_filled - 1), 0.0};
}

void TrailLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  if (!snapshot.particles) return;
  const PointSet& X = *snapshot.particles;
  if (X.rows() != m_particleCount || snapshot.step < m_lastStep) clear();
  if (m_particleCount < 0) {
    m_particleCount = X.rows();
    m_stride = std::max<Eigen::Index>(1, (X.rows() + kMaxTracked - 1) / kMaxTracked);
    m_tracked = int((X.rows() + m_stride - 1) / m_stride);
    m_ring.assign(std::size_t(m_length) * m_tracked * 3, 0.0f);
  }
  if (snapshot.step == m_lastStep) return;
  m_lastStep = snapshot.step;
  const int d = std::min<int>(int(X.cols()), 3);
  float* slot = m_ring.data() + std::size_t(m_head) * m_tracked * 3;
  for (int j = 0; j < m_tracked; ++j)
    for (int k = 0; k < 3; ++k) slot[3 * j + k] = k < d ? float(X(j * m_stride, k)) : 0.0f;
  m_head = (m_head + 1) % m_length;
  m_filled = std::min(m_filled + 1, m_length);
  rebuild();
}

void TrailLayer::rebuild() {
  const int m = m_filled;
  const vtkIdType total = vtkIdType(m) * m_tracked;
  vtkNew<vtkFloatArray> coords;
  coords->SetNumberOfComponents(3);
  coords->SetNumberOfTuples(total);
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(total);
  float* p = coords->GetPointer(0);
  unsigned char* c = rgb->GetPointer(0);
  const int oldest = (m_head - m + m_length) % m_length;
  for (int j = 0; j < m_tracked; ++j)
    for (int a = 0; a < m; ++a) {
      const int frameIndex = (oldest + a) % m_length;
      const float* src = m_ring.data() + (std::size_t(frameIndex) * m_tracked + j) * 3;
      const vtkIdType out = vtkIdType(j) * m + a;
      std::copy(src, src + 3, p + 3 * out);
      // Fade from the background (oldest) to a pale blue (newest): ColorMap::trail().
      const float t = float(a + 1) / float(m);
      c[3 * out] = static_cast<unsigned char>(22 + t * (150 - 22));
      c[3 * out + 1] = static_cast<unsigned char>(24 + t * (190 - 24));
      c[3 * out + 2] = static_cast<unsigned char>(30 + t * (235 - 30));
    }
  vtkNew<vtkIdTypeArray> offsets, connectivity;
  offsets->SetNumberOfValues(m_tracked + 1);
  connectivity->SetNumberOfValues(total);
  for (vtkIdType i = 0; i < total; ++i) connectivity->SetValue(i, i);
  for (int j = 0; j <= m_tracked; ++j) offsets->SetValue(j, vtkIdType(j) * m);
  setPolylines(m_poly, coords, offsets, connectivity, rgb);
}

}  // namespace driftlab::ui

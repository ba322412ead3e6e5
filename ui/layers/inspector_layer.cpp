#include "layers/inspector_layer.h"

#include <vtkPropCollection.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "layers/point_geometry.h"

namespace driftlab::ui {

namespace {
constexpr double kDataSize = 8.0, kParticleSize = 5.0, kMarkerSize = 14.0;  ///< logical px
/// The longest arrow spans this share of the data's bounding-box diagonal.
constexpr double kArrowShare = 0.25;

/// The density ramp without its darkest sixth (the background colour).
const ColorMap& weightMap() {
  static const ColorMap m = [] {
    std::vector<Rgb> stops;
    for (int k = 0; k <= 8; ++k) stops.push_back(ColorMap::density().at(0.15 + 0.85 * k / 8.0));
    return ColorMap(stops);
  }();
  return m;
}
}  // namespace

const std::array<std::array<unsigned char, 3>, InspectorLayer::kMaxArrows>&
InspectorLayer::arrowColors() {
  static const std::array<std::array<unsigned char, 3>, kMaxArrows> c{
      {{90, 220, 120}, {255, 110, 90}, {255, 255, 255}, {90, 200, 255}, {230, 120, 255}}};
  return c;
}

const std::array<const char*, InspectorLayer::kMaxArrows>& InspectorLayer::arrowNames() {
  static const std::array<const char*, kMaxArrows> n{{"V+", "V-", "V", "V#", "Vres"}};
  return n;
}

InspectorLayer::InspectorLayer()
    : Layer("inspector", QStringLiteral("Inspector (weights, V+, V-, V at the picked point)"),
            QKeySequence("K"), 2.0),
      m_data(kDataSize),
      m_particles(kParticleSize),
      m_marker(kMarkerSize) {
  addProp(m_data.actor());
  addProp(m_particles.actor());
  addProp(m_arrows.actor());
  addProp(m_marker.actor());
  for (int i = 0; i < kMaxArrows; ++i) {
    vtkTextProperty* text = m_labels[i]->GetTextProperty();
    const auto& c = arrowColors()[i];
    text->SetColor(c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
    text->SetFontSize(14);
    text->SetBold(true);
    text->SetBackgroundColor(0.05, 0.06, 0.08);
    text->SetBackgroundOpacity(0.55);
    m_labels[i]->SetInput(arrowNames()[i]);
    m_labels[i]->PickableOff();
    addProp(m_labels[i]);
  }
  setEnabled(false);
  clearInspection();
}

InspectorLayer::~InspectorLayer() = default;

void InspectorLayer::pixelRatioChanged() {
  m_data.setSize(kDataSize * pixelRatio());
  m_particles.setSize(kParticleSize * pixelRatio());
  m_marker.setSize(kMarkerSize * pixelRatio());
  for (auto& label : m_labels) label->GetTextProperty()->SetFontSize(int(14 * pixelRatio()));
  // A billboard reports its inner quad actor to vtkRenderer::GetActors: scale it like ours.
  vtkNew<vtkPropCollection> inner;
  for (auto& label : m_labels) label->GetActors(inner);
  inner->InitTraversal();
  while (vtkProp* prop = inner->GetNextProp())
    if (auto* actor = vtkActor::SafeDownCast(prop))
      actor->GetProperty()->SetLineWidth(float(pixelRatio()));
}

void InspectorLayer::clearInspection() {
  m_has = false;
  m_arrowScale = 0.0;
  m_labelCount = 0;
  const PointSet none(0, 3);
  m_data.setPositions(none);
  m_particles.setPositions(none);
  m_marker.setPositions(none);
  m_arrows.set({}, {}, {});
  placeLabels();
}

void InspectorLayer::drawCentres(SpriteCloud& cloud, const Vector& weights, const PointSet& points,
                                 double maxWeight) {
  // Light centres first, so that the heavy ones are drawn on top.
  std::vector<Eigen::Index> shown;
  const double floor = maxWeight * std::pow(10.0, -kDecades);
  for (Eigen::Index j = 0; j < std::min(weights.size(), points.rows()); ++j)
    if (weights[j] > 0.0 && weights[j] >= floor) shown.push_back(j);
  const auto lighter = [&](Eigen::Index a, Eigen::Index b) { return weights[a] < weights[b]; };
  if (Eigen::Index(shown.size()) > kMaxDrawn) {  // software OpenGL pays per point: the heaviest
    std::nth_element(shown.begin(), shown.end() - kMaxDrawn, shown.end(), lighter);
    shown.erase(shown.begin(), shown.end() - kMaxDrawn);
  }
  std::sort(shown.begin(), shown.end(), lighter);
  PointSet at(Eigen::Index(shown.size()), points.cols());
  for (size_t i = 0; i < shown.size(); ++i) at.row(Eigen::Index(i)) = points.row(shown[i]);
  cloud.setPositions(at);
  unsigned char* c = cloud.colorBuffer();
  for (size_t i = 0; i < shown.size(); ++i) {
    const double t = 1.0 + std::log10(weights[shown[i]] / maxWeight) / kDecades;
    const Rgb rgb = weightMap().at(t);
    for (int k = 0; k < 3; ++k) c[3 * i + k] = (unsigned char)(255.0f * rgb[k] + 0.5f);
  }
  cloud.colorsChanged();
}

void InspectorLayer::drawArrows(const PointInspection& r, double extent) {
  std::vector<const Eigen::RowVectorXd*> vectors{&r.vPlus, &r.vMinus, &r.v};
  if (r.hasSharpParts) vectors.insert(vectors.end(), {&r.sharpCompanion, &r.sharpResidual});
  double longest = 0.0;
  for (const auto* v : vectors) longest = std::max(longest, v->norm());
  m_arrowScale = kArrowShare * extent;
  const double scale = longest > 0 ? m_arrowScale / longest : 0.0;
  const int d = std::min<int>(int(r.point.size()), 3);
  std::vector<float> tails, vecs;
  std::vector<unsigned char> colors;
  m_labelCount = int(vectors.size());
  for (int i = 0; i < m_labelCount; ++i) {
    for (int k = 0; k < 3; ++k) {
      const double vk = k < d ? scale * (*vectors[i])[k] : 0.0;
      const double tk = k < d ? r.point[k] : 0.0;
      tails.push_back(float(tk));
      vecs.push_back(float(vk));
      m_labelAt[i][k] = tk + 1.06 * vk;
    }
    colors.insert(colors.end(), arrowColors()[i].begin(), arrowColors()[i].end());
  }
  m_arrows.set(tails, vecs, colors);
  // Labels of nearly equal arrows (V and V# for laplace, short ones at the point) would cover
  // each other: move a label down (screen y in 2D, z in 3D) until it is clear of the others.
  const double gap = 0.045 * extent;
  const int down = d == 3 ? 2 : 1;
  for (int i = 1; i < m_labelCount; ++i)
    for (int tries = 0; tries < kMaxArrows; ++tries) {
      bool clash = false;
      for (int j = 0; j < i; ++j) {
        double dist2 = 0.0;
        for (int k = 0; k < 3; ++k)
          dist2 += (m_labelAt[i][k] - m_labelAt[j][k]) * (m_labelAt[i][k] - m_labelAt[j][k]);
        clash = clash || dist2 < gap * gap;
      }
      if (!clash) break;
      m_labelAt[i][down] -= gap;
    }
}

void InspectorLayer::setInspection(const PointInspection& r, const PointSet& data,
                                   const PointSet& particles) {
  m_has = true;
  PointSet point = r.point;
  m_marker.setPositions(point);
  m_marker.fillColor(255, 255, 255);
  if (!r.available) {
    const PointSet none(0, 3);
    m_data.setPositions(none);
    m_particles.setPositions(none);
    m_arrows.set({}, {}, {});
    m_labelCount = 0;
    m_arrowScale = 0.0;
  } else {
    // Each side's heaviest centre is the top of its own ramp: each side sums to 1 separately.
    drawCentres(m_data, r.dataWeights, data, r.dataWeights.size() ? r.dataWeights.maxCoeff() : 0);
    drawCentres(m_particles, r.particleWeights, particles,
                r.particleWeights.size() ? r.particleWeights.maxCoeff() : 0);
    double b[6];
    pointBounds(data, b);
    const double extent = std::sqrt((b[1] - b[0]) * (b[1] - b[0]) + (b[3] - b[2]) * (b[3] - b[2]) +
                                    (b[5] - b[4]) * (b[5] - b[4]));
    drawArrows(r, std::max(extent, 1e-9));
  }
  placeLabels();
}

void InspectorLayer::placeLabels() {
  // Layer::applyVisibility moves every prop to the layer's z offset: put the labels back.
  const double z = dim() == 2 ? 0.01 * 2.5 : 0.0;
  for (int i = 0; i < kMaxArrows; ++i) {
    const bool on = isShown() && i < m_labelCount;
    m_labels[i]->SetVisibility(on);
    if (on) m_labels[i]->SetPosition(m_labelAt[i][0], m_labelAt[i][1], m_labelAt[i][2] + z);
  }
}

void InspectorLayer::update(const Snapshot&, const LayerFrame&) {
  // The Inspector recomputes and calls setInspection for each snapshot; only re-place labels.
  placeLabels();
}

std::optional<ColorLegend> InspectorLayer::legend() const {
  if (!m_has || m_labelCount == 0) return std::nullopt;
  return ColorLegend{QStringLiteral("kernel weight, log10(w / w_max)"), weightMap(), -kDecades,
                     0.0};
}

}  // namespace driftlab::ui

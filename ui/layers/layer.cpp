#include "layers/layer.h"

#include <vtkActor.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

namespace driftlab::ui {

Layer::Layer(QString id, QString title, QKeySequence shortcut, double zOrder)
    : m_id(std::move(id)),
      m_title(std::move(title)),
      m_shortcut(std::move(shortcut)),
      m_zOrder(zOrder) {}

Layer::~Layer() = default;

void Layer::attach(vtkRenderer* renderer) {
  for (auto& prop : m_props) renderer->AddViewProp(prop);
}

void Layer::addProp(vtkProp3D* prop) {
  m_props.emplace_back(prop);
  applyVisibility();
}

void Layer::setPixelRatio(double ratio) {
  if (ratio <= 0 || ratio == m_pixelRatio) return;
  m_pixelRatio = ratio;
  for (auto& prop : m_props)
    if (auto* actor = vtkActor::SafeDownCast(prop))
      actor->GetProperty()->SetLineWidth(float(ratio));
  pixelRatioChanged();
}

void Layer::setEnabled(bool enabled) {
  m_enabled = enabled;
  applyVisibility();
}

void Layer::setDim(int dim) {
  m_dim = dim;
  applyVisibility();
}

void Layer::setOnSphere(bool onSphere) {
  m_onSphere = onSphere;
  applyVisibility();
}

void Layer::applyVisibility() {
  // In 2D everything lies in z = 0; a small z offset per layer fixes the drawing order.
  const double z = m_dim == 2 ? 0.01 * m_zOrder : 0.0;
  for (auto& prop : m_props) {
    prop->SetVisibility(isShown());
    prop->SetPosition(0.0, 0.0, z);
  }
}

}  // namespace driftlab::ui

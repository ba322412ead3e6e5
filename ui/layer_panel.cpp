#include "layer_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include "controls/number_field.h"
#include "controls/wheel_guard.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"
#include "layers/trail_layer.h"

namespace driftlab::ui {

LayerPanel::LayerPanel(LayerStack* stack, QWidget* parent) : QWidget(parent), m_stack(stack) {
  auto* layout = new QVBoxLayout(this);
  auto* layersBox = new QGroupBox(tr("Layers"), this);
  auto* layersLayout = new QVBoxLayout(layersBox);
  for (const auto& l : m_stack->layers()) {
    auto* box = new QCheckBox(
        QString("%1  (%2)").arg(l->title(), l->shortcut().toString(QKeySequence::NativeText)),
        layersBox);
    box->setObjectName("layer." + l->id());
    const QString id = l->id();
    connect(box, &QCheckBox::toggled, this,
            [this, id](bool on) { m_stack->setLayerEnabled(id, on); });
    layersLayout->addWidget(box);
    m_boxes[id] = box;
  }
  layout->addWidget(layersBox);

  auto* optionsBox = new QGroupBox(tr("Display"), this);
  auto* form = new QFormLayout(optionsBox);
  m_color = new QComboBox(optionsBox);
  m_color->setObjectName("display.particle_color");
  m_color->addItems({tr("speed |v|"), tr("initial position")});
  form->addRow(tr("particle colour"), m_color);
  m_size = new QSlider(Qt::Horizontal, optionsBox);
  m_size->setObjectName("display.particle_size");
  m_size->setRange(1, 20);
  form->addRow(tr("particle size"), m_size);
  m_quantity = new QComboBox(optionsBox);
  m_quantity->setObjectName("display.density");
  m_quantity->addItem(tr("p_h - q_h"), int(DensityQuantity::kDifference));
  m_quantity->addItem(tr("p_h (data KDE)"), int(DensityQuantity::kP));
  m_quantity->addItem(tr("q_h (particle KDE)"), int(DensityQuantity::kQ));
  m_quantity->setToolTip(tr("What the heatmap, contours, isosurface and slice show"));
  form->addRow(tr("density"), m_quantity);
  m_drawAll = new QCheckBox(tr("draw every particle (no subsampling)"), optionsBox);
  m_drawAll->setObjectName("display.draw_all");
  form->addRow(m_drawAll);
  m_trail = new NumberField(NumberField::Kind::kInteger, optionsBox);
  m_trail->setObjectName("display.trail_length");
  m_trail->setRange(2, 500);
  form->addRow(tr("trail length K"), m_trail);
  auto* resetCamera = new QPushButton(tr("Reset camera"), optionsBox);
  form->addRow(resetCamera);
  layout->addWidget(optionsBox);
  layout->addStretch(1);

  connect(m_color, &QComboBox::currentIndexChanged, this, [this](int i) {
    m_stack->particles()->setColorMode(i == 0 ? ParticleLayer::ColorMode::kSpeed
                                              : ParticleLayer::ColorMode::kInitialPosition);
    m_stack->refresh();
  });
  connect(m_size, &QSlider::valueChanged, this, [this](int v) {
    m_stack->particles()->setPointSize(v);
    m_stack->refresh();
  });
  connect(m_quantity, &QComboBox::currentIndexChanged, this, [this](int) {
    m_stack->setQuantity(DensityQuantity(m_quantity->currentData().toInt()));
  });
  connect(m_drawAll, &QCheckBox::toggled, this, [this](bool all) {
    m_stack->particles()->setDrawAll(all);
    m_stack->refresh();
  });
  connect(m_trail, &NumberField::rejected, this, &LayerPanel::inputError);
  connect(m_trail, &NumberField::valueEdited, this, [this](double k) {
    m_stack->trails()->setLength(int(k));
    m_stack->refresh();
  });
  connect(resetCamera, &QPushButton::clicked, m_stack, &LayerStack::resetCamera);
  connect(m_stack, &LayerStack::layerToggled, this, [this](const QString& id, bool on) {
    if (auto it = m_boxes.find(id); it != m_boxes.end()) {
      const QSignalBlocker block(it->second);
      it->second->setChecked(on);
    }
  });
  connect(m_stack, &LayerStack::settingsChanged, this, &LayerPanel::syncFromStack);
  // On the sphere the grid layers (sampled on a box of R^3) are hidden: greyed out, saying why.
  connect(m_stack, &LayerStack::sphereChanged, this, [this](bool onSphere) {
    for (auto& [id, box] : m_boxes) {
      const bool off = onSphere && !m_stack->layer(id)->supportsSphere();
      box->setEnabled(!off);
      box->setToolTip(off ? tr("Not shown on the sphere: this layer samples the field or the "
                               "densities on a grid of R^3, off the sphere")
                          : QString());
    }
  });
  syncFromStack();
  WheelGuard::protect(this);
}

void LayerPanel::syncFromStack() {
  for (auto& [id, box] : m_boxes) {
    const QSignalBlocker block(box);
    box->setChecked(m_stack->layer(id)->isEnabled());
  }
  const QSignalBlocker b1(m_color), b2(m_size), b3(m_quantity), b4(m_trail), b5(m_drawAll);
  m_drawAll->setChecked(m_stack->particles()->drawAll());
  m_color->setCurrentIndex(
      m_stack->particles()->colorMode() == ParticleLayer::ColorMode::kSpeed ? 0 : 1);
  m_size->setValue(int(m_stack->particles()->pointSize()));
  m_quantity->setCurrentIndex(m_quantity->findData(int(m_stack->quantity())));
  m_trail->setValue(m_stack->trails()->length());
}

}  // namespace driftlab::ui

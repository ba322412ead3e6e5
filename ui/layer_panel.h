#pragma once
/// LayerPanel: the "Display" tab: a check box per layer (kept in sync with the View menu's
/// actions through LayerStack), particle colouring and size, the KDE quantity shown by the
/// density layers, the trail length, and a camera reset.
#include <QWidget>
#include <map>

class QCheckBox;
class QComboBox;
class QSlider;

namespace driftlab::ui {

class LayerStack;
class NumberField;

class LayerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LayerPanel(LayerStack* stack, QWidget* parent = nullptr);
  /// Shows the stack's current settings.
  void syncFromStack();

 signals:
  /// A rejected entry ("<field>: ...; allowed: ...").
  void inputError(const QString& message);

 private:
  LayerStack* m_stack;
  std::map<QString, QCheckBox*> m_boxes;
  QComboBox *m_color, *m_quantity;
  QSlider* m_size;
  NumberField* m_trail;
  QCheckBox* m_drawAll;
};

}  // namespace driftlab::ui

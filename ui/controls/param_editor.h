#pragma once
/// ParamEditor: form rows built from a registry entry's ParamSpecs (number, integer, choice,
/// flag, vector, text, points), so that new flows, targets and clouds get controls without GUI
/// changes. Text is a line edit (file paths add "Browse..." for PNGs: "<name>.browse"); point
/// lists show their count (the Draw target tool paints them).
/// Log-scale numbers get a LogSliderField. Widgets are named "<prefix>.<key>".
#include <QWidget>
#include <map>
#include <vector>

#include "base/param_set.h"

class QFormLayout;

namespace driftlab::ui {

class ParamEditor : public QWidget {
  Q_OBJECT
 public:
  ParamEditor(const std::vector<ParamSpec>& specs, const QString& prefix,
              QWidget* parent = nullptr);

  /// Shows `values` (keys missing from it show the spec's default) without emitting edited.
  void setValues(const ParamSet& values);
  /// The values shown, one per spec. Vector fields that do not parse are reported through
  /// `error` (if given) and left out, so that the core's default applies.
  ParamSet values(QString* error = nullptr) const;
  const std::vector<ParamSpec>& specs() const { return m_specs; }

 signals:
  /// The user changed a value.
  void edited();
  /// The user typed something unreadable ("<prefix>.<key>: ...; allowed: ...").
  void rejected(const QString& message);

 private:
  QWidget* makeEditor(const ParamSpec& spec);

  std::vector<ParamSpec> m_specs;
  QString m_prefix;
  std::map<std::string, QWidget*> m_editors;
  std::map<std::string, std::vector<double>> m_points;  ///< kPoints values shown
};

/// Formats a vector parameter as "1, 2.5".
QString formatVector(const std::vector<double>& v);
/// Parses "1, 2.5" (commas or spaces); returns false on bad text.
bool parseVector(const QString& text, std::vector<double>& out);

}  // namespace driftlab::ui

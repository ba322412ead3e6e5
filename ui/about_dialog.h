#pragma once
/// AboutDialog: DriftLab's version, the libraries it is built on with their versions and
/// licences, and the papers behind the flows and diagnostics (SPEC.md's seeds).
#include <QDialog>

namespace driftlab::ui {

class AboutDialog : public QDialog {
  Q_OBJECT
 public:
  explicit AboutDialog(QWidget* parent = nullptr);
  /// The dialog's text (HTML).
  static QString html();
};

}  // namespace driftlab::ui

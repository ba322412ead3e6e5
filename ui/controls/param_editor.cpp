#include "controls/param_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <cmath>

#include "controls/log_slider_field.h"
#include "controls/number_field.h"

namespace driftlab::ui {

namespace {

double finiteOr(double v, double fallback) {
  return std::isfinite(v) ? v : fallback;
}

QString label(const std::string& key) {
  QString s = QString::fromStdString(key);
  s.replace('_', ' ');
  return s;
}

}  // namespace

QString formatVector(const std::vector<double>& v) {
  QStringList parts;
  for (double x : v) parts << QString::number(x, 'g', 6);
  return parts.join(", ");
}

bool parseVector(const QString& text, std::vector<double>& out) {
  out.clear();
  const QStringList parts = text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts);
  for (const QString& p : parts) {
    bool ok = false;
    const double x = p.toDouble(&ok);
    if (!ok) return false;
    out.push_back(x);
  }
  return true;
}

ParamEditor::ParamEditor(const std::vector<ParamSpec>& specs, const QString& prefix,
                         QWidget* parent)
    : QWidget(parent), m_specs(specs), m_prefix(prefix) {
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  for (const ParamSpec& spec : m_specs) {
    QWidget* editor = makeEditor(spec);
    editor->setObjectName(m_prefix + "." + QString::fromStdString(spec.key));
    const QString tip = QString::fromStdString(spec.help + " (allowed: " + spec.allowed() + ")");
    editor->setToolTip(tip);
    m_editors[spec.key] = editor;
    if (spec.kind == ParamKind::kFlag) {
      form->addRow(QString(), editor);
    } else {
      form->addRow(label(spec.key), editor);
      form->labelForField(editor)->setToolTip(tip);
    }
    // Inert keys (accepted by scene files, no effect on this flow) keep their value but no
    // control: a control that does nothing would mislead.
    form->setRowVisible(editor, !spec.inert);
  }
  ParamSet defaults;
  setValues(defaults);
}

QWidget* ParamEditor::makeEditor(const ParamSpec& spec) {
  switch (spec.kind) {
    case ParamKind::kNumber: {
      if (spec.logScale) {
        const double low = std::max(spec.min > 0 ? spec.min : 1e-3, 1e-3);
        const double high = std::min(finiteOr(spec.max, 100.0), 100.0);
        auto* w = new LogSliderField(low, std::max(high, low * 10), this);
        connect(w, &LogSliderField::valueEdited, this, &ParamEditor::edited);
        connect(w, &LogSliderField::rejected, this, &ParamEditor::rejected);
        return w;
      }
      // A number field, not a spin box: spin boxes refuse "1e-3" and clamp silently.
      auto* w = new NumberField(NumberField::Kind::kReal, this);
      w->setSingleStep(std::abs(spec.defaultNumber) > 0 ? std::abs(spec.defaultNumber) / 10 : 0.1);
      connect(w, &NumberField::valueEdited, this, &ParamEditor::edited);
      connect(w, &NumberField::rejected, this, &ParamEditor::rejected);
      return w;
    }
    case ParamKind::kInteger: {
      auto* w = new NumberField(NumberField::Kind::kInteger, this);
      connect(w, &NumberField::valueEdited, this, &ParamEditor::edited);
      connect(w, &NumberField::rejected, this, &ParamEditor::rejected);
      return w;
    }
    case ParamKind::kChoice: {
      auto* w = new QComboBox(this);
      for (const auto& c : spec.choices) w->addItem(QString::fromStdString(c));
      connect(w, &QComboBox::currentIndexChanged, this, &ParamEditor::edited);
      return w;
    }
    case ParamKind::kFlag: {
      auto* w = new QCheckBox(label(spec.key), this);
      connect(w, &QCheckBox::toggled, this, &ParamEditor::edited);
      return w;
    }
    case ParamKind::kText: {
      auto* w = new QWidget(this);
      auto* row = new QHBoxLayout(w);
      row->setContentsMargins(0, 0, 0, 0);
      auto* line = new QLineEdit(w);
      line->setObjectName(m_prefix + "." + QString::fromStdString(spec.key) + ".text");
      row->addWidget(line, 1);
      connect(line, &QLineEdit::editingFinished, this, [this, line] {
        if (line->isModified()) {
          line->setModified(false);
          emit edited();
        }
      });
      if (spec.isPath) {
        auto* browse = new QPushButton(tr("Browse..."), w);
        browse->setObjectName(m_prefix + "." + QString::fromStdString(spec.key) + ".browse");
        row->addWidget(browse);
        connect(browse, &QPushButton::clicked, this, [this, line] {
          const QFileInfo current(line->text());
          const QString path = QFileDialog::getOpenFileName(
              this, tr("Choose a PNG image"), current.exists() ? current.absolutePath() : QString(),
              tr("PNG images (*.png)"));
          if (path.isEmpty()) return;
          line->setText(path);
          emit edited();
        });
      }
      return w;
    }
    case ParamKind::kPoints:
      return new QLabel(this);
    case ParamKind::kVector:
    default: {
      auto* w = new QLineEdit(this);
      w->setPlaceholderText("default");
      connect(w, &QLineEdit::editingFinished, this, [this, w] {
        if (w->isModified()) {
          w->setModified(false);
          emit edited();
        }
      });
      return w;
    }
  }
}

void ParamEditor::setValues(const ParamSet& values) {
  for (const ParamSpec& spec : m_specs) {
    QWidget* editor = m_editors.at(spec.key);
    const QSignalBlocker block(editor);
    const bool has = values.has(spec.key);
    switch (spec.kind) {
      case ParamKind::kNumber: {
        const double v = has ? values.number(spec.key) : spec.defaultNumber;
        if (auto* f = qobject_cast<LogSliderField*>(editor))
          f->setValue(v);
        else
          static_cast<NumberField*>(editor)->setValue(v);
        break;
      }
      case ParamKind::kInteger:
        static_cast<NumberField*>(editor)->setValue(
            std::round(has ? values.number(spec.key) : spec.defaultNumber));
        break;
      case ParamKind::kChoice: {
        auto* combo = static_cast<QComboBox*>(editor);
        combo->setCurrentText(
            QString::fromStdString(has ? values.choice(spec.key) : spec.defaultChoice));
        break;
      }
      case ParamKind::kFlag:
        static_cast<QCheckBox*>(editor)->setChecked(has ? values.flag(spec.key) : spec.defaultFlag);
        break;
      case ParamKind::kVector: {
        auto* line = static_cast<QLineEdit*>(editor);
        line->setText(formatVector(has ? values.vector(spec.key) : spec.defaultVector));
        line->setModified(false);
        break;
      }
      case ParamKind::kText: {
        auto* line = editor->findChild<QLineEdit*>();
        const QSignalBlocker blockLine(line);
        line->setText(QString::fromStdString(has ? values.text(spec.key) : spec.defaultText));
        line->setModified(false);
        break;
      }
      case ParamKind::kPoints: {
        m_points[spec.key] = has ? values.points(spec.key) : spec.defaultVector;
        const std::size_t width = static_cast<std::size_t>(std::max(1, spec.pointWidth));
        static_cast<QLabel*>(editor)->setText(
            tr("%1 points (paint: View > Draw target)").arg(m_points[spec.key].size() / width));
        break;
      }
    }
  }
}

ParamSet ParamEditor::values(QString* error) const {
  ParamSet out;
  for (const ParamSpec& spec : m_specs) {
    QWidget* editor = m_editors.at(spec.key);
    switch (spec.kind) {
      case ParamKind::kNumber:
        if (auto* f = qobject_cast<LogSliderField*>(editor))
          out.set(spec.key, f->value());
        else
          out.set(spec.key, static_cast<NumberField*>(editor)->value());
        break;
      case ParamKind::kInteger:
        out.set(spec.key, static_cast<NumberField*>(editor)->value());
        break;
      case ParamKind::kChoice:
        out.set(spec.key, static_cast<QComboBox*>(editor)->currentText().toStdString());
        break;
      case ParamKind::kFlag:
        out.set(spec.key, static_cast<QCheckBox*>(editor)->isChecked());
        break;
      case ParamKind::kVector: {
        const QString text = static_cast<QLineEdit*>(editor)->text();
        std::vector<double> v;
        if (!parseVector(text, v)) {
          if (error)
            *error = m_prefix + "." + QString::fromStdString(spec.key) + ": cannot read '" + text +
                     "' as numbers; allowed: numbers separated by commas";
        } else if (!v.empty()) {
          out.set(spec.key, v);
        }
        break;
      }
      case ParamKind::kText:
        out.set(spec.key, editor->findChild<QLineEdit*>()->text().toStdString());
        break;
      case ParamKind::kPoints: {
        const auto it = m_points.find(spec.key);
        if (it != m_points.end()) out.set(spec.key, it->second);
        break;
      }
    }
  }
  return out;
}

}  // namespace driftlab::ui

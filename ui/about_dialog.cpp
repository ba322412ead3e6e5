#include "about_dialog.h"

#include <fftw3.h>
#include <vtkVersion.h>
#include <Eigen/Core>
#include <QApplication>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace driftlab::ui {

namespace {

struct Dependency {
  QString name, version, licence, use;
};

QList<Dependency> dependencies() {
  const QString eigen = QString("%1.%2.%3")
                            .arg(EIGEN_WORLD_VERSION)
                            .arg(EIGEN_MAJOR_VERSION)
                            .arg(EIGEN_MINOR_VERSION);
  const QString json = QString("%1.%2.%3")
                           .arg(NLOHMANN_JSON_VERSION_MAJOR)
                           .arg(NLOHMANN_JSON_VERSION_MINOR)
                           .arg(NLOHMANN_JSON_VERSION_PATCH);
  QString fftw = QString::fromLatin1(fftw_version);
  fftw.remove("fftw-");
#ifdef _OPENMP
  const QString openmp = QString("spec %1").arg(_OPENMP);
#else
  const QString openmp = "not enabled";
#endif
  return {
      {"Qt", qVersion(), "LGPL-3.0-only", "windows, widgets, charts"},
      {"VTK", vtkVersion::GetVTKVersion(), "BSD-3-Clause", "the 2D / 3D view"},
      {"Eigen", eigen, "MPL-2.0", "linear algebra in the core"},
      {"FFTW", fftw, "GPL-2.0-or-later (a binary linking it is distributed under the GPL)",
       "the fft backend"},
      {"nlohmann/json", json, "MIT", "scene files"},
      {"OpenMP (GCC libgomp)", openmp, "GPL-3.0 with the GCC Runtime Library Exception",
       "threads in the core"},
  };
}

struct Paper {
  QString title, reference;
};

/// The papers summarised in SPEC.md's seeds/.
QList<Paper> papers() {
  return {
      {"Finite-Particle Convergence Rates for Conservative and Non-Conservative Drifting Models",
       "arXiv:2605.22795"},
      {"A Unified View of Drifting and Score-Based Models", "arXiv:2603.07514"},
      {"Gradient Flow Drifting: Generative Modeling via Wasserstein Gradient Flows of "
       "KDE-Approximated Divergences",
       ""},
      {"Probability-flow ODE convergence in W2 under weak log-concavity", ""},
      {"Deng et al., 2026: the drifting model (displacement-based, Laplace kernel)",
       "arXiv:2602.04770"},
  };
}

QString link(const QString& reference) {
  if (!reference.startsWith("arXiv:")) return reference;
  const QString id = reference.mid(6);
  return QString("<a href=\"https://arxiv.org/abs/%1\">%2</a>").arg(id, reference);
}

}  // namespace

QString AboutDialog::html() {
  QString h =
      QString("<h2>DriftLab %1</h2>").arg(QApplication::applicationVersion().toHtmlEscaped());
  h += "<p>An interactive laboratory for <i>drifting flows</i>: particles moved by kernel "
       "velocity fields towards a toy target, with live densities, fields and the "
       "diagnostics of the convergence theory.</p>";
  h += "<h3>Built with</h3><table cellspacing=\"4\">"
       "<tr><th align=\"left\">library</th><th align=\"left\">version</th>"
       "<th align=\"left\">licence</th><th align=\"left\">used for</th></tr>";
  for (const Dependency& d : dependencies())
    h += QString("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
             .arg(d.name.toHtmlEscaped(), d.version.toHtmlEscaped(), d.licence.toHtmlEscaped(),
                  d.use.toHtmlEscaped());
  h += "</table>";  // (no recording yet: ffmpeg is not a dependency of this build)
  h += "<h3>Papers</h3><ul>";
  for (const Paper& p : papers())
    h += QString("<li>%1%2</li>")
             .arg(p.title.toHtmlEscaped(), p.reference.isEmpty() ? "" : ", " + link(p.reference));
  h += "</ul>";
  return h;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
  setObjectName("about.dialog");
  setWindowTitle(tr("About DriftLab"));
  auto* text = new QTextBrowser(this);
  text->setObjectName("about.text");
  text->setOpenExternalLinks(true);
  text->setHtml(html());
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  layout->addWidget(buttons);
  resize(640, 520);
}

}  // namespace driftlab::ui

#include "color_bars.h"

#include <vtkCellArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <algorithm>

namespace driftlab::ui {

namespace {
// Logical pixels (times the pixel ratio on screen).
constexpr double kWidth = 230, kPad = 7, kTitle = 16, kRamp = 11, kLabels = 15, kGap = 6;
constexpr double kHeight = kPad + kTitle + kRamp + kLabels + kPad;
constexpr int kFontSize = 12, kSegments = 64;

void styleText(vtkTextProperty* text, int size, bool bold) {
  text->SetFontFamilyToArial();
  text->SetFontSize(size);
  text->SetColor(0.86, 0.88, 0.92);
  text->SetBold(bold);
  text->SetShadow(false);
  text->SetBackgroundColor(0.05, 0.06, 0.08);
  text->SetBackgroundOpacity(0.6);
}

/// A quad (x0, y0)-(x1, y1) in display pixels, one colour per corner (bottom-left, bottom-right,
/// top-right, top-left) appended to `points`, `colors` and `cells`.
void addQuad(vtkPoints* points, vtkUnsignedCharArray* colors, vtkCellArray* cells, double x0,
             double y0, double x1, double y1, const std::array<Rgb, 4>& rgb) {
  const vtkIdType base = points->GetNumberOfPoints();
  const double corners[4][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  for (int k = 0; k < 4; ++k) {
    points->InsertNextPoint(corners[k][0], corners[k][1], 0.0);
    colors->InsertNextTuple3(255 * rgb[k][0], 255 * rgb[k][1], 255 * rgb[k][2]);
  }
  const vtkIdType ids[4] = {base, base + 1, base + 2, base + 3};
  cells->InsertNextCell(4, ids);
}

void setUp2D(vtkPolyData* poly, vtkPolyDataMapper2D* mapper, vtkActor2D* actor) {
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();
  actor->SetMapper(mapper);
  actor->PickableOff();
  actor->VisibilityOff();
}
}  // namespace

struct ColorBars::Bar {
  vtkNew<vtkPolyData> rampPoly;
  vtkNew<vtkPolyDataMapper2D> rampMapper;
  vtkNew<vtkActor2D> ramp;
  vtkNew<vtkTextActor> title;
  std::array<vtkNew<vtkTextActor>, 3> labels;

  explicit Bar(vtkRenderer* renderer) {
    // No backdrop quad: overlay quads at the same depth hide each other here; the texts carry
    // their own translucent background (as the caption does).
    setUp2D(rampPoly, rampMapper, ramp);
    renderer->AddViewProp(ramp);
    for (vtkTextActor* t : {title.Get(), labels[0].Get(), labels[1].Get(), labels[2].Get()}) {
      t->PickableOff();
      t->VisibilityOff();
      t->GetTextProperty()->SetVerticalJustificationToTop();
      renderer->AddViewProp(t);
    }
    labels[0]->GetTextProperty()->SetJustificationToLeft();
    labels[1]->GetTextProperty()->SetJustificationToCentered();
    labels[2]->GetTextProperty()->SetJustificationToRight();
  }

  void setVisible(bool on) {
    ramp->SetVisibility(on);
    title->SetVisibility(on);
    for (auto& l : labels) l->SetVisibility(on);
  }

  /// Lays the bar out with its top-right corner at (right, top), display pixels.
  void place(const ColorLegend& legend, double right, double top, double width, double r) {
    const double left = right - width;
    const double x0 = left + kPad * r, x1 = right - kPad * r;
    const double y1 = top - (kPad + kTitle) * r, y0 = y1 - kRamp * r;
    vtkNew<vtkPoints> rp;
    vtkNew<vtkUnsignedCharArray> rc;
    rc->SetNumberOfComponents(3);
    vtkNew<vtkCellArray> rq;
    for (int i = 0; i < kSegments; ++i) {
      const double a = double(i) / kSegments, b = double(i + 1) / kSegments;
      const Rgb ca = legend.map->at(a), cb = legend.map->at(b);
      addQuad(rp, rc, rq, x0 + a * (x1 - x0), y0, x0 + b * (x1 - x0), y1, {ca, cb, cb, ca});
    }
    rampPoly->SetPoints(rp);
    rampPoly->SetPolys(rq);
    rampPoly->GetPointData()->SetScalars(rc);

    title->SetInput(legend.title.toUtf8().constData());
    styleText(title->GetTextProperty(), int(kFontSize * r + 0.5), true);
    title->SetDisplayPosition(int(x0), int(top - kPad * r));
    const double values[3] = {legend.lo, 0.5 * (legend.lo + legend.hi), legend.hi};
    const double xs[3] = {x0, 0.5 * (x0 + x1), x1};
    for (int k = 0; k < 3; ++k) {
      labels[std::size_t(k)]->SetInput(QString::number(values[k], 'g', 3).toUtf8().constData());
      styleText(labels[std::size_t(k)]->GetTextProperty(), int((kFontSize - 1) * r + 0.5), false);
      labels[std::size_t(k)]->SetDisplayPosition(int(xs[k]), int(y0 - 2 * r));
    }
    setVisible(true);
  }
};

ColorBars::ColorBars(vtkRenderer* renderer) {
  for (int i = 0; i < kMaxBars; ++i) m_bars.push_back(std::make_unique<Bar>(renderer));
  m_notes->PickableOff();
  m_notes->VisibilityOff();
  vtkTextProperty* text = m_notes->GetTextProperty();
  styleText(text, kFontSize, false);
  text->SetJustificationToRight();
  text->SetVerticalJustificationToTop();
  text->SetBackgroundColor(0.05, 0.06, 0.08);
  text->SetBackgroundOpacity(0.65);
  renderer->AddViewProp(m_notes);
}

ColorBars::~ColorBars() = default;

QStringList ColorBars::labels(int i) const {
  QStringList out;
  for (const auto& l : m_bars[std::size_t(i)]->labels) out << QString::fromUtf8(l->GetInput());
  return out;
}

void ColorBars::show(const std::vector<ColorLegend>& legends, int width, int height,
                     double pixelRatio) {
  m_titles.clear();
  QStringList notes;
  std::vector<const ColorLegend*> ramps;
  for (const ColorLegend& l : legends) {
    if (m_titles.contains(l.title) || notes.contains(l.title)) continue;
    if (!l.map) {
      notes << l.title;
    } else if (int(ramps.size()) < kMaxBars) {
      ramps.push_back(&l);
      m_titles << l.title;
    }
  }
  const double r = std::max(1.0, pixelRatio);
  const double margin = 10 * r, right = width - margin;
  // Narrow views get narrower bars (at most 45% of the width).
  const double barWidth = std::min(kWidth * r, 0.45 * width);
  double top = height - margin;
  for (std::size_t i = 0; i < m_bars.size(); ++i) {
    // A view too small for another bar shows fewer (the caption stays readable).
    if (i < ramps.size() && top - kHeight * r > 0.25 * height) {
      m_bars[i]->place(*ramps[i], right, top, barWidth, r);
      top -= (kHeight + kGap) * r;
    } else {
      m_bars[i]->setVisible(false);
      if (i < ramps.size()) m_titles.removeAll(ramps[i]->title);
    }
  }
  m_notes->SetVisibility(!notes.isEmpty());
  if (!notes.isEmpty()) {
    m_notes->SetInput(notes.join("\n").toUtf8().constData());
    m_notes->GetTextProperty()->SetFontSize(int(kFontSize * r + 0.5));
    m_notes->SetDisplayPosition(int(right), int(top));
  }
  m_titles << notes;
}

}  // namespace driftlab::ui

#pragma once
/// ColorBars: a colour bar for every colour scale in the view (particle speed, the KDE
/// quantity, field magnitude, trail age), stacked in the view's top-right corner, and one line
/// per colouring that is not a scale (a note). Drawn as 2D props in device pixels: the ramp a
/// strip of quads, the title and the end / middle values text. Sizes are logical pixels times
/// the view's pixel ratio, so the bars stay readable on 2x screens.
#include <vtkActor2D.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkTextActor.h>
#include <QStringList>
#include <array>
#include <memory>
#include <vector>

#include "layers/layer.h"

class vtkRenderer;

namespace driftlab::ui {

class ColorBars {
 public:
  static constexpr int kMaxBars = 4;

  explicit ColorBars(vtkRenderer* renderer);
  ~ColorBars();
  /// Shows `legends` (the first one per title) in a view of `width` x `height` device pixels.
  void show(const std::vector<ColorLegend>& legends, int width, int height, double pixelRatio);
  /// Titles of the bars shown, then the notes.
  QStringList titles() const { return m_titles; }
  /// The labels under bar i (low, middle, high), for tests.
  QStringList labels(int i) const;

 private:
  struct Bar;
  std::vector<std::unique_ptr<Bar>> m_bars;
  vtkNew<vtkTextActor> m_notes;
  QStringList m_titles;
};

}  // namespace driftlab::ui

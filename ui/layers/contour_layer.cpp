#include "layers/contour_layer.h"

#include "layers/color_maps.h"
#include "layers/density_image.h"

namespace driftlab::ui {

ContourLayer::ContourLayer()
    : DensityImageLayer("contours", QStringLiteral("KDE contour lines"), QKeySequence("C"), -4.0,
                        2) {
  m_contours->SetInputData(image());
  m_contours->ComputeScalarsOn();
  m_mapper->SetInputConnection(m_contours->GetOutputPort());
  m_mapper->SetScalarModeToUsePointData();
  addDensityActor(m_actor, m_mapper);
}

void ContourLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  if (quantity == DensityQuantity::kDifference) {
    // Symmetric levels, none at 0 (where p_h and q_h agree the picture should be quiet).
    const int half = kLevels / 2;
    m_contours->SetNumberOfContours(2 * half);
    for (int i = 0; i < half; ++i) {
      const double level = range.hi * (i + 1) / (half + 0.5);
      m_contours->SetValue(2 * i, level);
      m_contours->SetValue(2 * i + 1, -level);
    }
  } else {
    m_contours->GenerateValues(kLevels, range.hi / (kLevels + 1),
                               range.hi * kLevels / (kLevels + 1));
  }
  colorByDensity(m_mapper, densityColorMap(quantity).lightened(0.45f), range);
  m_contours->Modified();
}

}  // namespace driftlab::ui

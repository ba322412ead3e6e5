#include "layers/data_layer.h"

#include <algorithm>

namespace driftlab::ui {

DataLayer::DataLayer()
    : Layer("data", QStringLiteral("Data points"), QKeySequence("D"), -2.0), m_cloud(kSize) {
  addProp(m_cloud.actor());
}

void DataLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  // The data only change with the layout; the snapshot shares one array until then.
  if (!snapshot.data || snapshot.data == m_shown) return;
  m_shown = snapshot.data;
  const Eigen::Index m = snapshot.data->rows();
  m_cloud.setPositions(*snapshot.data, std::max<Eigen::Index>(1, (m + kMaxDrawn - 1) / kMaxDrawn));
  m_cloud.fillColor(150, 156, 168);
}

}  // namespace driftlab::ui

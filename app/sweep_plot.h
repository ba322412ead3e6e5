#pragma once
#include <string>
#include <vector>

#include "sweep/rate_sweep.h"

/// Renders a sweep's log-log plot (points, fitted line, theory slope) to a PNG with Qt.
void writeSweepPlot(const std::vector<driftlab::SweepPoint>& points, const driftlab::SlopeFit& fit,
                    const std::string& path);

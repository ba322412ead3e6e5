#pragma once
/// FrameComposer: where each part of a recorded frame goes (the view, the curves panel beside
/// or below it, the caption band, the progress bar) and the QPainter work that puts them
/// together, plus the title and end cards. Pure image code: the offline and the live recorder
/// and the render test share it.
#include <QImage>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include "scene/record_settings.h"

namespace driftlab::ui {

struct FrameLayout {
  QSize frame;
  QRect view;      ///< the 3D/2D view
  QRect curves;    ///< the curves panel (empty when not shown)
  QRect caption;   ///< the caption band along the bottom (empty when off)
  QRect progress;  ///< the progress bar along the very bottom (empty when off)
};

/// The layout of a `settings.width` x `settings.height` frame: the caption band takes the
/// bottom strip (~1/24 of the height); the curves take ~36% of the width ("right") or ~34% of
/// the height ("below") of what is left; the view the rest. Sizes of the view are even.
FrameLayout frameLayout(const RecordSettings& settings);

/// `layout` with a caption band `lines` standard bands tall (tours: a step's caption wraps over
/// up to that many lines), the height taken from the view and the curves.
FrameLayout withCaptionLines(FrameLayout layout, int lines);

/// Puts one frame together. view: scaled to layout.view if its size differs; curves: drawn at
/// layout.curves (ignored when that is empty); progress in [0, 1].
QImage composeFrame(const FrameLayout& layout, const QImage& view, const QImage& curves,
                    const QString& caption, double progress);

/// A card (title or end): dark background, `title` large and centred, `lines` below it.
QImage drawCard(QSize size, const QString& title, const QStringList& lines);

/// Colours shared by the band, the cards and the test.
inline constexpr QRgb kBandColor = 0xff1e1e24;
inline constexpr QRgb kProgressColor = 0xff3d9df2;

}  // namespace driftlab::ui

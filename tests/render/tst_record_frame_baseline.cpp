// Render regression for recorded frames (issue 15): `driftlab record` with the curves panel
// composited beside the view, a caption band and a progress bar must match a checked-in
// baseline (tolerance: tests/support/image_compare.h), and each part must sit where the frame
// layout puts it: the curves in the right 36% of the width above the caption band, the band
// along the bottom.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QtTest>

#include "image_compare.h"

using namespace driftlab::test;

namespace {

constexpr int kWidth = 640, kHeight = 360;
// frameLayout() for 640x360 with caption, progress and curves "right": the band is
// max(18, 360/24) = 18 px high; the curves panel is even(640 * 36 / 100) = 230 px wide.
const QRect kCurves(kWidth - 230, 0, 230, kHeight - 18);
const QRect kView(0, 0, kWidth - 230, kHeight - 18);
const QRect kBand(0, kHeight - 18, kWidth, 18);

/// Records the 2D baseline scene's steps 0 and 40; returns the last frame (null on failure).
QImage recordLastFrame(const QString& folder, const QStringList& extra) {
  QProcess cli;
  cli.setProcessChannelMode(QProcess::ForwardedChannels);
  cli.start(
      DRIFTLAB_CLI,
      QStringList{"record", QString(DRIFTLAB_SOURCE_DIR) + "/tests/render/scenes/baseline_2d.json",
                  "--frames", folder, "--steps", "40", "--steps-per-frame", "40", "--size",
                  QString("%1x%2").arg(kWidth).arg(kHeight), "--caption", "--progress", "--threads",
                  "2"} +
          extra);
  if (!cli.waitForFinished(150000) || cli.exitStatus() != QProcess::NormalExit ||
      cli.exitCode() != 0)
    return {};
  return QImage(folder + "/frame_000001.png");
}

}  // namespace

class TestRecordFrameBaseline : public QObject {
  Q_OBJECT
 private slots:
  void curvesCompositedBesideTheViewMatchBaseline();
};

void TestRecordFrameBaseline::curvesCompositedBesideTheViewMatchBaseline() {
  QTemporaryDir dir;
  const QImage frame = recordLastFrame(dir.filePath("with"), {"--curves"});
  const QImage bare = recordLastFrame(dir.filePath("without"), {});
  QVERIFY2(!frame.isNull() && !bare.isNull(), "driftlab record produced no frame");
  QCOMPARE(frame.size(), QSize(kWidth, kHeight));

  // Where the layout says: the curves panel has structure (axes, grid, curves) and differs
  // from the same place without curves (which shows the view); the band is the band colour.
  QVERIFY2(contrast(frame, kCurves) > 8.0, "the curves area is (nearly) uniform");
  const Comparison curvesVsView = compareImages(frame, bare, kCurves);
  QVERIFY2(
      curvesVsView.meanDifference > 10.0,
      qPrintable(
          QString("curves area equals the view's (mean %1)").arg(curvesVsView.meanDifference)));
  QCOMPARE(frame.pixel(kBand.right() - 2, kBand.top() + 2), QColor(30, 30, 36).rgb());
  QVERIFY2(contrast(frame, kView) > 8.0, "the view area is (nearly) uniform");
  // The caption and the progress bar are the same with or without curves.
  QVERIFY(compareImages(frame, bare, kBand).passes());

  const QString baseline =
      QString(DRIFTLAB_SOURCE_DIR) + "/tests/render/baselines/record_curves_right.png";
  if (qEnvironmentVariableIntValue("DRIFTLAB_UPDATE_BASELINES") == 1) {
    QVERIFY(frame.save(baseline));
    qInfo("baseline rewritten: %s", qPrintable(baseline));
    return;
  }
  const QImage expected(baseline);
  QVERIFY2(!expected.isNull(), qPrintable("missing baseline " + baseline));
  QCOMPARE(expected.size(), frame.size());
  for (const QRect& part : {QRect(), kCurves, kView, kBand}) {
    const Comparison c = compareImages(frame, expected, part);
    qInfo("region %d,%d %dx%d: %.3f%% pixels differ by > %d, mean |difference| %.3f", part.x(),
          part.y(), part.width(), part.height(), 100.0 * c.differingFraction, kChannelTolerance,
          c.meanDifference);
    if (!c.passes()) {
      const QString out = QString(DRIFTLAB_BINARY_DIR) + "/tests/render/record_curves_right";
      frame.save(out + ".actual.png");
      c.diff.save(out + ".diff.png");
      QFAIL(qPrintable("the recorded frame differs from " + baseline + "; actual: " + out +
                       ".actual.png, difference: " + out + ".diff.png"));
    }
  }
}

QTEST_GUILESS_MAIN(TestRecordFrameBaseline)
#include "tst_record_frame_baseline.moc"

// Render regression: `driftlab-gui SCENE --steps K --screenshot F --view-only --size 640x480`
// on fixed scenes (fixed seed, steps and size) must match the checked-in baseline PNGs.
//
// Tolerance: tests/support/image_compare.h (a pixel differs when a channel differs by more
// than 48; at most 1.5% of the pixels may differ and the mean absolute channel difference may
// be at most 3.0). On failure the actual image and a difference image
// are written to <build>/tests/render/ and their paths are printed.
// The presenter-mode baseline captures the whole window (`--presenter`: no docks or bars, the
// caption and step counter drawn by Qt over the view) with the same tolerance.
// The split-view baseline (issue 16) is a scene with `compare` captured the same way: both
// views side by side (conservative | laplace, same seed and data, linked cameras).
// DRIFTLAB_UPDATE_BASELINES=1 rewrites the baselines instead of comparing.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QtTest>
#include <cmath>

#include "image_compare.h"

using namespace driftlab::test;

class TestScreenshotBaseline : public QObject {
  Q_OBJECT

  /// Runs the capture; returns the image (null on failure, with the reason in the log).
  QImage capture(const QString& scene, int steps, const QString& output, bool viewOnly,
                 const QString& size = "640x480", const QStringList& extra = {}) {
    QProcess gui;
    gui.setProcessChannelMode(QProcess::ForwardedChannels);
    QStringList args{scene,    "--steps", QString::number(steps), "--screenshot", output,
                     "--size", size};
    if (viewOnly) args << "--view-only";
    args << extra;
    gui.start(DRIFTLAB_GUI, args);
    if (!gui.waitForFinished(150000)) {
      gui.kill();
      qWarning("driftlab-gui did not finish");
      return {};
    }
    if (gui.exitStatus() != QProcess::NormalExit || gui.exitCode() != 0) {
      qWarning("driftlab-gui exited with %d", gui.exitCode());
      return {};
    }
    return QImage(output);
  }

  /// presenter: the whole window in presenter mode (`--presenter`) instead of the view alone.
  void checkAgainstBaseline(const QString& name, int steps, bool presenter = false) {
    const QString scene = QString(DRIFTLAB_SOURCE_DIR) + "/tests/render/scenes/" + name + ".json";
    const QString baseline =
        QString(DRIFTLAB_SOURCE_DIR) + "/tests/render/baselines/" + name + ".png";
    const QString outDir = QString(DRIFTLAB_BINARY_DIR) + "/tests/render";
    QDir().mkpath(outDir);
    const QString actualPath = outDir + "/" + name + ".actual.png";
    QFile::remove(actualPath);
    const QImage actual = presenter
                              ? capture(scene, steps, actualPath, false, "640x480", {"--presenter"})
                              : capture(scene, steps, actualPath, true);
    QVERIFY2(!actual.isNull(), "the capture produced no image");
    QCOMPARE(actual.size(), QSize(640, 480));
    QVERIFY2(contrast(actual) > 8.0, "the captured view is (nearly) uniform");
    if (qEnvironmentVariableIntValue("DRIFTLAB_UPDATE_BASELINES") == 1) {
      QVERIFY(actual.save(baseline));
      qInfo("baseline rewritten: %s", qPrintable(baseline));
      return;
    }
    const QImage expected(baseline);
    QVERIFY2(!expected.isNull(), qPrintable("missing baseline " + baseline +
                                            " (DRIFTLAB_UPDATE_BASELINES=1 creates it)"));
    QCOMPARE(expected.size(), actual.size());
    const Comparison c = compareImages(actual, expected);
    qInfo("%s: %.3f%% pixels differ by > %d, mean |difference| %.3f", qPrintable(name),
          100.0 * c.differingFraction, kChannelTolerance, c.meanDifference);
    if (c.differingFraction > kMaxDifferingFraction || c.meanDifference > kMaxMeanDifference) {
      const QString diffPath = outDir + "/" + name + ".diff.png";
      c.diff.save(diffPath);
      QFAIL(qPrintable(QString("%1 differs from %2: %3% of pixels (limit %4%), mean %5 (limit "
                               "%6); actual image: %7, difference: %8")
                           .arg(name, baseline)
                           .arg(100.0 * c.differingFraction, 0, 'f', 3)
                           .arg(100.0 * kMaxDifferingFraction)
                           .arg(c.meanDifference, 0, 'f', 3)
                           .arg(kMaxMeanDifference)
                           .arg(actualPath, diffPath)));
    }
    QFile::remove(actualPath);
  }

 private slots:
  void twoDimensionalSceneMatchesBaseline() { checkAgainstBaseline("baseline_2d", 40); }
  void threeDimensionalSceneMatchesBaseline() { checkAgainstBaseline("baseline_3d", 30); }
  /// Presenter mode (issue 16): the view fills the window, with the caption and step counter.
  void presenterModeMatchesBaseline() { checkAgainstBaseline("presenter_2d", 40, true); }
  /// Split view (issue 16): the scene's `compare` opens the right side beside the main view.
  void splitViewMatchesBaseline() { checkAgainstBaseline("split_2d", 40, true); }
  /// Analysis layers (issue 17): the Laplace field's curl heatmap under its streamlines.
  void analysisLayersMatchBaseline() { checkAgainstBaseline("analysis_2d", 40); }

  void fullWindowCaptureHasTheRequestedSize() {
    const QString out = QString(DRIFTLAB_BINARY_DIR) + "/tests/render/window.png";
    const QImage image =
        capture(QString(DRIFTLAB_SOURCE_DIR) + "/tests/render/scenes/baseline_2d.json", 5, out,
                false, "1100x700");
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1100, 700));
    QVERIFY(contrast(image) > 8.0);
  }

  void badSceneExitsWithStatus2() {
    QProcess gui;
    gui.start(DRIFTLAB_GUI, {QString(DRIFTLAB_SOURCE_DIR) + "/no/such/scene.json", "--steps", "1",
                             "--screenshot", QString(DRIFTLAB_BINARY_DIR) + "/never.png"});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 2);
    QVERIFY(QString::fromUtf8(gui.readAllStandardError()).contains("scene"));
    QVERIFY(!QFile::exists(QString(DRIFTLAB_BINARY_DIR) + "/never.png"));
  }
};

QTEST_GUILESS_MAIN(TestScreenshotBaseline)
#include "tst_screenshot_baseline.moc"

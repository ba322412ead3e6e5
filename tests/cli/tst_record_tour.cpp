// `driftlab record TOUR.json` (issue 16): a tour recorded lockstep writes the expected frames
// (title card, one frame per step, a "wait" pause), its caption band changes exactly where the
// steps change, an MP4 of it has the frames and duration ffprobe expects, and a malformed
// tour is refused with one line naming the key path. Runs under xvfb-run in CI.
#include <QDir>
#include <QImage>
#include <QStandardPaths>
#include <QtTest>

#include "cli_process.h"

using driftlab::test::runCli;
using driftlab::test::writeScene;

namespace {

// At 4 fps: a title card of 8 frames, clock 0..12 (13 frames), a 3 s pause (12 frames) where
// the "wait" step ends, before the third step applies at clock 8.
const char* kTour = R"({"title": "Tiny", "caption": "A tiny tour",
 "scene": {"particles": 150, "target": {"name": "8gaussians", "samples": 150}, "seed": 5},
 "steps": [
  {"caption": "First: the opening state", "layers": {"data": true, "particles": true}},
  {"caption": "Second: a wider bandwidth", "at_step": 4, "change": {"flow": {"bandwidth": 0.5}},
   "advance": "wait"},
  {"caption": "Third: more particles", "at_step": 8, "change": {"particles": 300}}],
 "end_step": 12})";
constexpr int kFrames = 8 + 13 + 12;

/// The caption band: three standard bands (180 / 24 -> 18 pixels each) along the bottom.
QImage band(const QString& dir, int frame) {
  const QImage image(QDir(dir).filePath(QString("frame_%1.png").arg(frame, 6, 10, QChar('0'))));
  return image.copy(0, image.height() - 54, image.width(), 54);
}

}  // namespace

class TestRecordTour : public QObject {
  Q_OBJECT

 private slots:
  void framesFollowTheSteps() {
    QTemporaryDir dir;
    const QString tour = writeScene(dir, "tiny.json", kTour);
    const QString frames = dir.filePath("frames");
    const auto r = runCli({"record", tour, "--frames", frames, "--size", "320x180", "--fps", "4"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QDir(frames).entryList({"*.png"}).size(), kFrames);
    // frames 8-11: step 1 (clock 0-3); 12-15: step 2 (clock 4-7); 16-27: its pause; 28-32:
    // step 3 (clock 8-12).
    QVERIFY(!band(frames, 8).isNull());
    QCOMPARE(band(frames, 8), band(frames, 11));
    QVERIFY(band(frames, 11) != band(frames, 12));
    QCOMPARE(band(frames, 12), band(frames, 27));
    QVERIFY(band(frames, 27) != band(frames, 28));
    QCOMPARE(band(frames, 28), band(frames, kFrames - 1));
    // The pause repeats one frame; the run moves on either side of it.
    const auto frame = [&](int k) {
      return QImage(QDir(frames).filePath(QString("frame_%1.png").arg(k, 6, 10, QChar('0'))));
    };
    QCOMPARE(frame(16), frame(27));
    QVERIFY(frame(27) != frame(28));
  }

  void mp4HasTheFramesAndDuration() {
    if (QStandardPaths::findExecutable("ffprobe").isEmpty()) QSKIP("no ffprobe (package ffmpeg)");
    QTemporaryDir dir;
    const QString tour = writeScene(dir, "tiny.json", kTour);
    const QString out = dir.filePath("lecture.mp4");
    const auto r = runCli({"record", tour, "--out", out, "--size", "320x180", "--fps", "4"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QProcess p;
    p.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                        "stream=nb_read_frames,width,height", "-of", "csv=p=0", out});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
             QString("320,180,%1").arg(kFrames));
  }

  void malformedTourIsRefused() {
    QTemporaryDir dir;
    QString text = kTour;
    text.replace(R"("bandwidth": 0.5)", R"("bandwidth": -2)");
    const QString tour = writeScene(dir, "bad.json", text);
    const auto r = runCli({"record", tour, "--frames", dir.filePath("frames")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("driftlab record: steps[1].change.flow.bandwidth: "),
             qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(!QDir(dir.filePath("frames")).exists());
  }
};

QTEST_GUILESS_MAIN(TestRecordTour)
#include "tst_record_tour.moc"

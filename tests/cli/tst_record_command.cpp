// `driftlab record` end to end (issue 15): deterministic frames, the files ffprobe sees, the
// recorded run identical to `driftlab run`, and no file left by a cancelled, killed or refused
// recording. Runs under xvfb-run in CI (the recorder renders with OpenGL through GLX).
#include <signal.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QtTest>

#include "cli_process.h"

using driftlab::test::runCli;
using driftlab::test::writeScene;

namespace {

const char* kScene = R"({"dim": 2, "target": {"name": "8gaussians", "samples": 600},
  "particles": 400, "flow": {"name": "conservative", "bandwidth": 0.3}, "seed": 7,
  "steps": 24})";

QByteArray folderDigest(const QString& dir, int* files) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  const QStringList names = QDir(dir).entryList(QDir::Files, QDir::Name);
  *files = int(names.size());
  for (const QString& name : names) {
    QFile f(QDir(dir).filePath(name));
    f.open(QIODevice::ReadOnly);
    hash.addData(name.toUtf8());
    hash.addData(f.readAll());
  }
  return hash.result();
}

/// ffprobe's "key=value" lines for the first video stream and the container.
QMap<QString, QString> probe(const QString& file) {
  QProcess p;
  p.start("ffprobe", {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                      "stream=nb_read_frames,width,height,codec_name,pix_fmt", "-show_entries",
                      "format=duration", "-of", "default=nw=1", file});
  p.waitForFinished(120000);
  QMap<QString, QString> out;
  for (const QString& line : QString::fromUtf8(p.readAllStandardOutput()).split('\n')) {
    const int eq = line.indexOf('=');
    if (eq > 0) out[line.left(eq)] = line.mid(eq + 1).trimmed();
  }
  return out;
}

/// Files in `dir` other than `keep` (temporaries a recording must not leave).
QStringList leftovers(const QString& dir, const QStringList& keep) {
  QStringList extra;
  for (const QString& name : QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot))
    if (!keep.contains(name)) extra << name;
  return extra;
}

/// The CSV without the wall-time column (ms_per_step differs between any two runs).
QStringList withoutWallTime(const QString& path) {
  QFile f(path);
  f.open(QIODevice::ReadOnly);
  QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
  const int column = int(lines.value(0).split(',').indexOf("ms_per_step"));
  for (QString& line : lines) {
    QStringList cells = line.split(',');
    if (column >= 0 && column < cells.size()) cells.removeAt(column);
    line = cells.join(',');
  }
  return lines;
}

}  // namespace

class TestRecordCommand : public QObject {
  Q_OBJECT
 private slots:
  void pngFramesAreByteIdenticalAcrossRuns();
  void recordingLeavesTheSimulationUnchanged();
  void videoFilesHaveTheExpectedFramesSizeAndDuration_data();
  void videoFilesHaveTheExpectedFramesSizeAndDuration();
  void refusedTargetsGiveOneLineAndNoFile();
  void sigtermMidwayLeavesNoFile();
  void withoutADisplayItSaysSoInOneLine();
};

void TestRecordCommand::pngFramesAreByteIdenticalAcrossRuns() {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, "s.json", kScene);
  QByteArray digest[2];
  for (int run = 0; run < 2; ++run) {
    const QString out = dir.filePath(QString("frames%1").arg(run));
    const auto r =
        runCli({"record", scene, "--frames", out, "--steps", "20", "--steps-per-frame", "4",
                "--size", "320x180", "--curves", "--caption", "--progress", "--threads", "2"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    int files = 0;
    digest[run] = folderDigest(out, &files);
    QCOMPARE(files, 6);  // steps 0, 4, ..., 20
    QCOMPARE(QImage(out + "/frame_000000.png").size(), QSize(320, 180));
  }
  QCOMPARE(digest[0], digest[1]);
}

void TestRecordCommand::recordingLeavesTheSimulationUnchanged() {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, "s.json", kScene);
  const auto run = runCli({"run", scene, "--csv", dir.filePath("run.csv")});
  QVERIFY2(run.code == 0, qPrintable(run.err));
  const auto rec = runCli({"record", scene, "--frames", dir.filePath("f"), "--steps-per-frame", "3",
                           "--size", "160x90", "--csv", dir.filePath("record.csv")});
  QVERIFY2(rec.code == 0, qPrintable(rec.err));
  const QStringList a = withoutWallTime(dir.filePath("run.csv"));
  const QStringList b = withoutWallTime(dir.filePath("record.csv"));
  QCOMPARE(a.size(), 26);  // header + steps 0..24
  QCOMPARE(b, a);
}

void TestRecordCommand::videoFilesHaveTheExpectedFramesSizeAndDuration_data() {
  QTest::addColumn<QString>("extension");
  QTest::addColumn<QString>("codec");
  QTest::newRow("mp4") << "mp4"
                       << "h264";
  QTest::newRow("webm") << "webm"
                        << "vp9";
  QTest::newRow("gif") << "gif"
                       << "gif";
  QTest::newRow("ogv") << "ogv"
                       << "theora";
}

void TestRecordCommand::videoFilesHaveTheExpectedFramesSizeAndDuration() {
  QFETCH(QString, extension);
  QFETCH(QString, codec);
  QVERIFY2(!QStandardPaths::findExecutable("ffprobe").isEmpty(), "ffprobe (package ffmpeg)");
  QTemporaryDir dir;
  const QString scene = writeScene(dir, "s.json", kScene);
  const QString out = dir.filePath("clip." + extension);
  // 24 steps, 2 per frame: 13 frames of the run + a 2 s title card at 10 fps = 33 frames.
  // Theora stores a repeated frame as no packet at all (the Ogg granule positions carry the
  // time), so ffprobe counts the 14 distinct frames of an .ogv and the duration shows the 33.
  const auto r = runCli({"record", scene, "--out", out, "--steps-per-frame", "2", "--fps", "10",
                         "--size", "320x240", "--title", "Drifting", "--caption"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(leftovers(dir.path(), {"s.json", "clip." + extension}).isEmpty(),
           qPrintable(leftovers(dir.path(), {"s.json", "clip." + extension}).join(", ")));
  const auto info = probe(out);
  QCOMPARE(info.value("codec_name"), codec);
  QCOMPARE(info.value("width"), QString("320"));
  QCOMPARE(info.value("height"), QString("240"));
  QCOMPARE(info.value("nb_read_frames"), QString(extension == "ogv" ? "14" : "33"));
  if (extension == "mp4") QCOMPARE(info.value("pix_fmt"), QString("yuv420p"));
  const double seconds = info.value("duration").toDouble();
  QVERIFY2(std::abs(seconds - 3.3) <= 0.11, qPrintable(info.value("duration")));
}

void TestRecordCommand::refusedTargetsGiveOneLineAndNoFile() {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, "s.json", kScene);
  QFile plain(dir.filePath("plain"));
  plain.open(QIODevice::WriteOnly);
  plain.close();
  // Root ignores permission bits: a folder that is a regular file is unwritable for anyone.
  const QStringList targets{dir.filePath("missing/clip.ogv"), dir.filePath("plain/clip.ogv"),
                            dir.filePath("clip.avi")};
  for (const QString& target : targets) {
    const auto r = runCli({"record", scene, "--out", target, "--size", "160x90"});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("--out"), qPrintable(r.err));
  }
  const auto odd = runCli({"record", scene, "--out", dir.filePath("c.ogv"), "--size", "161x90"});
  QCOMPARE(odd.code, 2);
  QCOMPARE(odd.err.count('\n'), 1);
  QVERIFY2(odd.err.contains("--size"), qPrintable(odd.err));
  QCOMPARE(leftovers(dir.path(), {"s.json", "plain"}), QStringList());
}

void TestRecordCommand::sigtermMidwayLeavesNoFile() {
  QTemporaryDir dir;
  const QString scene = writeScene(
      dir, "s.json",
      R"({"particles": 3000, "target": {"name": "8gaussians", "samples": 3000}, "steps": 100000})");
  for (const QString& target : {QString("clip.ogv"), QString("frames")}) {
    QProcess p;
    const QString out = dir.filePath(target);
    p.start(DRIFTLAB_CLI, {"record", scene, target.endsWith(".ogv") ? "--out" : "--frames", out,
                           "--size", "320x180"});
    QVERIFY(p.waitForStarted());
    // Wait until frames are being written (a temporary appears beside the target).
    QElapsedTimer clock;
    clock.start();
    while (leftovers(dir.path(), {"s.json"}).isEmpty() && clock.elapsed() < 60000) QTest::qWait(50);
    QVERIFY2(!leftovers(dir.path(), {"s.json"}).isEmpty(), "the recording never started");
    QTest::qWait(500);
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // ended by the signal, as it should
    QCOMPARE(leftovers(dir.path(), {"s.json"}), QStringList());
  }
}

void TestRecordCommand::withoutADisplayItSaysSoInOneLine() {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, "s.json", kScene);
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("WAYLAND_DISPLAY");
  env.remove("QT_QPA_PLATFORM");
  p.setProcessEnvironment(env);
  p.start(DRIFTLAB_CLI, {"record", scene, "--frames", dir.filePath("f")});
  QVERIFY(p.waitForFinished(60000));
  QCOMPARE(p.exitStatus(), QProcess::NormalExit);
  QCOMPARE(p.exitCode(), 1);
  const QString err = QString::fromUtf8(p.readAllStandardError());
  QCOMPARE(err.count('\n'), 1);
  QVERIFY2(err.contains("xvfb-run"), qPrintable(err));
  QCOMPARE(leftovers(dir.path(), {"s.json"}), QStringList());
}

QTEST_GUILESS_MAIN(TestRecordCommand)
#include "tst_record_command.moc"

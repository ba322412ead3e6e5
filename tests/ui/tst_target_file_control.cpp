// The image target's `file` control (issue 18): a line edit with Browse...; a good file applies
// live, a bad one shows the one-line error and keeps the last good state.
#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>

#include "gui_test_support.h"

#include "control_panel.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

void typeInto(QLineEdit* line, const QString& text) {
  line->setFocus();
  line->selectAll();
  QTest::keyClicks(line, text);
  QTest::keyClick(line, Qt::Key_Return);
}

}  // namespace

class TestTargetFileControl : public QObject {
  Q_OBJECT

 private slots:
  void fileAppliesLiveAndBadFilesAreRefused() {
    auto w = openWindow(smallScene(200, 200));
    QVERIFY(w);
    auto* combo = w->controls()->findChild<QComboBox*>("target.name");
    QVERIFY(combo);
    combo->setCurrentText("image");
    QCOMPARE(w->bridge()->scene().targetName, std::string("image"));
    auto* line = w->controls()->findChild<QLineEdit*>("target.file.text");
    QVERIFY(line);
    QVERIFY(w->controls()->findChild<QPushButton*>("target.file.browse"));
    QCOMPARE(line->text(), QString("smiley.png"));

    const QString good = QString(DRIFTLAB_SOURCE_DIR) + "/tests/data/test16.png";
    typeInto(line, good);
    // Edits are applied throttled (40 ms).
    QTRY_COMPARE_WITH_TIMEOUT(w->bridge()->scene().targetParams.text("file"), good.toStdString(),
                              5000);
    QVERIFY(waitForSnapshot(
        w->bridge(),
        [&](const Snapshot& s) {
          return s.scene.targetName == "image" &&
                 s.scene.targetParams.text("file") == good.toStdString();
        },
        10000));

    for (const QString bad :
         {QString("/no/such/file.png"), QString(DRIFTLAB_SOURCE_DIR) + "/tests/data/black8.png"}) {
      typeInto(line, bad);
      // The message names the field and this file; the last good state is shown again.
      QTRY_VERIFY2_WITH_TIMEOUT(w->statusMessage().startsWith("target.file: ") &&
                                    w->statusMessage().contains(QFileInfo(bad).fileName()),
                                qPrintable(w->statusMessage()), 5000);
      QVERIFY(!w->statusMessage().contains('\n'));
      QCOMPARE(w->bridge()->scene().targetParams.text("file"), good.toStdString());
      QTRY_COMPARE_WITH_TIMEOUT(line->text(), good, 5000);
    }
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestTargetFileControl)
#include "tst_target_file_control.moc"

#pragma once
/// Waiting on the GUI thread without blocking it (headless capture, offline recording).
#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

namespace driftlab::ui {

/// Processes events until `done()` or `timeoutMs`; returns whether `done()` held.
template <class Pred>
bool pumpUntil(Pred done, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > timeoutMs) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(1);
  }
  return true;
}

}  // namespace driftlab::ui

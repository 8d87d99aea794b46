# Precompiled headers: the Qt and standard headers that nearly every file of a target includes are
# parsed once per target instead of once per file. Parsing them was about half of a file's compile
# time, and compiling is most of CI's 30 minutes: with them ui/findings_pane.cpp compiles in 2.0
# instead of 3.9 s, tests/gui/tst_findings_pane.cpp in 4.1 instead of 6.5 s (gcc, three runs each).
#
# The lists hold only headers that most files of a tier include anyway; a file still includes what
# it uses. -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON (CMake's own switch) builds without them, which
# also shows a missing include.

set(KANSOKU_PCH_CORE_HEADERS
    <algorithm> <cmath> <cstdint> <functional> <limits> <map> <memory> <optional> <set> <string>
    <string_view> <unordered_map> <utility> <vector>
    <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QList> <QObject>
    <QString> <QStringList> <QVariant>)
set(KANSOKU_PCH_GUI_HEADERS ${KANSOKU_PCH_CORE_HEADERS} <QColor> <QFont> <QRectF>)
set(KANSOKU_PCH_WIDGETS_HEADERS ${KANSOKU_PCH_GUI_HEADERS}
    <QAction> <QApplication> <QComboBox> <QDialog> <QHBoxLayout> <QHeaderView> <QLabel>
    <QLineEdit> <QMenu> <QPainter> <QPushButton> <QTimer> <QToolButton> <QVBoxLayout> <QWidget>)
# The tests of one folder share one precompiled header (kansoku_add_test). Every test links Qt
# Test, Widgets, Concurrent and Network and compiles with -pthread, so that all have the same
# definitions: QTest's headers add the widget and network overloads only where those modules are
# linked.
set(KANSOKU_PCH_TEST_HEADERS ${KANSOKU_PCH_WIDGETS_HEADERS}
    <QTest> <QSignalSpy> <QTemporaryDir> <QFile> <QFileInfo> <QDir>)

# kansoku_precompile_headers(TARGET CORE|GUI|WIDGETS|TEST): the tier's headers, as the Qt modules
# the target links allow.
function(kansoku_precompile_headers target tier)
    target_precompile_headers(${target} PRIVATE ${KANSOKU_PCH_${tier}_HEADERS})
endfunction()

# Every third-party dependency, all from Debian 12 packages (see README).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Concurrent Gui Network HttpServer Widgets PrintSupport Svg
             Test)
# lrelease compiles resources/translations/*.ts into the binary; lupdate refreshes them (the
# update_translations target) and checks them (tests/translations). qt6-tools-dev on bookworm.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)
# libqcustomplot-dev's Qt 6 build; its target links Qt6::Widgets and Qt6::PrintSupport.
find_package(QCustomPlotQt6 CONFIG REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
find_package(Threads REQUIRED)

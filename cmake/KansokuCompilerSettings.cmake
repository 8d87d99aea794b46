# Project-wide compile settings: strict Qt string handling, warnings, optional sanitizers.
add_compile_definitions(
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    KANSOKU_VERSION="${PROJECT_VERSION}"
)

# Applied per target (generated protobuf code is exempt) through kansoku_set_warnings().
function(kansoku_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(KANSOKU_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# lld links where it is installed (the set-up installs it): a build links ~100 executables (~170
# in the instrumented build), and GNU ld took 1.5-1.8 s for each of the app and a GUI test where lld
# takes 0.3 s.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" KANSOKU_LINKER_LLD)
if(KANSOKU_LINKER_LLD)
    add_link_options(-fuse-ld=lld)
endif()

if(KANSOKU_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "KANSOKU_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
    endif()
    # Coverage for libFuzzer everywhere; the fuzz targets link its main() (tests/fuzz).
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

if(KANSOKU_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()

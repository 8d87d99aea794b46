# The dependency direction between the libraries (docs/ARCHITECTURE.md), checked when CMake runs:
# configuring fails if a library links, directly or through another, a target it must not.

# Appends to out_var every target that target links, directly or transitively.
function(_kansoku_linked_targets target out_var)
    set(found ${${out_var}})
    get_target_property(type ${target} TYPE)
    set(links)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
        get_target_property(direct ${target} LINK_LIBRARIES)
        if(direct)
            list(APPEND links ${direct})
        endif()
    endif()
    get_target_property(interface ${target} INTERFACE_LINK_LIBRARIES)
    if(interface)
        list(APPEND links ${interface})
    endif()
    foreach(link IN LISTS links)
        # $<LINK_ONLY:x> and similar wrappers around a target name.
        string(REGEX REPLACE "^\\$<[A-Z_]+:(.*)>$" "\\1" link "${link}")
        if(TARGET ${link} AND NOT link IN_LIST found)
            list(APPEND found ${link})
            _kansoku_linked_targets(${link} found)
        endif()
    endforeach()
    set(${out_var} ${found} PARENT_SCOPE)
endfunction()

# kansoku_forbid_links(TARGET FORBIDDEN...): fails the configuration if TARGET reaches one of them.
function(kansoku_forbid_links target)
    set(reached)
    _kansoku_linked_targets(${target} reached)
    foreach(forbidden IN LISTS ARGN)
        if(forbidden IN_LIST reached)
            message(FATAL_ERROR "${target} must not link ${forbidden} (see docs/ARCHITECTURE.md)")
        endif()
    endforeach()
endfunction()

set(_kansoku_gui_targets Qt6::Gui Qt6::Widgets Qt6::PrintSupport Qt6::Svg
                         QCustomPlotQt6::QCustomPlotQt6)
kansoku_forbid_links(kansoku_core kansoku_formats kansoku_analysis kansoku_view ${_kansoku_gui_targets})
kansoku_forbid_links(kansoku_formats kansoku_analysis kansoku_view ${_kansoku_gui_targets})
kansoku_forbid_links(kansoku_analysis kansoku_view kansoku_ui Qt6::Widgets)
kansoku_forbid_links(kansoku_view kansoku_ui kansoku_ingest kansoku_storage Qt6::Widgets)
kansoku_forbid_links(kansoku_scenarios kansoku_view kansoku_ui kansoku_ingest kansoku_storage
                     kansoku_app Qt6::Widgets)
kansoku_forbid_links(kansoku_ingest kansoku_analysis kansoku_view kansoku_storage kansoku_ui
                     kansoku_app ${_kansoku_gui_targets})
kansoku_forbid_links(kansoku_storage kansoku_analysis kansoku_view kansoku_ingest kansoku_ui
                     kansoku_app ${_kansoku_gui_targets})
kansoku_forbid_links(kansoku_ui kansoku_ingest kansoku_storage kansoku_app)

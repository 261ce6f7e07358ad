# @brief What `cmake --install` puts where, and the .deb CPack builds from the
# same rules: the two tools, their man pages (help2man, from --help) and bash
# completion. Included from the top-level CMakeLists.txt.
include(GNUInstallDirs)

install(TARGETS vnindex vnsearch RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/bash-completion/vnindex
              ${CMAKE_SOURCE_DIR}/packaging/bash-completion/vnsearch
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# Man pages are made from the tools' own --help and --version, so they never
# say something the tools do not. Not under the sanitizers: LeakSanitizer's
# report at exit would fail the build for ICU's caches.
find_program(HELP2MAN help2man)
if(HELP2MAN AND NOT VNSEARCH_SANITIZE)
  set(VNSEARCH_MAN_PAGES ON)
  set(vnindex_summary "build or update a vnsearch index of Vietnamese news articles")
  set(vnsearch_summary "search a vnindex index of Vietnamese news articles")
  set(man_pages)
  foreach(tool vnindex vnsearch)
    set(page ${CMAKE_BINARY_DIR}/man/${tool}.1)
    add_custom_command(
      OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
      COMMAND ${HELP2MAN} --no-info --section 1 --name ${${tool}_summary} --output ${page}
              $<TARGET_FILE:${tool}>
      COMMAND gzip -9nf ${page}
      DEPENDS ${tool}
      COMMENT "Writing the man page of ${tool}")
    list(APPEND man_pages ${page}.gz)
  endforeach()
  add_custom_target(man_pages ALL DEPENDS ${man_pages})
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  set(VNSEARCH_MAN_PAGES OFF)
  if(NOT HELP2MAN)
    message(WARNING "help2man not found: no man pages (apt-get install help2man)")
  endif()
endif()

# `cpack -G DEB` in the build folder: a .deb of the rules above, installing
# under /usr, with its library dependencies found by dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vnsearch)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "vnsearch maintainers <vnsearch@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for an archive of Vietnamese news")
set(CPACK_PACKAGE_DESCRIPTION
    "vnindex indexes a folder of articles (text, HTML, JSON; UTF-8 and legacy Vietnamese encodings); vnsearch searches it with or without diacritics.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
